package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// PruneResult reports what DropPagesBefore removed.
type PruneResult struct {
	Stories int   `json:"stories"` // stories that lost at least one page
	Pages   int   `json:"pages"`
	Bytes   int64 `json:"bytes"` // page bytes before compression
}

// DropPagesBefore deletes the raw HTML of every version fetched before
// cutoff. Versions, their text and their checks are never touched, and the
// newest page of each story is always kept: it is what a re-read of the
// latest version extracts again.
//
// Pages are delta-compressed against the page before them, so the oldest
// page that stays is re-encoded as a keyframe when the page it was
// compressed against goes, and the chain depths after it are rewritten;
// every remaining page decodes to the same bytes as before. Each story is
// one transaction, so a crawl running meanwhile waits for one story at a
// time, and a crash leaves every story either pruned or untouched.
//
// Versions are numbered in fetch order, so pruning stops at a story's
// first page that is young enough.
func (s *Store) DropPagesBefore(cutoff time.Time) (PruneResult, error) {
	var res PruneResult
	// Finding the stories with something to drop only reads, so a pass
	// that drops nothing (the usual case) commits nothing and costs no
	// fsync per story.
	var ids []redline.StoryID
	err := s.db.View(func(tx *bolt.Tx) error {
		return eachStoryID(tx, func(id redline.StoryID) error {
			data, err := historyOf(tx, id)
			if err != nil {
				return err
			}
			drop, err := s.pagesToDrop(data, cutoff, 1)
			if err != nil {
				return fmt.Errorf("story %d: %w", id, err)
			}
			if len(drop) > 0 {
				ids = append(ids, id)
			}
			return nil
		})
	})
	if err != nil {
		return res, fmt.Errorf("store: drop pages before %s: %w", cutoff.Format(time.RFC3339), err)
	}
	now := s.now()
	for _, id := range ids {
		var pages int
		var bytes int64
		err := s.db.Update(func(tx *bolt.Tx) error {
			var err error
			pages, bytes, err = s.dropStoryPages(tx, id, cutoff, now)
			return err
		})
		if err != nil {
			return res, fmt.Errorf("store: drop pages of story %d before %s: %w", id, cutoff.Format(time.RFC3339), err)
		}
		if pages > 0 {
			res.Stories++
			res.Pages += pages
			res.Bytes += bytes
		}
	}
	return res, nil
}

func (s *Store) dropStoryPages(tx *bolt.Tx, id redline.StoryID, cutoff, now time.Time) (int, int64, error) {
	data, err := storyData(tx, id)
	if err != nil {
		return 0, 0, nil // purged since the list was taken
	}
	rb := data.pages
	drop, err := s.pagesToDrop(data, cutoff, 0)
	if err != nil {
		return 0, 0, err
	}
	if len(drop) == 0 {
		return 0, 0, nil
	}
	st, err := getStory(tx, id)
	if err != nil {
		return 0, 0, err
	}
	if err := s.reanchorAfter(rb, drop[len(drop)-1].n, dictKeyFor(dictPages, st.URL)); err != nil {
		return 0, 0, err
	}
	tomb := data.drops
	var total int64
	for _, p := range drop {
		if err := rb.Delete(u64(p.n)); err != nil {
			return 0, 0, err
		}
		val := binary.BigEndian.AppendUint64(u64(uint64(now.Unix())), p.plainLen)
		if err := tomb.Put(u64(p.n), val); err != nil {
			return 0, 0, err
		}
		total += int64(p.plainLen)
	}
	return len(drop), total, nil
}

type oldPage struct{ n, plainLen uint64 }

// pagesToDrop lists the pages of one story's history bucket that retention
// drops at cutoff, oldest first, stopping after limit of them (0 = all).
func (s *Store) pagesToDrop(data history, cutoff time.Time, limit int) ([]oldPage, error) {
	vb := data.versions
	rb := data.pages
	newest, _ := rb.Cursor().Last()
	var drop []oldPage
	c := rb.Cursor()
	for k, v := c.First(); k != nil && string(k) != string(newest); k, v = c.Next() {
		if limit > 0 && len(drop) == limit {
			break
		}
		n, err := parseU64(k)
		if err != nil {
			return nil, fmt.Errorf("%w: page key: %w", ErrCorrupt, err)
		}
		plain, err := s.readChained(vb, n)
		if err != nil {
			return nil, fmt.Errorf("version %d: %w", n, err)
		}
		ver, err := decodeVersion(plain)
		if err != nil {
			return nil, fmt.Errorf("version %d: %w", n, err)
		}
		if !ver.FetchedAt.Before(cutoff) {
			break
		}
		r, err := parseRecord(v)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		drop = append(drop, oldPage{n: n, plainLen: r.plainLen})
	}
	return drop, nil
}

// reanchorAfter makes the pages after last (the newest page about to be
// dropped) independent of it and of everything before it: the first one
// becomes a keyframe, and the depths of the deltas chained to it are
// rewritten to count from there. Only headers change for those deltas;
// their frames were compressed against pages that stay. The new keyframe
// uses the dictionary of key, as any keyframe does.
func (s *Store) reanchorAfter(rb span, last uint64, key dictKey) error {
	c := rb.Cursor()
	c.Seek(u64(last))
	k, v := c.Next()
	if k == nil {
		return nil
	}
	first, err := parseU64(k)
	if err != nil {
		return fmt.Errorf("%w: page key: %w", ErrCorrupt, err)
	}
	r, err := parseRecord(v)
	if err != nil {
		return fmt.Errorf("page %d: %w", first, err)
	}
	if !r.delta {
		return nil
	}
	plain, err := s.readChained(rb, first)
	if err != nil {
		return fmt.Errorf("page %d: %w", first, err)
	}
	// Collect the rest of the chain before writing: a Put invalidates the
	// cursor and the frames it returned.
	type rewrite struct {
		n   uint64
		rec record
	}
	var rest []rewrite
	for k, v := c.Next(); k != nil; k, v = c.Next() {
		n, err := parseU64(k)
		if err != nil {
			return fmt.Errorf("%w: page key: %w", ErrCorrupt, err)
		}
		r, err := parseRecord(v)
		if err != nil {
			return fmt.Errorf("page %d: %w", n, err)
		}
		if !r.delta {
			break
		}
		r.frame = append([]byte(nil), r.frame...)
		rest = append(rest, rewrite{n, r})
	}
	// The new keyframe may use its version's text like any page keyframe;
	// a version without one (never the case for a stored page) leaves it
	// a plain keyframe.
	vs, err := rb.sibling(bucketVersions)
	if err != nil {
		return err
	}
	text, err := s.readChained(vs, first)
	if err != nil && !errors.Is(err, errNoRecord) {
		return fmt.Errorf("version %d: %w", first, err)
	}
	if _, err := s.putChained(rb, first, plain, 0, nil, key, text); err != nil {
		return fmt.Errorf("page %d as keyframe: %w", first, err)
	}
	for i, rw := range rest {
		rw.rec.depth = uint64(i + 1)
		if err := rb.Put(u64(rw.n), encodeRecord(rw.rec)); err != nil {
			return fmt.Errorf("page %d: %w", rw.n, err)
		}
	}
	return nil
}

// encodeRecord is the inverse of parseRecord.
func encodeRecord(r record) []byte {
	kind, second := kindKeyframe, r.base
	var text []uint64
	switch {
	case r.delta:
		kind = kindDelta
	case r.text != 0:
		kind, second, text = kindText, r.dict, []uint64{r.text}
	case r.dict != 0:
		kind, second = kindShared, r.dict
	}
	return append(recordHeader(kind, r.depth, second, int(r.plainLen), text...), r.frame...)
}

// droppedPage returns when page n of a story was dropped, if it was.
func droppedPage(data history, n uint64) (time.Time, bool) {
	v := data.drops.Get(u64(n))
	if len(v) < 8 {
		return time.Time{}, false
	}
	return time.Unix(int64(binary.BigEndian.Uint64(v)), 0).UTC(), true
}
