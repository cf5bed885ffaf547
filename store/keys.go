package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// Bucket and key names. Short names keep per-story nested buckets small.
var (
	bucketMeta    = []byte("meta")
	bucketStories = []byte("stories")
	bucketURLs    = []byte("urls")
	bucketData    = []byte("data")

	keyHead       = []byte("head")
	bucketVersion = []byte("v")
	bucketRaw     = []byte("r")
	bucketChecks  = []byte("c")
	bucketAliases = []byte("a")
	bucketHashes  = []byte("h")
)

// storyBuckets are the per-story sub-buckets created with every story.
var storyBuckets = [][]byte{bucketVersion, bucketRaw, bucketChecks, bucketAliases, bucketHashes}

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

// storyData returns the nested bucket holding one story's history, or
// redline.ErrStoryNotFound.
func storyData(tx *bolt.Tx, id redline.StoryID) (*bolt.Bucket, error) {
	b := tx.Bucket(bucketData).Bucket(idKey(id))
	if b == nil {
		return nil, redline.ErrStoryNotFound
	}
	return b, nil
}

// sub returns a named per-story sub-bucket, reporting a missing one as
// corruption rather than letting a nil bucket panic.
func sub(data *bolt.Bucket, name []byte) (*bolt.Bucket, error) {
	b := data.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("%w: missing %q bucket", ErrCorrupt, name)
	}
	return b, nil
}
