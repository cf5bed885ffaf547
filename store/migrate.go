package store

import (
	"fmt"
	"log/slog"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// migrateBatchBytes bounds the records one migration transaction moves
// (and so its share of the peak heap):
// bbolt keeps every page a transaction dirties in memory until it
// commits, so moving a large file in one transaction would hold all of it.
var migrateBatchBytes = 4 << 20

// afterMigrateBatch, when set by a test, runs after each committed batch;
// an error stops the migration there, as a crash would.
var afterMigrateBatch func(moved int) error

// schema1Kinds maps schema 1's per-story sub-buckets to the buckets that
// hold the same records in schema 2.
var schema1Kinds = map[string][]byte{
	"v": bucketVersions, "r": bucketPages, "c": bucketChecks,
	"a": bucketAliases, "h": bucketHashes, "d": bucketDrops,
}

// migrateData moves schema 1's nested per-story buckets into the per-kind
// buckets, story by story, in transactions of at most migrateBatchBytes.
// Every record keeps its bytes; its key becomes the story ID followed by
// its old key. A story is copied and its nested bucket deleted in the same
// transaction, so each story is in exactly one place at every commit.
//
// migrate has already set the schema to SchemaVersion, so a crash midway leaves a
// file that an older redline refuses (its schema is too new) and that this
// one resumes: the "data" bucket that is left marks the migration as
// unfinished, and a read-only open refuses it until a write opens it once.
// A record that does not fit the layout stops the migration with an error
// naming it, and leaves that story where it was.
func (s *Store) migrateData() error {
	moved := 0
	for {
		var batch int
		var done bool
		err := s.db.Update(func(tx *bolt.Tx) error {
			var err error
			batch, done, err = migrateBatch(tx)
			return err
		})
		if err != nil {
			return fmt.Errorf("store: open %s: migrate schema 1 to 2 after %d stories: %w", s.path, moved, err)
		}
		moved += batch
		s.log.Info("store migration", slog.Int("stories_moved", moved), slog.Bool("done", done))
		if done {
			return s.compactAfterMigration()
		}
		if afterMigrateBatch != nil {
			if err := afterMigrateBatch(moved); err != nil {
				return fmt.Errorf("store: open %s: migrate schema 1 to 2 after %d stories: %w", s.path, moved, err)
			}
		}
	}
}

// compactAfterMigration gives back the pages schema 1's buckets held:
// they are freed only as each batch commits, so the migrated file holds
// both layouts' high-water mark. The migration is complete without it,
// so a failure is logged, not returned; `redline compact` retries it.
func (s *Store) compactAfterMigration() error {
	res, err := s.Compact()
	if err != nil {
		s.log.Warn("store migration: compacting the migrated file failed; run redline compact", slog.Any("error", err))
		return nil
	}
	s.log.Info("store migration: compacted", slog.Int64("before", res.Before), slog.Int64("after", res.After))
	return nil
}

// migrateBatch moves stories until the byte budget is spent, and deletes
// the emptied "data" bucket once no story is left in it.
func migrateBatch(tx *bolt.Tx) (moved int, done bool, err error) {
	data := tx.Bucket(bucketData)
	if data == nil {
		return 0, true, nil
	}
	size := 0
	for size < migrateBatchBytes {
		k, v := data.Cursor().First()
		if k == nil {
			return moved, true, tx.DeleteBucket(bucketData)
		}
		if v != nil {
			return moved, false, fmt.Errorf("%w: data: key %x is a value, not a story's bucket", ErrCorrupt, k)
		}
		id, err := parseU64(k)
		if err != nil {
			return moved, false, fmt.Errorf("%w: data: story key %x: %w", ErrCorrupt, k, err)
		}
		n, err := migrateStory(tx, redline.StoryID(id), data.Bucket(k))
		if err != nil {
			return moved, false, fmt.Errorf("story %d: %w", id, err)
		}
		if err := data.DeleteBucket(k); err != nil {
			return moved, false, fmt.Errorf("story %d: delete schema 1 bucket: %w", id, err)
		}
		size += n
		moved++
	}
	return moved, false, nil
}

// migrateStory copies one story's schema 1 bucket and returns the bytes
// it copied. Values are copied out of the old pages, which the same
// transaction frees when it deletes the bucket.
func migrateStory(tx *bolt.Tx, id redline.StoryID, old *bolt.Bucket) (int, error) {
	dst, err := historyOf(tx, id)
	if err != nil {
		return 0, err
	}
	byName := map[string]span{
		string(bucketVersions): dst.versions, string(bucketPages): dst.pages, string(bucketChecks): dst.checks,
		string(bucketAliases): dst.aliases, string(bucketHashes): dst.hashes, string(bucketDrops): dst.drops,
	}
	size := 0
	err = old.ForEach(func(k, v []byte) error {
		if v != nil {
			if string(k) != "head" {
				return fmt.Errorf("%w: unknown record %q", ErrCorrupt, k)
			}
			size += len(v)
			return dst.heads.Put(nil, append([]byte(nil), v...))
		}
		name, ok := schema1Kinds[string(k)]
		if !ok {
			return fmt.Errorf("%w: unknown bucket %q", ErrCorrupt, k)
		}
		to := byName[string(name)]
		return old.Bucket(k).ForEach(func(rk, rv []byte) error {
			if rv == nil {
				return fmt.Errorf("%w: %q: nested bucket %x", ErrCorrupt, k, rk)
			}
			size += len(rk) + len(rv)
			if err := to.Put(rk, append([]byte(nil), rv...)); err != nil {
				return fmt.Errorf("%s %x: %w", name, rk, err)
			}
			return nil
		})
	})
	return size, err
}
