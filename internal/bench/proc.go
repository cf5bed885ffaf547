package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// proc is one finished child process: how long it ran, its peak resident
// set and what it printed.
type proc struct {
	wall   time.Duration
	maxRSS int64 // bytes
	stdout string
}

// runner runs the built redline binary with one config.
type runner struct {
	bin, cfg string
	env      []string
}

func (r runner) run(args ...string) (proc, error) {
	p, _, err := r.runSampled(0, args...)
	return p, err
}

// runSampled is run that, for an interval above zero, also samples what
// the process has resident (see resident).
func (r runner) runSampled(interval time.Duration, args ...string) (proc, resident, error) {
	cmd := exec.Command(r.bin, append([]string{"--config", r.cfg}, args...)...)
	cmd.Env = r.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	var (
		res     resident
		sampled = make(chan struct{})
		done    = make(chan struct{})
	)
	err := cmd.Start()
	if err == nil && interval > 0 {
		go func() {
			defer close(sampled)
			res = sampleResident(cmd.Process.Pid, r.bin, interval, done)
		}()
	} else {
		close(sampled)
	}
	if err == nil {
		err = cmd.Wait()
	}
	close(done)
	<-sampled
	p := proc{wall: time.Since(start), stdout: out.String()}
	if err != nil {
		return p, res, fmt.Errorf("bench: redline %s: %w\n%s", strings.Join(args, " "), err, errOut.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		p.maxRSS = int64(ru.Maxrss) * 1024 // Linux reports KiB
	}
	return p, res, nil
}

// medianRun runs a command n times and returns the median wall time and
// the median peak RSS, so one run disturbed by a neighbour does not decide
// the figure.
func (r runner) medianRun(n int, args ...string) (time.Duration, int64, error) {
	walls := make([]time.Duration, 0, n)
	rss := make([]int64, 0, n)
	for range n {
		p, err := r.run(args...)
		if err != nil {
			return 0, 0, err
		}
		walls = append(walls, p.wall)
		rss = append(rss, p.maxRSS)
	}
	slices.Sort(walls)
	slices.Sort(rss)
	return walls[n/2], rss[n/2], nil
}
