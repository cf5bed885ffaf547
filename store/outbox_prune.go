package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketOutboxSettled: time an entry was settled (sent or failed, big-endian
// Unix nanoseconds) + ID → "", so pruning reads only what it removes.
var bucketOutboxSettled = []byte("outbox_settled")

// pruneBatch bounds one pruning transaction, so a first prune of a file
// with a year of mail does not hold the write lock for long.
const pruneBatch = 2000

// settledAt is when e stopped being queued; entries failed before the
// time was recorded count from their creation.
func settledAt(e OutboxEntry) time.Time {
	switch {
	case e.State == OutboxSent:
		return e.SentAt
	case !e.FailedAt.IsZero():
		return e.FailedAt
	default:
		return e.CreatedAt
	}
}

func settledKey(e OutboxEntry) []byte {
	return append(u64(uint64(settledAt(e).UnixNano())), e.ID...)
}

// settledIndex returns the index of settled entries, building it from the
// outbox the first time: files written before the index existed have
// settled entries it does not list yet.
func settledIndex(tx *bolt.Tx, bs outboxTx) (*bolt.Bucket, error) {
	if b := tx.Bucket(bucketOutboxSettled); b != nil {
		return b, nil
	}
	b, err := tx.CreateBucket(bucketOutboxSettled)
	if err != nil {
		return nil, fmt.Errorf("create bucket %q: %w", bucketOutboxSettled, err)
	}
	err = bs.outbox.ForEach(func(k, _ []byte) error {
		e, err := bs.get(string(k))
		if err != nil || e.State == OutboxQueued {
			return err
		}
		return b.Put(settledKey(e), nil)
	})
	return b, err
}

// PruneOutbox removes the entries sent or failed before cutoff, with their
// change keys; queued entries always stay. Recipients' cursors are kept, and
// they alone stop a change from being enqueued again, so a pruned delivery is
// never repeated. It returns how many entries it removed.
func (s *Store) PruneOutbox(cutoff time.Time) (int, error) {
	end := u64(uint64(cutoff.UnixNano()))
	total := 0
	for {
		n := 0
		err := s.db.Update(func(tx *bolt.Tx) error {
			bs, err := outboxBuckets(tx)
			if err != nil {
				return err
			}
			idx, err := settledIndex(tx, bs)
			if err != nil {
				return err
			}
			c := idx.Cursor()
			for k, _ := c.First(); k != nil && n < pruneBatch && bytes.Compare(k[:min(8, len(k))], end) < 0; k, _ = c.First() {
				if err := bs.remove(string(k[min(8, len(k)):])); err != nil {
					return err
				}
				if err := idx.Delete(k); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		total += n
		if err != nil {
			return total, fmt.Errorf("store: prune outbox before %s: %w", cutoff.UTC().Format(time.DateOnly), err)
		}
		if n < pruneBatch {
			return total, nil
		}
	}
}

// remove deletes a settled entry and the change keys that point at it; an
// entry already gone is no error, so the index may be rebuilt over it.
func (bs outboxTx) remove(id string) error {
	e, err := bs.get(id)
	if errors.Is(err, ErrOutboxNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if e.State == OutboxQueued {
		return fmt.Errorf("%w: outbox %s: queued but indexed as settled", ErrCorrupt, id)
	}
	for _, r := range e.Changes {
		k := changeKey(e.Recipient, r)
		if string(bs.keys.Get(k)) == id {
			if err := bs.keys.Delete(k); err != nil {
				return err
			}
		}
	}
	return bs.outbox.Delete([]byte(id))
}
