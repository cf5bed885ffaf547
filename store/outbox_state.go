package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

type outboxTx struct {
	outbox, due, keys, cursors *bolt.Bucket
}

func outboxBuckets(tx *bolt.Tx) (outboxTx, error) {
	var bs outboxTx
	for _, p := range []struct {
		b    **bolt.Bucket
		name []byte
	}{{&bs.outbox, bucketOutbox}, {&bs.due, bucketOutboxDue}, {&bs.keys, bucketOutboxKeys}, {&bs.cursors, bucketCursors}} {
		b, err := tx.CreateBucketIfNotExists(p.name)
		if err != nil {
			return bs, fmt.Errorf("create bucket %q: %w", p.name, err)
		}
		*p.b = b
	}
	return bs, nil
}

func (bs outboxTx) put(e OutboxEntry) error { return putJSON(bs.outbox, []byte(e.ID), e) }

func (bs outboxTx) get(id string) (OutboxEntry, error) {
	var e OutboxEntry
	v := bs.outbox.Get([]byte(id))
	if v == nil {
		return e, ErrOutboxNotFound
	}
	if err := json.Unmarshal(v, &e); err != nil {
		return e, fmt.Errorf("%w: outbox %s: %w", ErrCorrupt, id, err)
	}
	return e, nil
}

// Cursor returns the recipient's cursor, and false for a recipient never
// seen.
func (s *Store) Cursor(recipient string) (Cursor, bool, error) {
	var c Cursor
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCursors)
		if b == nil {
			return nil
		}
		var err error
		c, found, err = getCursor(b, recipient)
		return err
	})
	if err != nil {
		return Cursor{}, false, fmt.Errorf("store: cursor of %s: %w", recipient, err)
	}
	return c, found, nil
}

// Claim takes up to limit queued entries due at now (0: no limit) for one
// attempt: it counts the attempt and moves their next attempt to now+lease
// in the same transaction, so a concurrent Claim, in this process or a run
// that opens the file after this one, does not take them too. An entry
// whose sender died before marking it comes due again when the lease ends.
func (s *Store) Claim(now time.Time, lease time.Duration, limit int) ([]OutboxEntry, error) {
	now = now.UTC()
	var out []OutboxEntry
	err := s.db.Update(func(tx *bolt.Tx) error {
		bs, err := outboxBuckets(tx)
		if err != nil {
			return err
		}
		end := u64(uint64(now.UnixNano()) + 1)
		var keys [][]byte
		c := bs.due.Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
			if limit > 0 && len(keys) == limit {
				break
			}
			keys = append(keys, bytes.Clone(k))
		}
		for _, k := range keys {
			e, err := bs.get(string(k[8:]))
			if err != nil {
				return err
			}
			if err := bs.due.Delete(k); err != nil {
				return err
			}
			e.Attempts++
			e.NextAttempt = now.Add(lease)
			if err := bs.put(e); err != nil {
				return err
			}
			if err := bs.due.Put(dueKey(e), nil); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim outbox: %w", err)
	}
	return out, nil
}

// MarkSent records that the server accepted the entry.
func (s *Store) MarkSent(id, messageID string, at time.Time) error {
	return s.mark(id, func(e *OutboxEntry) {
		e.State, e.SentAt, e.MessageID, e.LastError = OutboxSent, at.UTC(), messageID, ""
	})
}

// MarkFailed records that the entry was refused for good; it is never
// tried again.
func (s *Store) MarkFailed(id, messageID string, cause error, at time.Time) error {
	return s.mark(id, func(e *OutboxEntry) {
		e.State, e.MessageID, e.LastError, e.FailedAt = OutboxFailed, messageID, cause.Error(), at.UTC()
	})
}

// MarkRetry records a failed attempt and when to try again.
func (s *Store) MarkRetry(id, messageID string, cause error, next time.Time) error {
	return s.mark(id, func(e *OutboxEntry) {
		e.MessageID, e.LastError, e.NextAttempt = messageID, cause.Error(), next.UTC()
	})
}

// mark changes a queued entry; an entry already sent or failed is left as
// it is, so a late mark from an attempt whose lease ran out cannot undo
// another attempt's outcome.
func (s *Store) mark(id string, fn func(*OutboxEntry)) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		bs, err := outboxBuckets(tx)
		if err != nil {
			return err
		}
		e, err := bs.get(id)
		if err != nil || e.State != OutboxQueued {
			return err
		}
		if err := bs.due.Delete(dueKey(e)); err != nil {
			return err
		}
		fn(&e)
		if e.State == OutboxQueued {
			if err := bs.due.Put(dueKey(e), nil); err != nil {
				return err
			}
		} else {
			idx, err := settledIndex(tx, bs)
			if err != nil {
				return err
			}
			if err := idx.Put(settledKey(e), nil); err != nil {
				return err
			}
		}
		return bs.put(e)
	})
	if err != nil {
		return fmt.Errorf("store: mark outbox %s: %w", id, err)
	}
	return nil
}
