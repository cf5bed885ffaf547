package metrics

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/redline-news/redline/store"
)

// Options wires a registry. Store and Recorder are required.
type Options struct {
	Store    *store.Store
	Recorder *Recorder
	// Version is reported as redline_build_info{version}.
	Version string
	// Overdue is how long a story may be due before it counts as overdue:
	// the scheduler tick plus the run budget.
	Overdue time.Duration
	// PausedHosts, when set, reports how many hosts are in back-off as
	// redline_hosts_paused; when nil the metric is left out.
	PausedHosts func() (int, error)
	// Runtime adds the Go and process collectors (go_*, process_*). Only
	// for a long-running daemon: a node-exporter textfile must not carry
	// them, as they would clash with node-exporter's own.
	Runtime bool
	Now     func() time.Time
}

// NewRegistry returns a registry of its own holding redline's metrics.
func NewRegistry(opts Options) (*prometheus.Registry, error) {
	if opts.Store == nil || opts.Recorder == nil {
		return nil, errors.New("metrics: store and recorder are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	reg := prometheus.NewRegistry()
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "redline_build_info",
		Help:        "Always 1; the labels name the running release.",
		ConstLabels: prometheus.Labels{"version": opts.Version, "goversion": runtime.Version()},
	})
	build.Set(1)
	cs := []prometheus.Collector{
		build,
		opts.Recorder,
		&storeCollector{store: opts.Store, now: opts.Now, overdue: opts.Overdue, pausedHosts: opts.PausedHosts},
	}
	if opts.Runtime {
		cs = append(cs, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("metrics: register: %w", err)
		}
	}
	return reg, nil
}

// Handler serves reg in the Prometheus exposition formats. A scrape that
// cannot read the store fails with 500, so Prometheus marks the target
// down instead of showing stale story counts.
func Handler(reg *prometheus.Registry, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(logger.Handler(), slog.LevelError),
		ErrorHandling: promhttp.HTTPErrorOnError,
	})
}

// WriteTextfile writes reg to path for node-exporter's textfile collector.
// The file is written beside path and renamed over it, so the collector
// never reads half a file.
func WriteTextfile(reg *prometheus.Registry, path string) error {
	if err := prometheus.WriteToTextfile(path, reg); err != nil {
		return fmt.Errorf("metrics: write textfile %s: %w", path, err)
	}
	return nil
}
