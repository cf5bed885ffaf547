package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// outbox checks the delivery buckets: every entry decodes under its own
// ID, a queued entry has exactly the due key of its next attempt and a
// settled one none, and every change key points at an entry holding that
// change. Files from before the settled index have none; once it exists it
// lists exactly the settled entries.
func (c *checker) outbox() {
	ob, db, kb, cb := c.tx.Bucket(bucketOutbox), c.tx.Bucket(bucketOutboxDue), c.tx.Bucket(bucketOutboxKeys), c.tx.Bucket(bucketCursors)
	entries := map[string]OutboxEntry{}
	if ob != nil {
		_ = ob.ForEach(func(k, v []byte) error {
			var e OutboxEntry
			switch err := json.Unmarshal(v, &e); {
			case err != nil:
				c.report("outbox %s: %w", k, err)
			case e.ID != string(k):
				c.report("outbox %s: record says ID %s", k, e.ID)
			case e.State != OutboxQueued && e.State != OutboxSent && e.State != OutboxFailed:
				c.report("outbox %s: unknown state %q", k, e.State)
			case len(e.Changes) == 0:
				c.report("outbox %s: no changes", k)
			default:
				entries[e.ID] = e
			}
			return nil
		})
	}
	queued := map[string]bool{}
	if db != nil {
		_ = db.ForEach(func(k, _ []byte) error {
			if len(k) < 9 {
				c.report("outbox due key %x: too short", k)
				return nil
			}
			id := string(k[8:])
			e, ok := entries[id]
			at, _ := parseU64(k[:8])
			switch {
			case !ok:
				c.report("outbox due key for missing entry %s", id)
			case e.State != OutboxQueued:
				c.report("outbox %s: %s but still due", id, e.State)
			case !e.NextAttempt.Equal(time.Unix(0, int64(at)).UTC()):
				c.report("outbox %s: due at %d, record says %s", id, at, e.NextAttempt)
			case queued[id]:
				c.report("outbox %s: due twice", id)
			}
			queued[id] = true
			return nil
		})
	}
	for id, e := range entries {
		if e.State == OutboxQueued && !queued[id] {
			c.report("outbox %s: queued but never due", id)
		}
	}
	if sb := c.tx.Bucket(bucketOutboxSettled); sb != nil {
		c.settledIndex(sb, entries)
	}
	if kb != nil {
		_ = kb.ForEach(func(k, v []byte) error {
			e, ok := entries[string(v)]
			found := false
			for _, r := range e.Changes {
				found = found || string(changeKey(e.Recipient, r)) == string(k)
			}
			if !ok || !found {
				c.report("outbox change key %q: entry %s does not hold it", k, v)
			}
			return nil
		})
	}
	if cb != nil {
		_ = cb.ForEach(func(k, _ []byte) error {
			if _, _, err := getCursor(cb, string(k)); err != nil {
				c.report("%w", err)
			}
			return nil
		})
	}
}

func (c *checker) settledIndex(sb *bolt.Bucket, entries map[string]OutboxEntry) {
	indexed := map[string]bool{}
	_ = sb.ForEach(func(k, _ []byte) error {
		if len(k) < 9 {
			c.report("outbox settled key %x: too short", k)
			return nil
		}
		id := string(k[8:])
		switch e, ok := entries[id]; {
		case !ok:
			c.report("outbox settled key for missing entry %s", id)
		case e.State == OutboxQueued:
			c.report("outbox %s: queued but indexed as settled", id)
		case string(settledKey(e)) != string(k):
			c.report("outbox %s: indexed as settled at another time", id)
		}
		indexed[id] = true
		return nil
	})
	for id, e := range entries {
		if e.State != OutboxQueued && !indexed[id] {
			c.report("outbox %s: %s but not in the settled index", id, e.State)
		}
	}
}
