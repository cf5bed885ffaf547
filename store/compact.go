package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CompactResult reports what Compact did; sizes are of the file on disk.
type CompactResult struct {
	Path   string `json:"path"`
	Before int64  `json:"before"`
	After  int64  `json:"after"`
}

// compactTxMaxSize bounds each transaction of the copy, so compacting a
// large file does not hold all of it in dirty pages at once.
const compactTxMaxSize = 8 << 20

// beforeSwap, when set by a test, runs after the compacted copy is
// complete and before it replaces the file; an error aborts as a crash
// there would.
var beforeSwap func(tmp string) error

// compactPath is where the copy is built: beside the file, so the final
// rename stays on one file system and is atomic.
func compactPath(path string) string { return path + ".compact" }

// Compact rewrites the database file to its live size: bbolt never
// shrinks a file, so pages freed by purged stories, pruned checks and
// dropped pages are only returned to the file system here. Every key and
// value, and every bucket's sequence, is copied unchanged.
//
// It takes the store's lock exclusively: store calls from other goroutines
// wait until it is done (the scheduler pauses for that long). The copy is
// written to DB.compact, synced, and renamed over the file only once it is
// complete, so a crash at any point leaves either the old file or the
// whole new one. The old handle is released only after the new file is
// open and locked, so no other process can slip in between.
func (s *Store) Compact() (CompactResult, error) {
	res := CompactResult{Path: s.path}
	if s.rdonly {
		return res, fmt.Errorf("store: compact %s: opened read-only", s.path)
	}
	s.db.mu.Lock()
	defer s.db.mu.Unlock()
	fi, err := os.Stat(s.path)
	if err != nil {
		return res, fmt.Errorf("store: compact %s: %w", s.path, err)
	}
	res.Before = fi.Size()
	tmp := compactPath(s.path)
	// A leftover is from a compaction that crashed; the lock we hold on
	// the database means no other compaction of it is running.
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, fmt.Errorf("store: compact %s: remove leftover %s: %w", s.path, tmp, err)
	}
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: s.opts.Timeout})
	if err != nil {
		return res, fmt.Errorf("store: compact %s: create %s: %w", s.path, tmp, err)
	}
	dst.AllocSize = growStep
	abort := func(step string, err error) (CompactResult, error) {
		_ = dst.Close()
		_ = os.Remove(tmp)
		return res, fmt.Errorf("store: compact %s: %s: %w", s.path, step, err)
	}
	// Dictionaries nothing uses any more are dropped first, so the copy
	// does not carry them; if anything fails after this, the original
	// only lacks what no record needed.
	if _, err := s.pruneDicts(); err != nil {
		return abort("drop unused dictionaries", err)
	}
	if err := bolt.Compact(dst, s.db.db, compactTxMaxSize); err != nil {
		return abort("copy", err)
	}
	if dst, err = trimToUsed(dst, tmp, s.opts.Timeout); err != nil {
		_ = os.Remove(tmp)
		return res, fmt.Errorf("store: compact %s: trim %s: %w", s.path, tmp, err)
	}
	// Each commit of the copy was fsynced by bbolt; what remains is to make
	// the rename itself durable.
	if beforeSwap != nil {
		if err := beforeSwap(tmp); err != nil {
			return abort("before swap", err)
		}
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return abort("replace the file", err)
	}
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		s.log.Warn("compact: could not sync the directory after the swap", "error", err)
	}
	old := s.db.db
	s.db.db = dst
	if err := old.Close(); err != nil {
		s.log.Warn("compact: could not close the replaced file", "error", err)
	}
	if fi, err := os.Stat(s.path); err == nil {
		res.After = fi.Size()
	}
	return res, nil
}

// trimToUsed cuts the file of db down to the pages in use and opens it
// again. bbolt grows a file ahead of what it needs (to the next power of
// two, or a step past it), so a fresh copy would otherwise keep up to a
// step of nothing; the pages past the high-water mark hold no data.
func trimToUsed(db *bolt.DB, path string, timeout time.Duration) (*bolt.DB, error) {
	var used int64
	if err := db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	err = f.Truncate(used)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, err
	}
	db.AllocSize = growStep
	return db, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
