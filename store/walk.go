package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// walkBatchBytes bounds how much decoded data EachVersion gathers in one
// read transaction. A read transaction held while a slow reader (an export
// streamed to a client) takes its time would stall every writer that needs
// to grow the file, because bbolt remaps only when no reader is open; so
// records are gathered in short transactions and handed out after each.
var walkBatchBytes = 8 << 20

// EachVersion calls fn with every version of a story in order, and with
// the page it was extracted from when pages is set (nil for a version
// saved without one). It reads the versions that exist when it starts;
// the story's history is never held in memory at once, and fn runs outside
// any transaction, so it may take its time and may use the store.
//
// It returns an error wrapping redline.ErrStoryNotFound for an unknown
// story (or one deleted while it runs), and fn's error as it is.
func (s *Store) EachVersion(id redline.StoryID, pages bool, fn func(v redline.Version, raw []byte) error) error {
	type item struct {
		v   redline.Version
		raw []byte
	}
	var last uint64
	for next := uint64(1); ; {
		var batch []item
		err := s.db.View(func(tx *bolt.Tx) error {
			data, err := storyData(tx, id)
			if err != nil {
				return err
			}
			if last == 0 {
				h, err := readHead(data)
				if err != nil {
					return err
				}
				last = h.n
			}
			vb := data.versions
			rb := data.pages
			versions, raws := chainWalker{s: s, b: vb}, chainWalker{s: s, b: rb}
			size := 0
			for ; next <= last && size < walkBatchBytes; next++ {
				plain, err := versions.get(next)
				if err != nil {
					return fmt.Errorf("version %d: %w", next, err)
				}
				if plain == nil {
					return fmt.Errorf("%w: version %d missing below head %d", ErrCorrupt, next, last)
				}
				v, err := decodeVersion(plain)
				if err != nil {
					return fmt.Errorf("version %d: %w", next, err)
				}
				it := item{v: v}
				if pages {
					if it.raw, err = raws.get(next); err != nil {
						return fmt.Errorf("page %d: %w", next, err)
					}
				}
				size += len(plain) + len(it.raw)
				batch = append(batch, it)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: versions of story %d: %w", id, err)
		}
		for _, it := range batch {
			if err := fn(it.v, it.raw); err != nil {
				return err
			}
		}
		if next > last {
			return nil
		}
	}
}

// chainWalker reads records of one chained bucket in ascending key order,
// decoding a delta against the record read just before it instead of
// re-walking its chain from the keyframe.
type chainWalker struct {
	s         *Store
	b         span
	prevKey   uint64
	prevPlain []byte
}

// get returns record n, or nil and no error when there is none (a version
// saved without its page).
func (w *chainWalker) get(n uint64) ([]byte, error) {
	v := w.b.Get(u64(n))
	if v == nil {
		return nil, nil
	}
	r, err := parseRecord(v)
	if err != nil {
		return nil, err
	}
	var plain []byte
	if r.delta && (w.prevPlain == nil || r.base != w.prevKey) {
		plain, err = w.s.readChained(w.b, n)
	} else {
		plain, err = w.s.decodeRecord(w.b, r, w.prevPlain)
	}
	if errors.Is(err, errNoRecord) {
		return nil, fmt.Errorf("%w: record %d vanished", ErrCorrupt, n)
	}
	if err != nil {
		return nil, err
	}
	w.prevKey, w.prevPlain = n, plain
	return plain, nil
}
