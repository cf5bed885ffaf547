package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

// BenchmarkStore_RawHTML_keyframe reads a story's first page: compressed
// alone (a story URL with no host), against its host's dictionary with
// the dictionary cached, and with the cache emptied before every read
// (a fresh process's first read of that host: the dictionary is decoded
// too).
func BenchmarkStore_RawHTML_keyframe(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "redline.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	save := func(url string, raw []byte) redline.StoryID {
		st := redline.Story{URL: url}
		if err := s.AddStory(&st); err != nil {
			b.Fatal(err)
		}
		v := redline.Version{StoryID: st.ID, Article: redline.Article{Headline: "h", Paragraphs: []string{string(raw[:2000])}}}
		if _, err := s.SaveVersion(&v, raw); err != nil {
			b.Fatal(err)
		}
		return st.ID
	}
	template := strings.Repeat(`<script src="/static/app.js" defer></script><a class="nav" href="/section">Section</a>`, 400)
	article := func(i int) []byte {
		return []byte(template + strings.Repeat(strings.Repeat("word", i%7+1)+" text ", 2000) + template)
	}
	alone := save("no-host-story", article(1))
	save("http://127.0.0.2/first", article(2))
	shared := save("http://127.0.0.2/second", article(3))
	for _, bc := range []struct {
		name  string
		id    redline.StoryID
		clear bool
	}{{"alone", alone, false}, {"shared", shared, false}, {"shared-cold", shared, true}} {
		b.Run(bc.name, func(b *testing.B) {
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
