package store

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/redline-news/redline"
)

// DefaultTimeout is how long Open waits for another process to release the
// database before giving up.
const DefaultTimeout = 2 * time.Second

// growStep is how far past its last used page the file grows once it is
// bigger than growStep; below that bbolt grows it to its whole power-of-two
// map size. bbolt's default of 16 MiB made a 2,000-story file 16.8 MB
// whatever it held. Each step costs one truncate and fsync.
const growStep = 256 << 10

// Options configure Open. The zero value is usable.
type Options struct {
	// Timeout is how long to wait for the file lock; 0 means DefaultTimeout.
	// bbolt itself would wait forever on 0, which would hang a cron run
	// behind a running daemon.
	Timeout time.Duration
	// ReadOnly opens the file with a shared lock; every write fails.
	ReadOnly bool
	// Logger receives debug and migration messages; nil means silent.
	Logger *slog.Logger
	// Now stamps stories, versions and checks that arrive without a time;
	// nil means time.Now.
	Now func() time.Time
	// KeepChecks bounds the checks kept per story: recording one more
	// drops the oldest. 0 keeps them all. Versions are never dropped.
	KeepChecks int
}

// Store is a redline database backed by a single bbolt file. It is safe for
// concurrent use by multiple goroutines.
type Store struct {
	db     *lockedDB
	path   string
	opts   Options // as given to Open, for reopening after Compact
	log    *slog.Logger
	now    func() time.Time
	codec  *codec
	dicts  *dictCache
	rdonly bool
	keep   int // checks kept per story; 0 = all
}

// Open opens the database at path, creating and initialising it unless
// opts.ReadOnly is set, and migrating an older schema forward.
//
// It fails within about opts.Timeout with an error wrapping
// redline.ErrDatabaseLocked when another process holds the file, with
// ErrNotRedline when the file is not a redline database, and with
// ErrSchemaTooNew when it was written by a newer redline.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, openError(path, opts.ReadOnly, err)
	}
	c, err := newCodec()
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{
		db:     &lockedDB{db: db},
		path:   path,
		opts:   opts,
		log:    opts.Logger.With(slog.String("db", path)),
		now:    opts.Now,
		keep:   max(opts.KeepChecks, 0),
		codec:  c,
		dicts:  newDictCache(dictCacheBytes),
		rdonly: opts.ReadOnly,
	}
	if err := s.prepareSchema(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// openBolt opens path with bbolt, making sure the handle it returns is the
// file that is at path now. Compact renames a new file over the old one
// while holding the old one's lock, so a process that was waiting for that
// lock would otherwise get it on the replaced, unlinked file and write
// into nothing; it opens again instead.
func openBolt(path string, opts Options) (*bolt.DB, error) {
	deadline := time.Now().Add(opts.Timeout)
	for {
		before, statErr := os.Stat(path)
		db, err := bolt.Open(path, 0o600, &bolt.Options{
			Timeout:  max(time.Until(deadline), time.Millisecond),
			ReadOnly: opts.ReadOnly,
		})
		if err != nil {
			return db, err
		}
		db.AllocSize = growStep
		if statErr != nil {
			return db, nil // a file that did not exist before cannot have been swapped
		}
		after, err := os.Stat(path)
		if err == nil && os.SameFile(before, after) {
			return db, nil
		}
		_ = db.Close()
		if time.Now().After(deadline) {
			return nil, berrors.ErrTimeout
		}
	}
}

// openError turns bbolt's terse open failures into messages an editor can
// act on.
func openError(path string, readOnly bool, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("store: open %s: %w; try again in a moment, stop that process, or point --db elsewhere",
			path, redline.ErrDatabaseLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return fmt.Errorf("store: open %s: %w (bbolt: %w)", path, ErrNotRedline, err)
	case readOnly && errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("store: open %s read-only: no database there yet: %w", path, err)
	default:
		return fmt.Errorf("store: open %s: %w", path, err)
	}
}

// Close releases the file lock. It waits for open transactions to finish.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.rdonly }
