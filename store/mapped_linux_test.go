package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// scatteredStore is a file of n stories whose records were rewritten one
// transaction at a time, as checks rewrite them, so their pages are spread
// over the file.
func scatteredStore(t *testing.T, n int) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range n {
		st := redline.Story{URL: fmt.Sprintf("http://127.0.0.1/story/%d", i)}
		if err := s.AddStory(&st); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		_, err := s.UpdateStory(redline.StoryID(i+1), func(st *redline.Story) error {
			st.Headline = fmt.Sprintf("Headline of story %d", i)
			st.ExtractHint = strings.Repeat("h", 600)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// mappedKiB is what this process has resident of its mappings of path.
func mappedKiB(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	var kib int64
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fl := strings.Fields(sc.Text())
		if len(fl) >= 5 && strings.Contains(fl[0], "-") && !strings.HasSuffix(fl[0], ":") {
			in = len(fl) >= 6 && fl[5] == path
			continue
		}
		if in && len(fl) >= 2 && fl[0] == "Rss:" {
			n, _ := strconv.ParseInt(fl[1], 10, 64)
			kib += n
		}
	}
	return kib
}

// Releasing the mapping must drop what the scan mapped and leave every
// byte readable, inside the same transaction.
func TestReleaseMapped(t *testing.T) {
	s, path := scatteredStore(t, 300)
	err := s.db.View(func(tx *bolt.Tx) error {
		read := func() (map[string]string, error) {
			got := map[string]string{}
			err := tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
				got[string(k)] = string(v)
				return nil
			})
			return got, err
		}
		before, err := read()
		if err != nil {
			return err
		}
		touched := mappedKiB(t, path)
		releaseMapped(tx)
		if after := mappedKiB(t, path); touched == 0 || after != 0 {
			t.Errorf("mapped %d KiB after reading the stories, %d KiB after releasing; want some, then none", touched, after)
		}
		again, err := read()
		if err != nil {
			return err
		}
		if len(again) != len(before) || len(before) != 300 {
			t.Fatalf("read %d stories, then %d after releasing; want 300", len(before), len(again))
		}
		for k, v := range before {
			if again[k] != v {
				t.Fatalf("story %x reads differently after releasing the mapping", k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Stories keeps only the last few records' pages mapped, and returns
// every story whole across the releases.
func TestStore_Stories_releasesAsItScans(t *testing.T) {
	const n = 1000
	s, path := scatteredStore(t, n)
	var whole int64
	err := s.db.View(func(tx *bolt.Tx) error {
		releaseMapped(tx)
		err := tx.Bucket(bucketStories).ForEach(func(_, _ []byte) error { return nil })
		whole = mappedKiB(t, path)
		releaseMapped(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	stories, err := s.Stories()
	if err != nil {
		t.Fatal(err)
	}
	left := mappedKiB(t, path)
	if left*4 > whole {
		t.Errorf("after Stories %d KiB of the file are mapped, a plain scan maps %d KiB; want under a quarter", left, whole)
	}
	if len(stories) != n {
		t.Fatalf("Stories returned %d, want %d", len(stories), n)
	}
	for i, st := range stories {
		if st.ID != redline.StoryID(i+1) || st.Headline != fmt.Sprintf("Headline of story %d", i) || len(st.ExtractHint) != 600 {
			t.Fatalf("story %d = ID %d, headline %q, hint of %d bytes", i+1, st.ID, st.Headline, len(st.ExtractHint))
		}
	}
}
