package store

import (
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// Stats describes what a database or one story holds. Byte counts are of
// stored values including their small record headers; the Plain counts are
// the same records before compression, so their ratio is the saving.
type Stats struct {
	Stories int
	URLs    int // index entries: every story URL and alias
	// Versions counts stored versions; Keyframes of them are compressed
	// without a dictionary.
	Versions  int
	Keyframes int
	Pages     int // versions with raw HTML
	Checks    int

	VersionBytes      int64
	VersionPlainBytes int64
	RawBytes          int64
	RawPlainBytes     int64
	// FileSize is the size of the database file's used pages. bbolt never
	// shrinks the file, so it can exceed what the counts above need.
	FileSize int64
}

// Stats walks the whole database, reading record headers only.
func (s *Store) Stats() (Stats, error) {
	var st Stats
	err := s.db.View(func(tx *bolt.Tx) error {
		st.FileSize = tx.Size()
		st.Stories = tx.Bucket(bucketStories).Stats().KeyN
		st.URLs = tx.Bucket(bucketURLs).Stats().KeyN
		for _, name := range [][]byte{bucketVersions, bucketPages, bucketChecks} {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("%w: missing %q bucket", ErrCorrupt, name)
			}
		}
		return addStats(&st, tx.Bucket(bucketVersions), tx.Bucket(bucketPages), tx.Bucket(bucketChecks))
	})
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats of %s: %w", s.path, err)
	}
	return st, nil
}

// StoryStats is Stats for one story; Stories is 1, URLs counts its URL and
// aliases, and FileSize is 0.
func (s *Store) StoryStats(id redline.StoryID) (Stats, error) {
	st := Stats{Stories: 1, URLs: 1}
	err := s.db.View(func(tx *bolt.Tx) error {
		story, err := getStory(tx, id)
		if err != nil {
			return err
		}
		data, err := storyData(tx, id)
		if err != nil {
			return err
		}
		_ = data.aliases.ForEach(func(k, _ []byte) error {
			if string(k) != story.URL {
				st.URLs++
			}
			return nil
		})
		return addStats(&st, data.versions, data.pages, data.checks)
	})
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats of story %d: %w", id, err)
	}
	return st, nil
}

// records is what Stats reads: a whole kind's bucket, or one story's span.
type records interface {
	ForEach(fn func(k, v []byte) error) error
}

func addStats(st *Stats, versions, pages, checks records) error {
	for _, b := range []struct {
		bk               records
		count, keyframes *int
		bytes, plain     *int64
	}{
		{versions, &st.Versions, &st.Keyframes, &st.VersionBytes, &st.VersionPlainBytes},
		{pages, &st.Pages, nil, &st.RawBytes, &st.RawPlainBytes},
	} {
		err := b.bk.ForEach(func(k, v []byte) error {
			r, err := parseRecord(v)
			if err != nil {
				return fmt.Errorf("record %x: %w", k, err)
			}
			*b.count++
			*b.bytes += int64(len(v))
			*b.plain += int64(r.plainLen)
			if !r.delta && b.keyframes != nil {
				*b.keyframes++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return checks.ForEach(func(_, _ []byte) error { st.Checks++; return nil })
}

// Backup writes a consistent copy of the whole database file to w while
// the store stays in use, and returns the bytes written. The copy opens
// with Open like the original.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup %s: %w", s.path, err)
	}
	return n, nil
}
