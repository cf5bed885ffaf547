package store

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// lockedDB is the open bbolt file behind a read-write lock. Every
// transaction holds the read side, so Compact can take the write side,
// wait for transactions in flight, and swap in the compacted file while no
// store call can see a closed handle. Its View and Update have bbolt's
// signatures so store methods read as they would over a plain *bolt.DB.
type lockedDB struct {
	mu sync.RWMutex
	db *bolt.DB
}

func (l *lockedDB) View(fn func(*bolt.Tx) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.db.View(fn)
}

func (l *lockedDB) Update(fn func(*bolt.Tx) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.db.Update(fn)
}

// Close waits for a compaction in flight, so it never closes a handle
// that is being swapped.
func (l *lockedDB) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.db.Close()
}
