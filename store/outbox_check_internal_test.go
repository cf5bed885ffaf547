package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The consistency check must see a broken outbox, or its passing at every
// test's cleanup would prove nothing.
func TestCheck_outbox(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx, e OutboxEntry) error
		want    string
	}{
		{"due key removed", func(tx *bolt.Tx, e OutboxEntry) error {
			return tx.Bucket(bucketOutboxDue).Delete(dueKey(e))
		}, "queued but never due"},
		{"due key of a missing entry", func(tx *bolt.Tx, e OutboxEntry) error {
			return tx.Bucket(bucketOutboxDue).Put(append(u64(1), "nosuchentry"...), nil)
		}, "missing entry"},
		{"change key to another entry", func(tx *bolt.Tx, e OutboxEntry) error {
			return tx.Bucket(bucketOutboxKeys).Put(changeKey(e.Recipient, ChangeRef{Story: 9, From: 1, To: 2}), []byte(e.ID))
		}, "does not hold it"},
		{"undecodable cursor", func(tx *bolt.Tx, e OutboxEntry) error {
			return tx.Bucket(bucketCursors).Put([]byte(e.Recipient), []byte("{"))
		}, "cursor of"},
		{"queued entry in the settled index", func(tx *bolt.Tx, e OutboxEntry) error {
			b, err := tx.CreateBucketIfNotExists(bucketOutboxSettled)
			if err != nil {
				return err
			}
			return b.Put(settledKey(e), nil)
		}, "queued but indexed as settled"},
		{"settled key of a missing entry", func(tx *bolt.Tx, e OutboxEntry) error {
			b, err := tx.CreateBucketIfNotExists(bucketOutboxSettled)
			if err != nil {
				return err
			}
			return b.Put(append(u64(1), "nosuchentry"...), nil)
		}, "settled key for missing entry"},
		{"sent entry left out of the settled index", func(tx *bolt.Tx, e OutboxEntry) error {
			if _, err := tx.CreateBucketIfNotExists(bucketOutboxSettled); err != nil {
				return err
			}
			e.State, e.SentAt = OutboxSent, at
			if err := tx.Bucket(bucketOutboxDue).Delete(dueKey(e)); err != nil {
				return err
			}
			return putJSON(tx.Bucket(bucketOutbox), []byte(e.ID), e)
		}, "not in the settled index"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "r.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			e, _, err := s.Enqueue(OutboxEntry{Kind: "mail", Recipient: "desk@example.org",
				Changes: []ChangeRef{{Story: 1, From: 1, To: 2}}}, nil, time.Time{}, at)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatalf("check before breaking: %v", err)
			}
			if err := s.db.Update(func(tx *bolt.Tx) error { return tc.corrupt(tx, e) }); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("check = %v, want a problem containing %q", err, tc.want)
			}
		})
	}
}
