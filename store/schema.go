package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this package reads and writes. Bump it and
// add a step to migrate when the layout or serialization changes.
//
// Schema 1 kept each story's history in nested buckets under "data";
// schema 2 keeps one top-level bucket per kind of record (see doc.go);
// schema 3 adds shared keyframes and their dictionaries (dict.go), which a
// schema-2 build would report as corruption, so it must refuse the file;
// schema 4 adds text keyframes (text.go), the same way.
const SchemaVersion = 4

// oldestReadable is the oldest schema this build reads as it is: schemas
// 3 and 4 only add to schema 2, so a read-only open of a schema-2 or -3
// file needs no migration.
const oldestReadable = 2

// Errors returned by Open.
var (
	// ErrNotRedline is returned when the file is not a bbolt database, or
	// is a bbolt database that some other program wrote.
	ErrNotRedline = errors.New("not a redline database")
	// ErrSchemaTooNew is returned when the database was written by a newer
	// redline; opening it would risk misreading or corrupting it.
	ErrSchemaTooNew = errors.New("database schema is newer than this redline supports")
	// ErrNeedsMigration is returned when a read-only open meets an older
	// schema, which only a read-write open can migrate.
	ErrNeedsMigration = errors.New("database schema needs migration")
)

var keySchema = []byte("schema")

// prepareSchema checks the schema version and, for a writable store,
// initialises a new file or migrates an older one (see migrateData for
// what a crash midway leaves).
func (s *Store) prepareSchema() error {
	var version uint64
	var empty, unfinished bool
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		version, empty, err = readSchema(tx)
		unfinished = tx.Bucket(bucketData) != nil
		return err
	})
	if err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, err)
	}
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("store: open %s: %w (file has schema %d, this build supports up to %d); upgrade redline",
			s.path, ErrSchemaTooNew, version, SchemaVersion)
	case version == SchemaVersion && !unfinished:
		return nil
	case version >= oldestReadable && s.rdonly && !unfinished:
		return nil
	case version >= oldestReadable && s.rdonly:
		return fmt.Errorf("store: open %s read-only: %w: a migration from schema 1 was interrupted; "+
			"run any write command once (e.g. redline compact) to finish it", s.path, ErrNeedsMigration)
	case version == SchemaVersion:
		return s.migrateData()
	case version == 0 && !empty:
		return fmt.Errorf("store: open %s: %w (bbolt file without redline metadata)", s.path, ErrNotRedline)
	case s.rdonly && empty:
		return fmt.Errorf("store: open %s read-only: %w (empty database)", s.path, ErrNotRedline)
	case s.rdonly:
		return fmt.Errorf("store: open %s read-only: %w from schema %d to %d; "+
			"run any write command once (e.g. redline compact) to migrate it", s.path, ErrNeedsMigration, version, SchemaVersion)
	}
	err = s.db.Update(func(tx *bolt.Tx) error { return migrate(tx, version) })
	if err != nil {
		return fmt.Errorf("store: open %s: migrate schema %d to %d: %w", s.path, version, SchemaVersion, err)
	}
	s.log.Debug("store schema ready", slog.Uint64("from", version), slog.Int("to", SchemaVersion))
	// A schema-2 file may hold an interrupted migration from schema 1,
	// which the records' move finishes as it would have there.
	if version == 1 || unfinished {
		return s.migrateData()
	}
	return nil
}

// readSchema returns the stored schema version, 0 when there is none, and
// whether the file holds no buckets at all (a brand-new file).
func readSchema(tx *bolt.Tx) (version uint64, empty bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		k, _ := tx.Cursor().First()
		return 0, k == nil, nil
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0, false, fmt.Errorf("%w: malformed schema key (%d bytes)", ErrNotRedline, len(v))
	}
	return binary.BigEndian.Uint64(v), false, nil
}

// migrate brings a database at schema from up to SchemaVersion in one
// transaction, except for moving schema 1's records, which migrateData
// does after it. Version 0 is a new, empty file.
func migrate(tx *bolt.Tx, from uint64) error {
	if from == 0 {
		for _, name := range [][]byte{bucketMeta, bucketStories, bucketURLs} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %q: %w", name, err)
			}
		}
	}
	if from < 2 {
		for _, name := range historyBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %q: %w", name, err)
			}
		}
	}
	if from < 3 {
		for _, name := range [][]byte{bucketDicts, bucketDictHosts} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %q: %w", name, err)
			}
		}
	}
	// Later schema steps go here, each guarded by `if from < N`.
	return tx.Bucket(bucketMeta).Put(keySchema, u64(SchemaVersion))
}
