//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped is a no-op where fault-around is not known to map large
// spans of the file (see mapped_linux.go).
func releaseMapped(*bolt.Tx) {}
