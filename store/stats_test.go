package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// TestStore_Stats_compression is the storage budget: an edited paragraph
// in a 5,000-word article must cost under 1 KB as a version.
func TestStore_Stats_compression(t *testing.T) {
	s, _ := newStore(t)
	id := addStory(t, s, "https://news.example/long")
	g := newGen(5000)
	a := g.article(5000)
	save(t, s, id, a, page(a, "one"))
	before, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	edited := a
	edited.Paragraphs = append([]string(nil), a.Paragraphs...)
	edited.Paragraphs[len(a.Paragraphs)/2] = g.editParagraph(a.Paragraphs[len(a.Paragraphs)/2])
	if _, stored := save(t, s, id, edited, page(edited, "two")); !stored {
		t.Fatal("edit not stored")
	}
	after, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	version := after.VersionBytes - before.VersionBytes
	raw := after.RawBytes - before.RawBytes
	t.Logf("first version %d bytes (%d plain); edit %d bytes; page edit %d bytes of %d",
		before.VersionBytes, before.VersionPlainBytes, version, raw, after.RawPlainBytes-before.RawPlainBytes)
	if version >= 1024 {
		t.Errorf("edited version stored in %d bytes, want < 1024", version)
	}
	if raw >= 2048 {
		t.Errorf("edited page stored in %d bytes, want < 2048", raw)
	}
	if before.VersionBytes*2 > before.VersionPlainBytes {
		t.Errorf("keyframe %d bytes of %d plain: not compressed", before.VersionBytes, before.VersionPlainBytes)
	}
}

func TestStore_Stats(t *testing.T) {
	s, _ := newStore(t)
	if st, err := s.Stats(); err != nil || st.Stories != 0 || st.Versions != 0 || st.FileSize == 0 {
		t.Fatalf("Stats() on empty store = %+v, %v", st, err)
	}
	g := newGen(3)
	a := addStory(t, s, "https://news.example/a")
	b := addStory(t, s, "https://news.example/b")
	if err := s.AddAlias(b, "https://news.example/b2"); err != nil {
		t.Fatal(err)
	}
	art := g.article(100)
	for i := range 20 {
		var raw []byte
		if i%2 == 0 {
			raw = page(art, "x")
		}
		save(t, s, a, art, raw)
		art = g.edit(art)
		if err := s.AddCheck(b, redline.Check{Result: redline.ResultUnchanged}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	counts := [6]int{got.Stories, got.URLs, got.Versions, got.Keyframes, got.Pages, got.Checks}
	if want := [6]int{2, 3, 20, 2, 10, 20}; counts != want {
		t.Errorf("Stories, URLs, Versions, Keyframes, Pages, Checks = %v, want %v", counts, want)
	}
	if got.VersionBytes <= 0 || got.VersionBytes >= got.VersionPlainBytes || got.RawBytes >= got.RawPlainBytes {
		t.Errorf("byte counts not plausible: %+v", got)
	}
	one, err := s.StoryStats(a)
	if err != nil {
		t.Fatal(err)
	}
	if one.Versions != 20 || one.VersionBytes != got.VersionBytes || one.Checks != 0 || one.URLs != 1 {
		t.Errorf("StoryStats(%d) = %+v", a, one)
	}
	if _, err := s.StoryStats(99); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("StoryStats(unknown) = %v", err)
	}
}

func TestStore_DeleteStory(t *testing.T) {
	s, _ := newStore(t)
	g := newGen(9)
	keep := addStory(t, s, "https://news.example/keep")
	gone := addStory(t, s, "https://news.example/gone")
	if err := s.AddAlias(gone, "https://news.example/gone-final"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []redline.StoryID{keep, gone} {
		art := g.article(200)
		for range 3 {
			save(t, s, id, art, page(art, "x"))
			art = g.edit(art)
			if err := s.AddCheck(id, redline.Check{Result: redline.ResultChanged}); err != nil {
				t.Fatal(err)
			}
		}
	}
	wantKeep, err := s.Versions(keep)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStory(gone); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStory(gone); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("second DeleteStory = %v, want ErrStoryNotFound", err)
	}
	lookups := map[string]func() error{
		"Story":         func() error { _, err := s.Story(gone); return err },
		"StoryByURL":    func() error { _, err := s.StoryByURL("https://news.example/gone"); return err },
		"alias":         func() error { _, err := s.StoryByURL("https://news.example/gone-final"); return err },
		"Versions":      func() error { _, err := s.Versions(gone); return err },
		"LatestVersion": func() error { _, err := s.LatestVersion(gone); return err },
		"RawHTML":       func() error { _, err := s.RawHTML(gone, 1); return err },
		"Checks":        func() error { _, err := s.Checks(gone, 0); return err },
	}
	for name, fn := range lookups {
		if err := fn(); !errors.Is(err, redline.ErrStoryNotFound) {
			t.Errorf("%s after delete = %v, want ErrStoryNotFound", name, err)
		}
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Stories != 1 || st.URLs != 1 || st.Versions != 3 || st.Pages != 3 || st.Checks != 3 {
		t.Errorf("Stats after delete = %+v, want only the kept story", st)
	}
	if got, err := s.Versions(keep); err != nil || !reflect.DeepEqual(got, wantKeep) {
		t.Errorf("kept story's versions changed: %v", err)
	}
	// The URL is free again and gets a fresh ID: IDs are never reused.
	if again := addStory(t, s, "https://news.example/gone"); again <= gone {
		t.Errorf("re-added story got ID %d, want > %d", again, gone)
	}
}

func TestStore_Backup(t *testing.T) {
	s, _ := newStore(t)
	g := newGen(11)
	id := addStory(t, s, "https://news.example/a")
	art := g.article(400)
	save(t, s, id, art, page(art, "x"))
	path := filepath.Join(t.TempDir(), "backup.db")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Backup(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != n || n == 0 {
		t.Errorf("Backup wrote %d bytes, file has %d", n, fi.Size())
	}
	copied, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if err := copied.Check(); err != nil {
		t.Errorf("Check() on backup: %v", err)
	}
	want, _ := s.Versions(id)
	if got, err := copied.Versions(id); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("backup versions differ: %v", err)
	}
}

// story1 is story 1's key prefix in every per-kind bucket; key1 adds a
// record number.
var story1 = []byte{0, 0, 0, 0, 0, 0, 0, 1}

func key1(n byte) []byte { return append(append([]byte(nil), story1...), 0, 0, 0, 0, 0, 0, 0, n) }

// TestStore_Check breaks one invariant at a time behind the store's back
// and expects Check to notice each.
func TestStore_Check(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx) error
	}{
		{name: "url index entry removed", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("urls")).Delete([]byte("https://news.example/a"))
		}},
		{name: "head hash wrong", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("heads")).Put(story1, append([]byte{0, 0, 0, 0, 0, 0, 0, 3}, "0000"...))
		}},
		{name: "version record truncated", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("versions")).Put(key1(2), []byte("D\x01\x01"))
		}},
		{name: "version missing from the middle", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("versions")).Delete(key1(2))
		}},
		{name: "orphan version", corrupt: func(tx *bolt.Tx) error {
			vb := tx.Bucket([]byte("versions"))
			return vb.Put(append([]byte{0, 0, 0, 0, 0, 0, 0, 9}, key1(1)[8:]...), vb.Get(key1(1)))
		}},
		{name: "orphan head", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("heads")).Put([]byte{0, 0, 0, 0, 0, 0, 0, 9}, tx.Bucket([]byte("heads")).Get(story1))
		}},
		{name: "malformed key", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("checks")).Put([]byte{0, 1}, []byte("{}"))
		}},
		{name: "page of no version", corrupt: func(tx *bolt.Tx) error {
			pb := tx.Bucket([]byte("pages"))
			return pb.Put(key1(7), pb.Get(key1(1)))
		}},
		{name: "page both stored and dropped", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("drops")).Put(key1(1), make([]byte, 16))
		}},
		{name: "hash indexed to no version", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("hashes")).Put(append(story1, "feed"...), []byte{0, 0, 0, 0, 0, 0, 0, 8})
		}},
		{name: "check undecodable", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("checks")).Put(key1(1), []byte("{"))
		}},
		{name: "alias not indexed", corrupt: func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("aliases")).Put(append(story1, "https://news.example/other"...), nil)
		}},
		{name: "kind bucket missing", corrupt: func(tx *bolt.Tx) error {
			return tx.DeleteBucket([]byte("drops"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "redline.db")
			s, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			id := addStory(t, s, "https://news.example/a")
			g := newGen(1)
			art := g.article(100)
			for range 3 {
				save(t, s, id, art, page(art, "x"))
				art = g.edit(art)
			}
			if err := s.AddCheck(id, redline.Check{Result: redline.ResultChanged}); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatalf("Check() before breaking: %v", err)
			}
			s.Close()
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(tt.corrupt); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s, err = store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.Check()
			t.Logf("Check() = %v", err)
			if !errors.Is(err, store.ErrCorrupt) {
				t.Errorf("Check() = %v, want ErrCorrupt", err)
			}
		})
	}
}
