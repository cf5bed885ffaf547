package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// Bucket names. Each kind of per-story record has one top-level bucket,
// keyed by the story's 8-byte big-endian ID followed by the record's key,
// so a story with one version costs a few hundred bytes, not a page per
// nested bucket.
var (
	bucketMeta    = []byte("meta")
	bucketStories = []byte("stories")
	bucketURLs    = []byte("urls")

	bucketHeads    = []byte("heads")
	bucketVersions = []byte("versions")
	bucketPages    = []byte("pages")
	bucketChecks   = []byte("checks")
	bucketAliases  = []byte("aliases")
	bucketHashes   = []byte("hashes")
	bucketDrops    = []byte("drops")

	// bucketData is schema 1's bucket of nested per-story buckets; it only
	// exists in a file whose migration has not finished.
	bucketData = []byte("data")
)

// historyBuckets hold per-story records keyed by story ID first.
var historyBuckets = [][]byte{bucketHeads, bucketVersions, bucketPages, bucketChecks, bucketAliases, bucketHashes, bucketDrops}

// Fill percents for a split page. A record past the bucket's last key
// (every record of the newest stories) is an append: pages it splits are
// never inserted into again, so they are filled up. A record in the
// middle (the next version of an older story) splits evenly, because a
// page split 90/10 there gets the story's next record too and splits
// again, leaving pages a tenth full.
const (
	appendFill = 0.95
	middleFill = 0.5
)

// u64 encodes n big-endian so byte order is numeric order.
func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func idKey(id redline.StoryID) []byte { return u64(uint64(id)) }

// parseU64 decodes a key written by u64.
func parseU64(b []byte) (uint64, error) {
	if len(b) != 8 {
		return 0, fmt.Errorf("malformed key of %d bytes", len(b))
	}
	return binary.BigEndian.Uint64(b), nil
}

// span is one story's records of one kind: the keys of a top-level bucket
// that start with the story's ID. Its methods take and return the key
// after that prefix, so code written for schema 1's per-story buckets
// reads the same over it.
type span struct {
	b      *bolt.Bucket
	prefix []byte
	// versions marks the span a text keyframe reads its version from,
	// where another text keyframe is corruption (see textDict).
	versions bool
}

// sibling is the same story's span of the named top-level bucket.
func (p span) sibling(name []byte) (span, error) {
	b := p.b.Tx().Bucket(name)
	if b == nil {
		return span{}, fmt.Errorf("%w: missing %q bucket", ErrCorrupt, name)
	}
	return span{b: b, prefix: p.prefix}, nil
}

// kind returns story id's span of the named top-level bucket, reporting a
// missing bucket as corruption rather than letting a nil bucket panic.
func kind(tx *bolt.Tx, name []byte, id redline.StoryID) (span, error) {
	b := tx.Bucket(name)
	if b == nil {
		return span{}, fmt.Errorf("%w: missing %q bucket", ErrCorrupt, name)
	}
	return span{b: b, prefix: idKey(id)}, nil
}

func (p span) key(k []byte) []byte {
	out := make([]byte, 0, len(p.prefix)+len(k))
	return append(append(out, p.prefix...), k...)
}

func (p span) Get(k []byte) []byte { return p.b.Get(p.key(k)) }
func (p span) Put(k, v []byte) error {
	key := p.key(k)
	p.b.FillPercent = middleFill
	if last, _ := p.b.Cursor().Last(); bytes.Compare(key, last) > 0 {
		p.b.FillPercent = appendFill
	}
	return p.b.Put(key, v)
}
func (p span) Delete(k []byte) error { return p.b.Delete(p.key(k)) }
func (p span) Cursor() *spanCursor   { return &spanCursor{c: p.b.Cursor(), prefix: p.prefix} }
func (p span) ForEach(fn func(k, v []byte) error) error {
	c := p.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// clear deletes every record of the span. Keys are collected first
// because deleting under a cursor makes it skip entries.
func (p span) clear() error {
	var doomed [][]byte
	c := p.b.Cursor()
	for k, _ := c.Seek(p.prefix); k != nil && bytes.HasPrefix(k, p.prefix); k, _ = c.Next() {
		doomed = append(doomed, append([]byte(nil), k...))
	}
	for _, k := range doomed {
		if err := p.b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// spanCursor walks one span, returning keys without the story prefix.
type spanCursor struct {
	c      *bolt.Cursor
	prefix []byte
}

func (c *spanCursor) trim(k, v []byte) ([]byte, []byte) {
	if k == nil || !bytes.HasPrefix(k, c.prefix) {
		return nil, nil
	}
	return k[len(c.prefix):], v
}

func (c *spanCursor) First() ([]byte, []byte) { return c.trim(c.c.Seek(c.prefix)) }
func (c *spanCursor) Next() ([]byte, []byte)  { return c.trim(c.c.Next()) }
func (c *spanCursor) Prev() ([]byte, []byte)  { return c.trim(c.c.Prev()) }

func (c *spanCursor) Seek(k []byte) ([]byte, []byte) {
	return c.trim(c.c.Seek(append(append([]byte(nil), c.prefix...), k...)))
}

// Last finds the span's last key: the key before the next story's first.
func (c *spanCursor) Last() ([]byte, []byte) {
	next := binary.BigEndian.Uint64(c.prefix) + 1
	if next == 0 {
		return c.trim(c.c.Last())
	}
	if k, _ := c.c.Seek(u64(next)); k == nil {
		return c.trim(c.c.Last())
	}
	return c.trim(c.c.Prev())
}
