package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// history is one story's records across the per-kind buckets.
type history struct {
	id                                                     redline.StoryID
	heads, versions, pages, checks, aliases, hashes, drops span
}

// storyData returns the records of a story, or redline.ErrStoryNotFound
// when the story is not tracked.
func storyData(tx *bolt.Tx, id redline.StoryID) (history, error) {
	if tx.Bucket(bucketStories).Get(idKey(id)) == nil {
		return history{}, redline.ErrStoryNotFound
	}
	return historyOf(tx, id)
}

// historyOf is storyData without the story lookup, for the checker and
// for deleting what a story left behind.
func historyOf(tx *bolt.Tx, id redline.StoryID) (history, error) {
	h := history{id: id}
	prefix := idKey(id) // shared: one allocation per story, not per kind
	for _, k := range []struct {
		name []byte
		dst  *span
	}{
		{bucketHeads, &h.heads}, {bucketVersions, &h.versions}, {bucketPages, &h.pages},
		{bucketChecks, &h.checks}, {bucketAliases, &h.aliases}, {bucketHashes, &h.hashes}, {bucketDrops, &h.drops},
	} {
		b := tx.Bucket(k.name)
		if b == nil {
			return history{}, fmt.Errorf("%w: missing %q bucket", ErrCorrupt, k.name)
		}
		*k.dst = span{b: b, prefix: prefix}
	}
	return h, nil
}

// all lists every span of the story, for deleting and checking it whole.
func (h history) all() []span {
	return []span{h.heads, h.versions, h.pages, h.checks, h.aliases, h.hashes, h.drops}
}

// head is the small per-story record that makes deduplication cheap: the
// latest version number and its article hash, read without decompressing.
// A story without versions has none.
type head struct {
	n    uint64
	hash string
}

// storyHead is storyData with the story's head.
func storyHead(tx *bolt.Tx, id redline.StoryID) (history, head, error) {
	data, err := storyData(tx, id)
	if err != nil {
		return history{}, head{}, err
	}
	h, err := readHead(data)
	return data, h, err
}

func readHead(data history) (head, error) {
	v := data.heads.Get(nil)
	if v == nil {
		return head{}, nil
	}
	if len(v) < 8 {
		return head{}, fmt.Errorf("%w: head record of %d bytes", ErrCorrupt, len(v))
	}
	return head{n: binary.BigEndian.Uint64(v), hash: string(v[8:])}, nil
}

func writeHead(data history, h head) error {
	return data.heads.Put(nil, append(u64(h.n), h.hash...))
}
