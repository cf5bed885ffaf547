package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/redline-news/redline/metrics"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
)

// metricsRegistry builds the registry `serve` exposes on /metrics and
// `crawl --metrics-file` writes; runtime adds the go_* and process_*
// figures, which only a long-running process should publish.
func (a *app) metricsRegistry(st *store.Store, rec *metrics.Recorder, runtime bool) (*prometheus.Registry, error) {
	return metrics.NewRegistry(metrics.Options{
		Store:    st,
		Recorder: rec,
		Version:  version,
		// A due story is picked up within a tick and checked within the
		// run budget; due for longer, it is overdue.
		Overdue: time.Duration(a.cfg.Schedule.Tick) + time.Duration(a.cfg.Crawler.RunBudget),
		// Read from the store, so a cron textfile sees the pauses that
		// earlier runs left as well as the daemon does.
		PausedHosts: func() (int, error) {
			hs, err := tracker.PausedHosts(st, a.now())
			return len(hs), err
		},
		Runtime: runtime,
		Now:     a.now,
	})
}

// cronRecorder returns a recorder that goes on from the counters of the
// textfile at path, so a cron job's counters keep rising from run to run.
// An unreadable file costs only a counter reset, never the crawl.
func (a *app) cronRecorder(path string) *metrics.Recorder {
	rec := metrics.NewRecorder()
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return rec
	}
	if err == nil {
		err = rec.Seed(f)
		f.Close()
	}
	if err != nil {
		a.logger.Warn("metrics file unreadable; its counters start again from zero", "path", path, "error", err)
		return metrics.NewRecorder() // a half-read seed would be worse than a reset
	}
	return rec
}

// writeCronMetrics writes the figures of the pass this process ran. When
// the pass ran in the daemon instead, its /metrics has them, and the file
// is left alone.
func (a *app) writeCronMetrics(s *session, rec *metrics.Recorder, path string) error {
	if s.env == nil || s.env.store == nil {
		fmt.Fprintf(a.stderr, "the pass ran in the redline %s: its figures are on its /metrics; %s not written\n", s.remote, path)
		return nil
	}
	reg, err := a.metricsRegistry(s.env.store, rec, false)
	if err != nil {
		return fmt.Errorf("crawl: --metrics-file %s: %w", path, err)
	}
	if err := metrics.WriteTextfile(reg, path); err != nil {
		return fmt.Errorf("crawl: --metrics-file: %w", err)
	}
	return nil
}
