package store_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// BenchmarkStore_Migrate10000 migrates a schema-1 file of 10,000 stories,
// each a copy of the fixture's second story (6 versions with pages, 5
// checks, aliases), and reports the time, the file sizes and the peak
// heap: the migration moves at most 16 MiB of records per transaction, so
// the heap stays far below the file. Run with -benchtime=1x.
func BenchmarkStore_Migrate10000(b *testing.B) {
	const stories = 10000
	src := filepath.Join(b.TempDir(), "schema1-10000.db")
	buildSchema1(b, src, stories)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "redline.db")
		copyFile(b, src, path)
		before := fileSize(b, path)
		runtime.GC()
		stop, peak := sampleHeap()
		b.StartTimer()
		s, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		stop()
		all, err := s.Stories()
		if err != nil || len(all) != stories {
			b.Fatalf("%d stories after migration, %v; want %d", len(all), err, stories)
		}
		if vs, err := s.Versions(all[stories-1].ID); err != nil || len(vs) != all[stories-1].Versions {
			b.Fatalf("last story's versions after migration: %d, %v", len(vs), err)
		}
		s.Close()
		b.ReportMetric(float64(before)/1e6, "schema1-MB")
		b.ReportMetric(float64(fileSize(b, path))/1e6, "schema2-compacted-MB")
		b.ReportMetric(float64(*peak)/(1<<20), "peak-heap-MiB")
	}
}

// sampleHeap records the largest live heap until stop is called.
func sampleHeap() (stop func(), peak *uint64) {
	peak = new(uint64)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }, peak
}

// buildSchema1 writes a schema-1 file of n stories with bbolt alone,
// cloning the fixture's second story: only the schema-1 release can write
// one through the store.
func buildSchema1(b *testing.B, path string, n int) {
	fixturePath, want := schema1File(b)
	tmpl := want.Stories[1].Story
	old, err := bolt.Open(fixturePath, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer old.Close()
	recs := map[string]map[string][]byte{}
	var head []byte
	_ = old.View(func(tx *bolt.Tx) error {
		data := tx.Bucket([]byte("data")).Bucket(u64b(uint64(tmpl.ID)))
		head = append([]byte(nil), data.Get([]byte("head"))...)
		return data.ForEachBucket(func(name []byte) error {
			recs[string(name)] = map[string][]byte{}
			return data.Bucket(name).ForEach(func(k, v []byte) error {
				recs[string(name)][string(k)] = append([]byte(nil), v...)
				return nil
			})
		})
	})
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for start := 1; start <= n; start += 500 {
		err := db.Update(func(tx *bolt.Tx) error {
			meta, _ := tx.CreateBucketIfNotExists([]byte("meta"))
			if err := meta.Put([]byte("schema"), u64b(1)); err != nil {
				return err
			}
			stories, _ := tx.CreateBucketIfNotExists([]byte("stories"))
			urls, _ := tx.CreateBucketIfNotExists([]byte("urls"))
			data, _ := tx.CreateBucketIfNotExists([]byte("data"))
			for id := start; id < start+500 && id <= n; id++ {
				st := tmpl
				st.ID = redline.StoryID(id)
				st.URL = fmt.Sprintf("https://news.example/clone-%d", id)
				js, _ := json.Marshal(st)
				if err := stories.Put(u64b(uint64(id)), js); err != nil {
					return err
				}
				if err := urls.Put([]byte(st.URL), u64b(uint64(id))); err != nil {
					return err
				}
				sb, err := data.CreateBucket(u64b(uint64(id)))
				if err != nil {
					return err
				}
				if err := sb.Put([]byte("head"), head); err != nil {
					return err
				}
				for name, kv := range recs {
					nb, err := sb.CreateBucket([]byte(name))
					if err != nil {
						return err
					}
					for k, v := range kv {
						if err := nb.Put([]byte(k), v); err != nil {
							return err
						}
					}
				}
			}
			_ = stories.SetSequence(uint64(n))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func u64b(n uint64) []byte {
	return []byte{byte(n >> 56), byte(n >> 48), byte(n >> 40), byte(n >> 32), byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
