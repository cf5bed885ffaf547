package store

import (
	"github.com/redline-news/redline"
	bolt "go.etcd.io/bbolt"
)

// SetBeforeSwap lets tests fail a compaction at its most delicate point,
// after the copy is complete and before it replaces the file. It returns a
// function that removes the hook.
func SetBeforeSwap(f func(tmp string) error) func() {
	beforeSwap = f
	return func() { beforeSwap = nil }
}

// SetMigrateBatch makes each migration transaction move at most bytes of
// records and calls after with the stories moved so far once each has
// committed; an error from it stops the migration as a crash would.
func SetMigrateBatch(bytes int, after func(moved int) error) (restore func()) {
	old := migrateBatchBytes
	migrateBatchBytes, afterMigrateBatch = bytes, after
	return func() { migrateBatchBytes, afterMigrateBatch = old, nil }
}

// PruneBatch is how many entries one pruning transaction removes.
const PruneBatch = pruneBatch

// DropSettledIndexForTest makes s look like a file written before the
// outbox kept its index of settled entries.
func DropSettledIndexForTest(s *Store) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketOutboxSettled) })
}

// DropSummariesForTest makes s look like a file from before the history
// lines were stored.
func DropSummariesForTest(s *Store) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketSummaries) })
}

// SummaryLinesForTest counts the history lines stored for story id.
func SummaryLinesForTest(s *Store, id redline.StoryID) (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		sp, ok := summariesOf(tx, id)
		if !ok {
			return nil
		}
		c := sp.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
		return nil
	})
	return n, err
}
