package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// epoch starts every test clock, after newsroom.DefaultStart so the
// simulated pages never look like they come from the future.
var epoch = time.Date(2026, time.April, 2, 9, 0, 0, 0, time.UTC)

// env is the stack `redline serve` runs, built from the same parts: a
// tracker over a real bbolt file, a polite crawler, the simulated newsroom
// on loopback, the API and the pages on one mux behind one guard, served
// on 127.0.0.1.
type env struct {
	site    *newsroom.Site
	siteSrv *httptest.Server
	store   *store.Store
	tracker *tracker.Tracker
	svc     *tracker.Service
	clock   *clock.Manual
	ui      *Handler
	srv     *httptest.Server
}

// envOptions vary the stack; the zero value is loopback access without
// tokens, stories allowed on loopback (where the newsroom is).
type envOptions struct {
	access web.Access
	// publicOnly keeps the outbound guard at its default, refusing
	// loopback and private targets, as a newsroom's daemon runs.
	publicOnly bool
}

// stack wires the parts over an open store; cleanup runs in reverse.
func stack(st *store.Store, clk *clock.Manual, o envOptions, site *newsroom.Site, siteSrv *httptest.Server) (*env, func(), error) {
	access := o.access
	cr, err := crawler.New(crawler.Options{
		HostDelay: -1, AllowPrivate: !o.publicOnly,
		Timeout: 20 * time.Second,
	})
	if err != nil {
		return nil, nil, err
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		cr.Close()
		return nil, nil, err
	}
	tr, err := tracker.New(tracker.Options{Store: st, Crawler: cr, Extractor: ex, Now: clk.Now})
	if err != nil {
		cr.Close()
		return nil, nil, err
	}
	svc := &tracker.Service{Store: st, Tracker: tr, Line: web.ExportLineOf}
	h, err := New(Options{Service: svc, Access: access, Location: time.UTC, Now: clk.Now})
	if err != nil {
		cr.Close()
		return nil, nil, err
	}
	mux := http.NewServeMux()
	web.NewAPI(svc, web.Health{Version: "test", Role: "daemon"}, nil).Restrict(access).Register(mux)
	h.Register(mux)
	srv := httptest.NewServer(mux)
	e := &env{site: site, siteSrv: siteSrv, store: st, tracker: tr, svc: svc, clock: clk, ui: h, srv: srv}
	return e, func() { srv.Close(); cr.Close() }, nil
}

// newEnv builds a fresh stack for one test, with no story tracked.
func newEnv(t testing.TB, o envOptions) *env {
	t.Helper()
	clk := clock.New(epoch)
	site := newsroom.NewSite(newsroom.Options{})
	siteSrv := httptest.NewServer(site.Handler())
	t.Cleanup(siteSrv.Close)
	st := testutil.MustOpenStoreWith(t, store.Options{Now: clk.Now})
	e, cleanup, err := stack(st, clk, o, site, siteSrv)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	return e
}

// track adds the newsroom's story slug and checks it once.
func (e *env) track(t testing.TB, slug string, tags ...string) redline.Story {
	t.Helper()
	st, err := e.svc.Track(context.Background(), redline.TrackRequest{URL: e.site.StoryURL(e.siteSrv.URL, slug), Tags: tags})
	if err != nil {
		t.Fatalf("track %s: %v", slug, err)
	}
	if _, err := e.svc.Crawl(context.Background(), redline.CrawlRequest{IDs: []redline.StoryID{st.ID}}); err != nil {
		t.Fatalf("crawl %s: %v", slug, err)
	}
	st, err = e.svc.Story(context.Background(), st.URL)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
