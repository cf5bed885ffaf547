package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// spawnEnv makes the bench binary, run again, the parent of one measured
// command instead of the bench.
//
// The measured commands cannot be children of the bench itself: Go starts
// a child with vfork (CLONE_VM), and when the child execs, Linux folds the
// peak RSS of the memory it shared until then, the parent's, into the
// child's rusage. A redline --help started by the bench reported the
// bench's 31 MiB, not its own 28. The spawner is started the same way,
// but is small, and its own child's rusage is that child's.
const spawnEnv = "REDLINE_BENCH_SPAWN"

// spawned is what the spawner reports of its child.
type spawned struct {
	pid    int
	wall   time.Duration
	maxRSS int64 // bytes
}

// spawnMain runs args as a child with the spawner's stdio, writes
// "pid N" and then "done MAXRSS_KIB WALL_NS" to fd 3, and returns the
// child's exit code.
func spawnMain(args []string) int {
	report := os.NewFile(3, "report")
	if len(args) == 0 || report == nil {
		fmt.Fprintln(os.Stderr, "bench: spawner: no command")
		return 2
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, spawnEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "bench: spawner:", err)
		return 2
	}
	fmt.Fprintf(report, "pid %d\n", cmd.Process.Pid)
	err := cmd.Wait()
	wall := time.Since(start)
	var kib int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kib = int64(ru.Maxrss) // Linux reports KiB
	}
	fmt.Fprintf(report, "done %d %d\n", kib, wall.Nanoseconds())
	report.Close()
	if err != nil {
		return cmd.ProcessState.ExitCode()
	}
	return 0
}

// startSpawned starts cmd under the spawner, calls onPid with the pid of
// cmd's process, and returns a function that waits for it.
func startSpawned(cmd *exec.Cmd, onPid func(int)) (func() (spawned, error), error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench: spawner: %w", err)
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("bench: spawner: %w", err)
	}
	cmd.Args = append([]string{self}, cmd.Args...)
	cmd.Path = self
	cmd.Env = append(cmd.Env, spawnEnv+"=1")
	cmd.ExtraFiles = []*os.File{pw}
	err = cmd.Start()
	pw.Close() // the spawner holds it now; EOF when the spawner is gone
	if err != nil {
		pr.Close()
		return nil, err
	}
	lines := bufio.NewReader(pr)
	var s spawned
	if l, err := lines.ReadString('\n'); err == nil {
		if _, err := fmt.Sscanf(l, "pid %d\n", &s.pid); err == nil && onPid != nil {
			onPid(s.pid)
		}
	}
	return func() (spawned, error) {
		defer pr.Close()
		waitErr := cmd.Wait()
		rest, _ := io.ReadAll(lines)
		f := strings.Fields(string(rest))
		if len(f) == 3 && f[0] == "done" {
			kib, err1 := strconv.ParseInt(f[1], 10, 64)
			ns, err2 := strconv.ParseInt(f[2], 10, 64)
			if err1 == nil && err2 == nil {
				s.maxRSS, s.wall = kib*1024, time.Duration(ns)
			}
		}
		if waitErr == nil && s.maxRSS == 0 {
			return s, fmt.Errorf("bench: spawner reported nothing of %s", strings.Join(cmd.Args[1:], " "))
		}
		return s, waitErr
	}, nil
}
