package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

func openInternal(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "redline.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("check at cleanup: %v", err)
		}
		s.Close()
	})
	return s
}

func hostPage(host string, i int) []byte {
	return fmt.Appendf(nil, "<html><head>%s</head><body><p>story %d</p>%s</body></html>",
		strings.Repeat("<script src=/"+host+".js></script>", 100), i, strings.Repeat("<footer>"+host+"</footer>", 50))
}

// TestKeyframe_rollbackLeavesNoDictionary: a dictionary made in a
// transaction that does not commit is neither stored nor cached, so the
// ID it was given, handed out again by the next transaction, cannot make
// a later record decode against the wrong bytes.
func TestKeyframe_rollbackLeavesNoDictionary(t *testing.T) {
	s := openInternal(t)
	key := dictKey{kind: dictPages, host: "127.0.0.9"}
	crash := errors.New("crash before commit")
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := s.keyframe(tx, hostPage("first", 1), key, 1, nil); err != nil {
			return err
		}
		return crash
	})
	if !errors.Is(err, crash) {
		t.Fatal(err)
	}
	if n := s.dicts.len(); n != 0 {
		t.Fatalf("%d dictionaries cached from a rolled-back transaction", n)
	}
	second := hostPage("second", 2)
	var rec []byte
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		rec, err = s.keyframe(tx, second, key, 1, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketDicts).Stats().KeyN != 1 {
			return fmt.Errorf("%d dictionaries stored, want 1", tx.Bucket(bucketDicts).Stats().KeyN)
		}
		r, err := parseRecord(rec)
		if err != nil {
			return err
		}
		got, err := s.decodeRecord(span{b: tx.Bucket(bucketPages)}, r, nil)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, second) {
			return fmt.Errorf("record decodes to %d bytes, want the %d stored", len(got), len(second))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDictCache_bounded: the cache keeps the most recently used
// dictionaries within its budget and refuses one larger than all of it.
func TestDictCache_bounded(t *testing.T) {
	c := newDictCache(100)
	for id := range uint64(5) {
		c.put(id+1, make([]byte, 30))
	}
	if _, ok := c.get(5); !ok || c.len() != 3 {
		t.Fatalf("after 5 puts of 30 bytes in 100: %d cached, newest present %v; want 3 and true", c.len(), ok)
	}
	c.get(3)
	c.put(6, make([]byte, 30))
	if _, ok := c.get(3); !ok {
		t.Error("the recently read dictionary was evicted")
	}
	if _, ok := c.get(4); ok {
		t.Error("the least recently used dictionary was kept")
	}
	c.put(7, make([]byte, 101))
	if _, ok := c.get(7); ok || c.len() != 3 {
		t.Errorf("a dictionary over the budget was cached (%d entries)", c.len())
	}
}

// TestStore_SharedDict_concurrentReads: readers of many hosts' shared
// keyframes, with a cache too small for them all, race writers creating
// new hosts' dictionaries; run with -race.
func TestStore_SharedDict_concurrentReads(t *testing.T) {
	s := openInternal(t)
	s.dicts = newDictCache(3 * len(hostPage("127.0.0.10", 0)))
	const hosts = 8
	ids := make([]redline.StoryID, hosts)
	for h := range hosts {
		st := redline.Story{URL: fmt.Sprintf("http://127.0.0.%d/s", 10+h)}
		if err := s.AddStory(&st); err != nil {
			t.Fatal(err)
		}
		ids[h] = st.ID
		v := redline.Version{StoryID: st.ID, Article: redline.Article{Headline: "h", Paragraphs: []string{strings.Repeat("word ", 300)}}}
		if _, err := s.SaveVersion(&v, hostPage(st.URL, h)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for r := range 4 {
		wg.Go(func() {
			for i := range 40 {
				h := (i + r) % hosts
				raw, err := s.RawHTML(ids[h], 1)
				if err != nil || !bytes.Equal(raw, hostPage(fmt.Sprintf("http://127.0.0.%d/s", 10+h), h)) {
					errs <- fmt.Errorf("reader %d host %d: %d bytes, %v", r, h, len(raw), err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for h := range 6 {
			st := redline.Story{URL: fmt.Sprintf("http://127.0.1.%d/s", h)}
			if err := s.AddStory(&st); err != nil {
				errs <- err
				return
			}
			v := redline.Version{StoryID: st.ID, Article: redline.Article{Headline: "n", Paragraphs: []string{strings.Repeat("text ", 300)}}}
			if _, err := s.SaveVersion(&v, hostPage(st.URL, h)); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if s.dicts.size > s.dicts.max {
		t.Errorf("cache holds %d bytes, budget %d", s.dicts.size, s.dicts.max)
	}
}
