package store

import (
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// BackupTo is Backup for a stream: size is called with the exact number of
// bytes the copy will have before the first one is written, so an HTTP
// handler can send Content-Length and a client can tell a cut-off copy
// from a whole one.
func (s *Store) BackupTo(w io.Writer, size func(int64)) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		if size != nil {
			size(tx.Size())
		}
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup %s: %w", s.path, err)
	}
	return n, nil
}
