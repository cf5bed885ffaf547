package main

import (
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/dbowner"
)

// silentListener accepts TCP connections on loopback and never answers,
// as a program that took over a dead owner's port would.
func silentListener(t testing.TB) (addr string, accepted *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted = new(atomic.Int64)
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String(), accepted
}

// deadPID returns the PID of a process that has exited and been reaped.
func deadPID(t testing.TB) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

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
	for _, pid := range []int{os.Getpid(), deadPID(t)} {
		addr, _ := silentListener(t)
		writeOwnerRecord(t, db, addr, pid)
		if r := mustRun(t, "--config", cfg, "list"); !strings.Contains(r.stdout, "127.0.0.1:9/story") {
			t.Errorf("list with a stale owner file (pid %d):\n%s", pid, r.stdout)
		}
	}
}
