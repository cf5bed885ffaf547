package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/internal/testutil"
)

func writeOwnerRecord(t testing.TB, db, addr string, pid int) {
	t.Helper()
	rec, _ := json.Marshal(dbowner.Record{Addr: addr, PID: pid, Role: "daemon", DB: db, Started: time.Now()})
	if err := os.WriteFile(dbowner.File(db), rec, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A command facing a stale owner file still works on the database itself.
func TestRun_staleOwnerIgnored(t *testing.T) {
	cfg, db := testConfig(t, "")
	mustRun(t, "--config", cfg, "track", "http://127.0.0.1:9/story")
	for _, pid := range []int{os.Getpid(), testutil.DeadPID(t)} {
		addr, _ := testutil.SilentListener(t)
		writeOwnerRecord(t, db, addr, pid)
		if r := mustRun(t, "--config", cfg, "list"); !strings.Contains(r.stdout, "127.0.0.1:9/story") {
			t.Errorf("list with a stale owner file (pid %d):\n%s", pid, r.stdout)
		}
	}
}
