package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/redline-news/redline/store"
)

// TestStore_Hosts: host records survive a reopen, read-only included, a
// database that never stored one lists none, and deleting is idempotent.
func TestStore_Hosts(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "redline.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if hs, err := s.Hosts(); err != nil || len(hs) != 0 {
		t.Fatalf("hosts of a new database: %+v, %v; want none", hs, err)
	}
	until := epoch.Add(time.Hour)
	want := []store.HostRecord{
		{Host: "127.0.0.2", Failures: 2, Until: until, Reason: "connection refused"},
		{Host: "127.0.0.3:8080", Streak: []uint64{3, 5}, StreakSince: epoch},
	}
	for _, h := range []store.HostRecord{want[1], want[0]} {
		if err := s.PutHost(h); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutHost(store.HostRecord{}); err == nil {
		t.Error("a host record without a host was stored")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ro.Hosts()
	if err != nil || len(got) != 2 {
		t.Fatalf("hosts after reopen: %+v, %v", got, err)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Host != w.Host || g.Failures != w.Failures || !g.Until.Equal(w.Until) || g.Reason != w.Reason ||
			len(g.Streak) != len(w.Streak) || !g.StreakSince.Equal(w.StreakSince) {
			t.Errorf("host %d: got %+v, want %+v", i, g, w)
		}
	}
	if err := ro.Check(); err != nil {
		t.Errorf("check: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range 2 {
		if err := s.DeleteHost("127.0.0.2"); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.Hosts(); err != nil || len(got) != 1 || got[0].Host != "127.0.0.3:8080" {
		t.Errorf("hosts after delete: %+v, %v", got, err)
	}
}
