package main

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
)

func TestMain(m *testing.M) {
	if os.Getenv(spawnEnv) != "" {
		os.Exit(spawnMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// held is touched memory that makes this process's RSS far larger than
// the child's.
var held []byte

func TestSpawned_childOwnRSS(t *testing.T) {
	const heldMiB = 96
	held = make([]byte, heldMiB<<20)
	for i := range held {
		held[i] = 1
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(self, "-test.run=^$")
		cmd.Env = os.Environ()
		return cmd
	}

	direct := child()
	if err := direct.Run(); err != nil {
		t.Fatal(err)
	}
	var pid int
	wait, err := startSpawned(child(), func(p int) { pid = p })
	if err != nil {
		t.Fatal(err)
	}
	s, err := wait()
	if err != nil {
		t.Fatal(err)
	}
	if pid == 0 || s.pid != pid || s.wall <= 0 {
		t.Errorf("spawned = %+v, onPid got %d; want the child's pid and wall time", s, pid)
	}
	// Started directly, the child reports this process's peak (vfork);
	// under the spawner it reports its own, a test binary running nothing.
	t.Logf("child maxrss: direct %d MiB, spawned %d MiB", maxRSSKiB(direct)>>10, s.maxRSS>>20)
	if s.maxRSS <= 0 || s.maxRSS >= heldMiB<<20/2 {
		t.Errorf("spawned child maxrss = %d MiB, want its own (well under the parent's %d MiB)", s.maxRSS>>20, heldMiB)
	}
	held = nil
}

func TestSpawned_exitCode(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$", "-no-such-flag")
	cmd.Env = os.Environ()
	wait, err := startSpawned(cmd, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wait(); err == nil {
		t.Error("a failing child was reported as a success")
	}
}

func maxRSSKiB(cmd *exec.Cmd) int64 {
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
