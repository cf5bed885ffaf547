package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// session is how one command reaches the stories: through the API of the
// process that holds the database, or by holding the database itself.
type session struct {
	svc   redline.Service
	local *tracker.Service // nil when remote
	env   *env
	owner *dbowner.Server
	// remote is the role of the process reached over the API ("daemon",
	// "crawl"), empty when local.
	remote string
}

type access int

const (
	readOnly  access = iota // list, log, show, diff
	readWrite               // track, untrack
	owning                  // crawl: holds the DB for long, so serves the API meanwhile
	exclusive               // compact: the store alone, read-write, no tracker
)

// session goes through the owner of the database when one serves it, and
// holds the database itself otherwise.
func (a *app) session(ctx context.Context, mode access) (*session, error) {
	var local *session
	c, h, err := dbowner.Reach(ctx, a.cfg.DB, a.cfg.Serve.clientToken(), dbowner.Wait, func() error {
		var err error
		local, err = a.openLocal(ctx, mode)
		return err
	})
	if err != nil {
		return nil, err
	}
	if c != nil {
		return &session{svc: c, remote: h.Role}, nil
	}
	return local, nil
}

func (a *app) openLocal(ctx context.Context, mode access) (*session, error) {
	if mode == readOnly || mode == exclusive {
		if _, err := os.Stat(a.cfg.DB); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s yet: track a story first (redline track URL) or pass --db", a.cfg.DB)
		}
	}
	if mode == readOnly {
		st, err := a.openStore(true)
		if err != nil {
			return nil, err
		}
		s := &session{env: &env{store: st}}
		s.local = &tracker.Service{Store: st, Line: web.ExportLineOf}
		s.svc = s.local
		return s, nil
	}
	if mode == exclusive {
		st, err := a.openStore(false)
		if err != nil {
			return nil, err
		}
		s := &session{env: &env{store: st}, local: &tracker.Service{Store: st, KeepPages: time.Duration(a.cfg.KeepPages), Line: web.ExportLineOf}}
		s.svc = s.local
		return s, nil
	}
	e, err := a.openTracker()
	if err != nil {
		return nil, err
	}
	s := &session{env: e, local: &tracker.Service{Store: e.store, Tracker: e.tracker, Feeds: a.feeds(), KeepPages: time.Duration(a.cfg.KeepPages), Line: web.ExportLineOf}}
	s.svc = s.local
	if mode == owning {
		// A cron report that meets this crawl is served, not refused.
		reports, err := a.optionalReports(e)
		if err != nil {
			e.Close()
			return nil, err
		}
		mux := http.NewServeMux()
		web.NewAPI(s.local, web.Health{Version: version, DB: absPath(a.cfg.DB), Started: time.Now(), Role: "crawl"}, a.logger).
			Restrict(a.cfg.Serve.access()).Reports(reporterOf(reports)).Register(mux)
		if s.owner, err = dbowner.Serve(ctx, "127.0.0.1:0", a.cfg.DB, "crawl", mux); err != nil {
			e.Close()
			return nil, err
		}
	}
	return s, nil
}

// Close releases what the session holds, the API first so no request is
// cut off by the store closing under it.
func (s *session) Close() error {
	var errs []error
	if s.owner != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, s.owner.Close(ctx))
		cancel()
	}
	if s.env != nil {
		errs = append(errs, s.env.Close())
	}
	return errors.Join(errs...)
}

// openSession loads the configuration and opens a session: the start of
// every command that touches stories.
func (a *app) openSession(ctx context.Context, mode access) (*session, error) {
	if err := a.load(); err != nil {
		return nil, err
	}
	return a.session(ctx, mode)
}

// withStory runs fn on the story that ref names, in a read-only session.
func (a *app) withStory(cmd *cobra.Command, ref string, fn func(s *session, st web.StoryView) error) error {
	s, err := a.openSession(cmd.Context(), readOnly)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := lookupStory(cmd, s, ref)
	if err != nil {
		return err
	}
	return fn(s, st)
}
