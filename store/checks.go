package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// AddCheck records one fetch of a story, including fetches that produced
// no version. A zero c.At is set to the store's clock. It does not touch
// the story record; callers update LastChecked with UpdateStory.
func (s *Store) AddCheck(id redline.StoryID, c redline.Check) error {
	b, err := s.encodeCheck(&c)
	if err != nil {
		return fmt.Errorf("store: add check to story %d: encode: %w", id, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error { return s.putCheck(tx, id, b) })
	if err != nil {
		return fmt.Errorf("store: add check to story %d: %w", id, err)
	}
	return nil
}

// RecordCheck appends c to the story's checks and applies fn to the story
// in one transaction: one commit (one fsync) per check instead of two, and
// never a check recorded without the story's schedule moving with it.
func (s *Store) RecordCheck(id redline.StoryID, c redline.Check, fn func(*redline.Story) error) (redline.Story, error) {
	b, err := s.encodeCheck(&c)
	if err != nil {
		return redline.Story{}, fmt.Errorf("store: record check of story %d: encode: %w", id, err)
	}
	var st redline.Story
	err = s.db.Update(func(tx *bolt.Tx) error {
		st, err = s.recordCheck(tx, id, b, fn)
		return err
	})
	if err != nil {
		return redline.Story{}, fmt.Errorf("store: record check of story %d: %w", id, err)
	}
	return st, nil
}

// CheckRecord is one check for RecordChecks: what RecordCheck takes.
type CheckRecord struct {
	Story  redline.StoryID
	Check  redline.Check
	Update func(*redline.Story) error
}

// RecordChecks records many checks as RecordCheck records one, in a single
// transaction: one commit and one fsync for all of them. A story deleted
// meanwhile is left out, and its ID returned in gone; any other failure
// (of an Update too) records none of them.
func (s *Store) RecordChecks(recs []CheckRecord) (gone []redline.StoryID, err error) {
	encoded := make([][]byte, len(recs))
	for i := range recs {
		if encoded[i], err = s.encodeCheck(&recs[i].Check); err != nil {
			return nil, fmt.Errorf("store: record check of story %d: encode: %w", recs[i].Story, err)
		}
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		gone = gone[:0]
		for i, r := range recs {
			_, err := s.recordCheck(tx, r.Story, encoded[i], r.Update)
			if errors.Is(err, redline.ErrStoryNotFound) {
				gone = append(gone, r.Story)
				continue
			}
			if err != nil {
				return fmt.Errorf("story %d: %w", r.Story, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: record %d checks: %w", len(recs), err)
	}
	return gone, nil
}

// recordCheck stores an encoded check of story id and applies fn to the
// story, in tx.
func (s *Store) recordCheck(tx *bolt.Tx, id redline.StoryID, encoded []byte, fn func(*redline.Story) error) (redline.Story, error) {
	if err := s.putCheck(tx, id, encoded); err != nil {
		return redline.Story{}, err
	}
	return updateStory(tx, id, fn)
}

func (s *Store) encodeCheck(c *redline.Check) ([]byte, error) {
	if c.At.IsZero() {
		c.At = s.now()
	}
	return json.Marshal(c)
}

// putCheck appends a check and, when the store keeps a bounded number,
// drops those that fell out of the window: usually exactly one, so the
// bound costs no scan.
func (s *Store) putCheck(tx *bolt.Tx, id redline.StoryID, encoded []byte) error {
	cb, err := checksBucket(tx, id)
	if err != nil {
		return err
	}
	// A story's checks are numbered after its newest one. The window
	// only ever loses its oldest keys, so the numbers stay contiguous; a
	// story whose checks were all pruned starts again from 1, which keeps
	// the order, the only thing the numbers are for.
	seq := uint64(1)
	if k, _ := cb.Cursor().Last(); k != nil {
		last, err := parseU64(k)
		if err != nil {
			return fmt.Errorf("%w: check key: %w", ErrCorrupt, err)
		}
		seq = last + 1
	}
	if err := cb.Put(u64(seq), encoded); err != nil {
		return err
	}
	if s.keep == 0 || seq <= uint64(s.keep) {
		return nil
	}
	oldest := u64(seq - uint64(s.keep)) // the newest key that falls out
	var doomed [][]byte
	c := cb.Cursor()
	for k, _ := c.First(); k != nil && bytes.Compare(k, oldest) <= 0; k, _ = c.Next() {
		doomed = append(doomed, append([]byte(nil), k...))
	}
	for _, k := range doomed {
		if err := cb.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Checks returns a story's checks newest first; limit <= 0 returns all.
func (s *Store) Checks(id redline.StoryID, limit int) ([]redline.Check, error) {
	var out []redline.Check
	err := s.db.View(func(tx *bolt.Tx) error {
		cb, err := checksBucket(tx, id)
		if err != nil {
			return err
		}
		c := cb.Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			var ch redline.Check
			if err := json.Unmarshal(v, &ch); err != nil {
				return fmt.Errorf("%w: check %x: %w", ErrCorrupt, k, err)
			}
			out = append(out, ch)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: checks of story %d: %w", id, err)
	}
	return out, nil
}

// PruneChecks deletes all but the newest keep checks of a story and
// returns how many it deleted. Checks accumulate with every fetch, so a
// long-running daemon calls this to bound them; versions are never pruned.
func (s *Store) PruneChecks(id redline.StoryID, keep int) (int, error) {
	if keep < 0 {
		keep = 0
	}
	deleted := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		cb, err := checksBucket(tx, id)
		if err != nil {
			return err
		}
		// Keys are collected first because deleting under a cursor makes
		// it skip entries.
		var doomed [][]byte
		c := cb.Cursor()
		seen := 0
		for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
			if seen++; seen > keep {
				doomed = append(doomed, append([]byte(nil), k...))
			}
		}
		for _, k := range doomed {
			if err := cb.Delete(k); err != nil {
				return err
			}
		}
		deleted = len(doomed)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: prune checks of story %d: %w", id, err)
	}
	return deleted, nil
}

func checksBucket(tx *bolt.Tx, id redline.StoryID) (span, error) {
	if _, err := getStory(tx, id); err != nil {
		return span{}, err
	}
	return kind(tx, bucketChecks, id)
}
