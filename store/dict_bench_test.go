package store

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// BenchmarkStore_RawHTML_keyframe reads a story's first page: compressed
// alone (a story URL with no host), against its host's dictionary with
// the dictionary cached, and with the cache emptied before every read
// (a fresh process's first read of that host: the dictionary is decoded
// too); then as a text keyframe, against the dictionary and its version,
// whose chain the read decodes as well.
func BenchmarkStore_RawHTML_keyframe(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "redline.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	template := strings.Repeat(`<script src="/static/app.js" defer></script><a class="nav" href="/section">Section</a>`, 400)
	// Words of the story's own, as an article's mostly are.
	words := func(i int) string {
		rng := rand.New(rand.NewPCG(16, uint64(i)))
		w := make([]string, 3000)
		for j := range w {
			w[j] = fmt.Sprintf("w%x", rng.IntN(1<<16))
		}
		return strings.Join(w, " ")
	}
	// A text keyframe's version holds the page's words; the others' pages
	// are stored without their version's text, as before text keyframes.
	save := func(url string, i int, text bool) redline.StoryID {
		st := redline.Story{URL: url}
		if err := s.AddStory(&st); err != nil {
			b.Fatal(err)
		}
		raw := []byte(template + words(i) + template)
		v := redline.Version{StoryID: st.ID, Article: redline.Article{Headline: "h", Paragraphs: []string{words(i)}}}
		if text {
			if _, err := s.SaveVersion(&v, raw); err != nil {
				b.Fatal(err)
			}
			return st.ID
		}
		if _, err := s.SaveVersion(&v, nil); err != nil {
			b.Fatal(err)
		}
		err := s.db.Update(func(tx *bolt.Tx) error {
			data, err := storyData(tx, st.ID)
			if err != nil {
				return err
			}
			_, err = s.putChained(data.pages, 1, raw, 0, nil, dictKeyFor(dictPages, url), nil)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		return st.ID
	}
	alone := save("no-host-story", 1, false)
	save("http://127.0.0.2/first", 2, false)
	shared := save("http://127.0.0.2/second", 3, false)
	text := save("http://127.0.0.2/third", 4, true)
	for _, bc := range []struct {
		name  string
		id    redline.StoryID
		kind  byte
		clear bool
	}{{"alone", alone, kindKeyframe, false}, {"shared", shared, kindShared, false}, {"shared-cold", shared, kindShared, true},
		{"text", text, kindText, false}, {"text-cold", text, kindText, true}} {
		b.Run(bc.name, func(b *testing.B) {
			err := s.db.View(func(tx *bolt.Tx) error {
				if k := tx.Bucket(bucketPages).Get(append(idKey(bc.id), u64(1)...))[0]; k != bc.kind {
					return fmt.Errorf("page is kind %q, want %q", k, bc.kind)
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if bc.clear {
					s.dicts = newDictCache(dictCacheBytes)
				}
				if _, err := s.RawHTML(bc.id, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
