package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// BenchmarkStore_FileSize tracks stories the way a crawl does (each pass
// saves an edited version with its page and records a check per story)
// and reports the file size per story and per version after the passes,
// before and after Compact, against the live data: the sum of every key
// and value. Run with -benchtime=1x; each iteration builds a fresh file.
//
// Issue 14's goal: file ≤ 1.5× live data.
func BenchmarkStore_FileSize(b *testing.B) {
	for _, tc := range []struct{ stories, passes int }{{500, 1}, {2000, 1}, {2000, 5}} {
		b.Run(fmt.Sprintf("stories=%d/passes=%d", tc.stories, tc.passes), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				fileSizes(b, tc.stories, tc.passes)
			}
		})
	}
}

func fileSizes(b *testing.B, stories, passes int) {
	path := filepath.Join(b.TempDir(), "redline.db")
	s, err := store.Open(path, store.Options{Now: func() time.Time { return epoch }})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g := newGen(2000)
	ids := make([]redline.StoryID, stories)
	arts := make([]redline.Article, stories)
	for i := range ids {
		ids[i] = addStory(b, s, fmt.Sprintf("https://news.example/2026/story-%d", i))
		arts[i] = g.article(350)
	}
	for range passes {
		for i, id := range ids {
			save(b, s, id, arts[i], page(arts[i], g.sentence(6)))
			if _, err := s.RecordCheck(id, redline.Check{Result: redline.ResultChanged, HTTPStatus: 200},
				func(st *redline.Story) error { st.LastChecked = epoch; return nil }); err != nil {
				b.Fatal(err)
			}
			arts[i] = g.edit(arts[i])
		}
	}
	live := liveBytes(b, s)
	before := fileSize(b, path)
	st, err := s.Stats()
	if err != nil {
		b.Fatal(err)
	}
	res, err := s.Compact()
	if err != nil {
		b.Fatal(err)
	}
	versions := float64(stories * passes)
	b.ReportMetric(float64(live)/float64(stories), "live-B/story")
	b.ReportMetric(float64(before)/float64(stories), "file-B/story")
	b.ReportMetric(float64(before)/versions, "file-B/version")
	b.ReportMetric(float64(res.After)/versions, "compacted-B/version")
	b.ReportMetric(float64(before)/float64(live), "file/live")
	b.ReportMetric(float64(st.FileSize)/float64(live), "used/live")
	b.ReportMetric(float64(res.After)/float64(live), "compacted/live")
}

func fileSize(b *testing.B, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}

// liveBytes sums every key and value in a backup of s, nested buckets
// included: the bytes a perfectly packed file would need.
func liveBytes(b *testing.B, s *store.Store) int64 {
	path := filepath.Join(b.TempDir(), "live.db")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Backup(f); err != nil {
		b.Fatal(err)
	}
	f.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var n int64
	var walk func(bk *bolt.Bucket)
	walk = func(bk *bolt.Bucket) {
		_ = bk.ForEach(func(k, v []byte) error {
			n += int64(len(k) + len(v))
			if v == nil {
				walk(bk.Bucket(k))
			}
			return nil
		})
	}
	_ = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			n += int64(len(name))
			walk(bk)
			return nil
		})
	})
	return n
}
