package dbowner

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/testutil"
)

func writeOwnerRecord(t testing.TB, db, addr string, pid int) {
	t.Helper()
	rec, _ := json.Marshal(Record{Addr: addr, PID: pid, Role: "daemon", DB: db, Started: time.Now()})
	if err := os.WriteFile(File(db), rec, 0o644); err != nil {
		t.Fatal(err)
	}
}

// tempDB is a database path with a real file behind it, as Find compares
// the owner's file with it.
func tempDB(t testing.TB) string {
	t.Helper()
	db := t.TempDir() + "/redline.db"
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestFind_staleRecord(t *testing.T) {
	tests := []struct {
		name string
		pid  func(testing.TB) int
		// probes is how many connections the check may open: none for a
		// dead PID, one for a live PID whose address now answers nothing.
		probes int64
	}{
		{"dead pid", testutil.DeadPID, 0},
		{"live pid, silent listener", func(testing.TB) int { return os.Getpid() }, 1},
		{"no pid recorded", func(testing.TB) int { return 0 }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tempDB(t)
			addr, accepted := testutil.SilentListener(t)
			writeOwnerRecord(t, db, addr, tt.pid(t))
			if c, _, _ := Find(context.Background(), db, ""); c != nil {
				t.Fatalf("Find returned a client for a stale record")
			}
			// The client may dial before the accept loop counts it.
			deadline := time.Now().Add(5 * time.Second)
			for accepted.Load() < tt.probes && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if got := accepted.Load(); got != tt.probes {
				t.Errorf("Find opened %d connections, want %d", got, tt.probes)
			}
		})
	}
}

// BenchmarkFind_stale is the cost a stale owner file adds to every
// command: bounded by Probe when its PID is alive, nothing when dead.
func BenchmarkFind_stale(b *testing.B) {
	for _, tc := range []struct {
		name string
		pid  func(testing.TB) int
	}{
		{"live_pid", func(testing.TB) int { return os.Getpid() }},
		{"dead_pid", testutil.DeadPID},
	} {
		b.Run(tc.name, func(b *testing.B) {
			db := b.TempDir() + "/redline.db"
			addr, _ := testutil.SilentListener(b)
			writeOwnerRecord(b, db, addr, tc.pid(b))
			b.ReportAllocs()
			for b.Loop() {
				if c, _, _ := Find(context.Background(), db, ""); c != nil {
					b.Fatal("stale record taken for an owner")
				}
			}
		})
	}
}
