package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// textStory saves one story of host whose page holds its article, as a
// real page does, and returns it with the page.
func textStory(t *testing.T, s *Store, host string, i int) (redline.StoryID, []byte) {
	t.Helper()
	st := redline.Story{URL: fmt.Sprintf("http://%s/story-%d", host, i)}
	if err := s.AddStory(&st); err != nil {
		t.Fatal(err)
	}
	// Words unique to the story, as a real article's mostly are, so only
	// its own version can supply them.
	rng := rand.New(rand.NewPCG(21, uint64(i)))
	var paras []string
	for range 40 {
		w := make([]string, 30)
		for j := range w {
			w[j] = fmt.Sprintf("w%x", rng.IntN(1<<16))
		}
		paras = append(paras, strings.Join(w, " ")+".")
	}
	a := redline.Article{Headline: fmt.Sprintf("Story %d", i), Paragraphs: paras}
	page := hostPage(host, i)
	page = append(page[:len(page)-len("</body></html>")], "<article><p>"+strings.Join(paras, "</p>\n<p>")+"</p></article></body></html>"...)
	v := redline.Version{StoryID: st.ID, Article: a}
	if _, err := s.SaveVersion(&v, page); err != nil {
		t.Fatal(err)
	}
	return st.ID, page
}

// pageRecord is the stored page n of story id, copied out.
func pageRecord(t *testing.T, s *Store, id redline.StoryID, n uint64) record {
	t.Helper()
	var r record
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get(append(idKey(id), u64(n)...))
		var err error
		r, err = parseRecord(append([]byte(nil), v...))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTextKeyframe_storesTheWordsOnce: a page keyframe that holds its
// article is stored against its host's dictionary and its version, at
// under half of what the host's dictionary alone makes of it, and reads
// back byte-identical.
func TestTextKeyframe_storesTheWordsOnce(t *testing.T) {
	s := openInternal(t)
	textStory(t, s, "127.0.0.20", 1) // the host's dictionary
	id, page := textStory(t, s, "127.0.0.20", 2)
	r := pageRecord(t, s, id, 1)
	if r.text != 1 || r.dict == 0 {
		t.Fatalf("page keyframe has text %d, dictionary %d; want version 1 and the host's", r.text, r.dict)
	}
	var hostOnly []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		dict, err := s.dictContent(tx, r.dict)
		if err != nil {
			return err
		}
		hostOnly, err = s.codec.compressShared(nil, page, dict, sharedDictID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.frame)*2 > len(hostOnly) {
		t.Errorf("text keyframe frame %d bytes, the host's dictionary alone %d; want under half", len(r.frame), len(hostOnly))
	}
	if got, err := s.RawHTML(id, 1); err != nil || !bytes.Equal(got, page) {
		t.Errorf("RawHTML = %d bytes, %v; want the %d stored", len(got), err, len(page))
	}
}

// TestTextKeyframe_checked: Check reports a text keyframe whose version is
// missing, and one found among the versions, where it would make a read
// recurse, without hanging.
func TestTextKeyframe_checked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bucket []byte
		text   uint64
		want   string
	}{
		{"version missing", bucketPages, 99, "version 99, which its page is compressed against, is missing"},
		{"in versions", bucketVersions, 1, "a version stored as a text keyframe"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(t.TempDir()+"/redline.db", Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			id, _ := textStory(t, s, "127.0.0.21", 1)
			r := pageRecord(t, s, id, 1)
			r.text = tc.text
			err = s.db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(tc.bucket).Put(append(idKey(id), u64(1)...), encodeRecord(r))
			})
			if err != nil {
				t.Fatal(err)
			}
			problems, err := s.Problems()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(fmt.Sprint(problems), tc.want) {
				t.Errorf("Problems() = %v; want one saying %q", problems, tc.want)
			}
		})
	}
}
