package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// openCopy backs s up into a temp file and opens the copy read-only with
// raw bbolt, closed when the test ends.
func openCopy(t *testing.T, s *store.Store) *bolt.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("copy-%d.db", time.Now().UnixNano()))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// dump reads every key, value and bucket sequence of a database copy with
// raw bbolt, keyed by bucket path, so two files can be compared exactly.
func dump(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	db := openCopy(t, s)
	out := map[string]string{}
	var walk func(prefix string, b *bolt.Bucket)
	walk = func(prefix string, b *bolt.Bucket) {
		out[prefix+"#seq"] = fmt.Sprint(b.Sequence())
		_ = b.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(prefix+"/"+string(k), b.Bucket(k))
				return nil
			}
			out[prefix+"/"+string(k)] = string(v)
			return nil
		})
	}
	_ = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			walk(string(name), b)
			return nil
		})
	})
	return out
}

// fillForCompaction tracks stories with many versions and pages and purges
// most of them, leaving the file mostly free pages.
func fillForCompaction(t *testing.T, s *store.Store) (kept []redline.StoryID) {
	t.Helper()
	g := newGen(5)
	var ids []redline.StoryID
	for i := range 10 {
		id := addStory(t, s, fmt.Sprintf("https://news.example/story-%d", i))
		art := g.article(1500)
		for range 20 {
			save(t, s, id, art, page(art, g.sentence(30)))
			art = g.edit(art)
		}
		ids = append(ids, id)
	}
	// Purged last, so the freed pages are not reused by later stories.
	for i, id := range ids {
		if i%5 == 0 {
			kept = append(kept, id)
		} else if err := s.DeleteStory(id); err != nil {
			t.Fatal(err)
		}
	}
	return kept
}

func TestStore_Compact(t *testing.T) {
	s, _ := newStore(t)
	kept := fillForCompaction(t, s)
	before := dump(t, s)
	versions := map[redline.StoryID][]redline.Version{}
	for _, id := range kept {
		versions[id], _ = s.Versions(id)
	}

	res, err := s.Compact()
	if err != nil {
		t.Fatalf("Compact: %v", err)
	}
	fi, _ := os.Stat(s.Path())
	if res.After != fi.Size() || res.Before <= 0 {
		t.Errorf("Compact reported %+v, file is %d bytes", res, fi.Size())
	}
	t.Logf("compacted %d → %d bytes", res.Before, res.After)
	if res.After*4 > res.Before {
		t.Errorf("compaction of a file with 8 of 10 stories purged: %d → %d bytes, want a quarter or less", res.Before, res.After)
	}
	if after := dump(t, s); !maps.Equal(before, after) {
		for k, v := range before {
			if after[k] != v {
				t.Errorf("key %q changed by compaction (%d → %d bytes)", k, len(v), len(after[k]))
			}
		}
		t.Fatalf("compaction changed the data: %d keys before, %d after", len(before), len(after))
	}
	for id, want := range versions {
		got, err := s.Versions(id)
		if err != nil || len(got) != len(want) {
			t.Fatalf("story %d after compaction: %d versions, %v", id, len(got), err)
		}
	}
	if _, err := os.Stat(s.Path() + ".compact"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary copy left behind: %v", err)
	}
	// The store keeps working on the new file, and IDs are not reused:
	// the stories bucket's sequence came across.
	id := addStory(t, s, "https://news.example/after")
	if id != 11 {
		t.Errorf("story added after compaction got ID %d, want 11", id)
	}
	g := newGen(9)
	art := g.article(200)
	save(t, s, id, art, page(art, "n"))
}

func TestStore_Compact_underLoad(t *testing.T) {
	s, _ := newStore(t)
	kept := fillForCompaction(t, s)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var saved int
	wg.Go(func() {
		g := newGen(3)
		id := addStory(t, s, "https://news.example/live")
		art := g.article(300)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := s.SaveVersion(&redline.Version{StoryID: id, Article: art}, page(art, "x")); err != nil {
				t.Errorf("save during compaction: %v", err)
				return
			}
			saved++
			art = g.edit(art)
		}
	})
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := s.Versions(kept[0]); err != nil {
				t.Errorf("read during compaction: %v", err)
				return
			}
		}
	})
	for range 3 {
		if _, err := s.Compact(); err != nil {
			t.Fatalf("Compact under load: %v", err)
		}
	}
	close(stop)
	wg.Wait()
	st, err := s.StoryByURL("https://news.example/live")
	if err != nil || st.Versions != saved {
		t.Errorf("live story has %d versions after compactions, %d were saved (%v)", st.Versions, saved, err)
	}
}

// A crash after the copy and before the swap leaves the original file as
// it was, and the store running on it.
func TestStore_Compact_failureKeepsOriginal(t *testing.T) {
	s, _ := newStore(t)
	fillForCompaction(t, s)
	orig, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer store.SetBeforeSwap(func(tmp string) error {
		if _, err := os.Stat(tmp); err != nil {
			t.Errorf("no complete copy at %s before the swap: %v", tmp, err)
		}
		return errors.New("simulated crash")
	})()
	if _, err := s.Compact(); err == nil || !bytes.Contains([]byte(err.Error()), []byte("simulated crash")) {
		t.Fatalf("Compact = %v, want the simulated failure", err)
	}
	now, _ := os.ReadFile(s.Path())
	if !bytes.Equal(orig, now) {
		t.Errorf("the database file changed although compaction failed")
	}
	if _, err := os.Stat(s.Path() + ".compact"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary copy left behind: %v", err)
	}
	addStory(t, s, "https://news.example/still-works")
}

// A process waiting for the lock while the file is swapped must not end up
// holding the replaced file, where its writes would vanish.
func TestStore_Compact_waiterGetsNoReplacedFile(t *testing.T) {
	s, _ := newStore(t)
	fillForCompaction(t, s)
	opened := make(chan error, 1)
	defer store.SetBeforeSwap(func(string) error {
		go func() {
			other, err := store.Open(s.Path(), store.Options{Timeout: 1500 * time.Millisecond})
			if err == nil {
				other.Close()
			}
			opened <- err
		}()
		time.Sleep(300 * time.Millisecond) // let it open the old file and wait for its lock
		return nil
	})()
	if _, err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if err := <-opened; !errors.Is(err, redline.ErrDatabaseLocked) {
		t.Errorf("open during the swap = %v, want ErrDatabaseLocked (the new file is held)", err)
	}
}

func TestStore_Compact_readOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "redline.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Compact(); err == nil {
		t.Errorf("Compact on a read-only store of %s succeeded", path)
	}
}
