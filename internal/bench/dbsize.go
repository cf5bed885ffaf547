package main

import (
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// dbSizes is a database file beside the data it holds.
type dbSizes struct {
	file int64 // bytes on disk
	// live is every key and value in every bucket, bucket names included:
	// what a layout with no per-page overhead would need, before bbolt's
	// page headers, free space and branch pages.
	live int64
	// buckets is live per top-level bucket, to show where the bytes go.
	buckets map[string]int64
}

// measureDB reads the file read-only, after the redline process that wrote
// it has exited. It opens bbolt directly, not through store, because the
// figure is about bbolt's pages, which the store's API does not show.
func measureDB(path string) (dbSizes, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return dbSizes{}, fmt.Errorf("bench: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return dbSizes{}, fmt.Errorf("bench: open %s: %w", path, err)
	}
	defer db.Close()
	var live int64
	buckets := map[string]int64{}
	var top string
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			live += int64(len(k) + len(v))
			buckets[top] += int64(len(k) + len(v))
			if v == nil {
				return walk(b.Bucket(k))
			}
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			live += int64(len(name))
			top = string(name)
			return walk(b)
		})
	})
	if err != nil {
		return dbSizes{}, fmt.Errorf("bench: read %s: %w", path, err)
	}
	return dbSizes{file: fi.Size(), live: live, buckets: buckets}, nil
}

// split says what the records of the costliest kinds take per story.
func (d dbSizes) split(stories int64) string {
	return fmt.Sprintf("pages %s, versions %s, dictionaries %s, the rest %s B per story",
		thousands(d.buckets["pages"]/stories), thousands(d.buckets["versions"]/stories),
		thousands(d.buckets["dicts"]/stories),
		thousands((d.live-d.buckets["pages"]-d.buckets["versions"]-d.buckets["dicts"])/stories))
}
