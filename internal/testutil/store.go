// Package testutil holds helpers shared by redline's tests, such as a real
// store in a temporary directory. Tests only: it imports testing, so it
// must never be linked into the binary (the settable clock the demo also
// needs lives in internal/clock).
package testutil

import (
	"path/filepath"
	"testing"

	"github.com/redline-news/redline/store"
)

// MustOpenStore opens a fresh store in t.TempDir and registers a cleanup
// that runs the full consistency check and closes it, so every test that
// writes through the store also proves it left the file consistent.
func MustOpenStore(t testing.TB) *store.Store {
	t.Helper()
	return MustOpenStoreWith(t, store.Options{})
}

// MustOpenStoreWith is MustOpenStore with options, e.g. a Clock's Now.
func MustOpenStoreWith(t testing.TB, opts store.Options) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "redline.db")
	s, err := store.Open(path, opts)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("store check at cleanup: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}
