package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// proc is one finished child process: how long it ran, its peak resident
// set (its own: see spawnEnv) and what it printed.
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
	var (
		res     resident
		sampled = make(chan struct{})
		done    = make(chan struct{})
		started bool
	)
	wait, err := startSpawned(cmd, func(pid int) {
		if interval <= 0 {
			return
		}
		started = true
		go func() {
			defer close(sampled)
			res = sampleResident(pid, r.bin, interval, done)
		}()
	})
	var s spawned
	if err == nil {
		s, err = wait()
	}
	close(done)
	if started {
		<-sampled
	}
	p := proc{wall: s.wall, maxRSS: s.maxRSS, stdout: out.String()}
	if err != nil {
		return p, res, fmt.Errorf("bench: redline %s: %w\n%s", strings.Join(args, " "), err, errOut.String())
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
