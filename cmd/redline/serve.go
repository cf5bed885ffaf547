package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/metrics"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
	"github.com/redline-news/redline/web/ui"
)

// shutdownGrace bounds how long in-flight HTTP requests may run after a
// signal; fetches are cancelled through the context at once.
const shutdownGrace = 10 * time.Second

func newServeCommand(a *app) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the daemon: scheduler, JSON API (and web UI) on one database",
		Long: `serve holds the database, checks every story when it is due, and serves the
JSON API under /api/v1 and Prometheus metrics on /metrics. While it runs,
every other redline command on the same database (crawl, track, list, log,
show, diff) goes through its API, so cron jobs and the daemon can share one
database.

It stops cleanly on SIGINT or SIGTERM: fetches in flight are cancelled, the
pass records what it finished, the server drains, and the database is closed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(); err != nil {
				return err
			}
			if addr == "" {
				addr = a.cfg.Serve.Addr
			} else if err := checkListenAddr(addr); err != nil {
				return usagef("serve: --addr: %w", err)
			}
			// Refused before the database is opened or a port bound, so
			// nothing is ever exposed without a token.
			if err := checkExposure(addr, a.cfg.Serve); err != nil {
				return usagef("serve: serve.addr: %w", err)
			}
			return a.serve(cmd.Context(), addr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "listen address (default: config serve.addr, 127.0.0.1:8080)")
	return cmd
}

func (a *app) serve(ctx context.Context, addr string) error {
	rec := metrics.NewRecorder()
	a.observer = rec
	e, err := a.waitForDatabase(ctx)
	if err != nil {
		return err
	}
	defer e.Close()
	reg, err := a.metricsRegistry(e.store, rec, true)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	kick := make(chan struct{}, 1)
	local := deliveringService{
		Service: &tracker.Service{Store: e.store, Tracker: e.tracker, Feeds: a.feeds(), KeepPages: time.Duration(a.cfg.KeepPages), Line: web.ExportLineOf},
		kick:    kick,
	}
	reports, err := a.optionalReports(e)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	access := a.cfg.Serve.access()
	web.NewAPI(local, web.Health{Version: version, DB: absPath(a.cfg.DB), Started: a.now(), Role: "daemon"}, a.logger).
		Restrict(access).Reports(reporterOf(reports)).Register(mux)
	mux.Handle("GET /metrics", access.Guard(metrics.Handler(reg, a.logger)))
	if err := a.registerPages(mux, local, access); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	atom, err := web.NewFeeds(local, web.FeedOptions{BaseURL: a.cfg.BaseURL, Logger: a.logger})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	atom.Restrict(access).Register(mux)
	owner, err := dbowner.Serve(ctx, addr, a.cfg.DB, "daemon", mux)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	a.logger.Info("redline serving", "addr", owner.Addr(), "db", a.cfg.DB, "version", version, "tokens", a.cfg.Serve.access().Enforced())

	var wg sync.WaitGroup
	wg.Go(func() {
		_ = e.tracker.Run(ctx, time.Duration(a.cfg.Schedule.Tick), func(r redline.CrawlReport, err error) {
			if err != nil {
				a.logger.Error("crawl pass failed", "error", err)
				return
			}
			a.logger.Info("crawl pass", "checked", r.Checked(), "changed", r.Changed, "failed", r.Failed, "skipped", r.Skipped)
			if r.Changed > 0 {
				kickDelivery(kick)
			}
		})
	})
	if reports != nil {
		wg.Go(func() { a.deliverEvery(ctx, reports, kick) })
	}

	if feeds := a.feeds(); len(feeds) > 0 {
		wg.Go(func() { a.discoverEvery(ctx, e.tracker, feeds) })
	}

	<-ctx.Done()
	a.logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = owner.Close(shutdownCtx)
	wg.Wait() // the scheduler has seen ctx end; wait for its pass to record
	if errors.Is(err, context.DeadlineExceeded) {
		err = nil // slow clients were cut off; nothing is half-written in the store
	}
	return err
}

// deliveringService is the daemon's service. A crawl asked through it (a
// cron crawl beside the daemon, a page's "Run now") kicks a report
// delivery as the daemon's own passes do, so its edits are mailed now
// rather than at the next reports.every.
type deliveringService struct {
	*tracker.Service
	kick chan<- struct{}
}

func (s deliveringService) Crawl(ctx context.Context, req redline.CrawlRequest) (redline.CrawlReport, error) {
	r, err := s.Service.Crawl(ctx, req)
	if r.Changed > 0 {
		kickDelivery(s.kick)
	}
	return r, err
}

// registerPages adds the web UI beside the API, on the same service and
// behind the same guard.
func (a *app) registerPages(mux *http.ServeMux, svc redline.Service, access web.Access) error {
	loc, err := a.cfg.Serve.location()
	if err != nil {
		return err // validated with the config; kept for a config built in code
	}
	pages, err := ui.New(ui.Options{Service: svc, Access: access, Location: loc, Now: a.now, Logger: a.logger})
	if err != nil {
		return err
	}
	pages.Register(mux)
	return nil
}

// discoverEvery reads the feeds at start and then every discover_every,
// until ctx ends.
func (a *app) discoverEvery(ctx context.Context, t *tracker.Tracker, feeds []tracker.Feed) {
	ticker := time.NewTicker(time.Duration(a.cfg.Schedule.DiscoverEvery))
	defer ticker.Stop()
	for {
		r := t.Discover(ctx, feeds)
		a.logger.Info("discovery pass", "feeds", len(r.Feeds), "tracked", r.Tracked, "failed", r.Failed)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// lockedPatience is how long serve waits for a database held by a process
// that serves no API (a list or track in progress) before giving up.
const lockedPatience = 30 * time.Second

// waitForDatabase opens the database for the daemon. A cron crawl that
// holds it is waited for (it ends within its run budget), so a daemon
// started mid-crawl comes up after it instead of failing; a second daemon
// is refused at once.
func (a *app) waitForDatabase(ctx context.Context) (*env, error) {
	var (
		e       *env
		openErr error
	)
	err := dbowner.Hold(ctx, a.cfg.DB, a.cfg.Serve.clientToken(), dbowner.HoldOptions{
		Patience: lockedPatience,
		Waiting: func(h web.Health) {
			a.logger.Info("waiting for a running crawl to release the database", "pid", h.PID, "db", a.cfg.DB)
		},
	}, func() error {
		e, openErr = a.openTracker()
		return openErr
	})
	switch {
	case err == nil:
		return e, nil
	case err == ctx.Err(), err == openErr && !errors.Is(err, redline.ErrDatabaseLocked):
		// A stop, or a database that fails to open for its own reason,
		// already says what went wrong; waiting is what serve adds to.
		return nil, err
	}
	return nil, fmt.Errorf("serve: %w", err)
}
