package tracker_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
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
)

// epoch is the fixed start of every test clock: far from any DST change,
// and after newsroom.DefaultStart so pages never look like they are from
// the future.
var epoch = time.Date(2026, time.April, 2, 9, 0, 0, 0, time.UTC)

// envOptions tune newEnv; the zero value serves the demo stories with
// every real component at its test settings.
type envOptions struct {
	site newsroom.Options
	// maxBody caps crawler bodies (0 = crawler default).
	maxBody  int64
	schedule tracker.Schedule
	confirm  int
	// noConfirm turns ConfirmChanges off (it is on, as in the default
	// config).
	noConfirm bool
	extract   extract.Options
	// wrap, when set, wraps the site's handler (to slow a page down).
	wrap func(http.Handler) http.Handler
}

// env is one tracker wired to real components: a simulated news site on a
// loopback httptest server, a bbolt file in t.TempDir, a polite crawler
// that honours robots.txt, and the real extractor. Only the clock is fake,
// so schedules are predictable.
type env struct {
	site    *newsroom.Site
	srv     *httptest.Server
	store   *store.Store
	crawler *crawler.Crawler
	tracker *tracker.Tracker
	clock   *clock.Manual
	opts    envOptions
}

func newEnv(t testing.TB, o envOptions) *env {
	t.Helper()
	clk := clock.New(epoch)
	site := newsroom.NewSite(o.site)
	h := site.Handler()
	if o.wrap != nil {
		h = o.wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	st := testutil.MustOpenStoreWith(t, store.Options{Now: clk.Now})
	cr, err := crawler.New(crawler.Options{
		HostDelay:    -1,
		IgnoreRobots: false,
		AllowPrivate: true, // the simulated site is on loopback
		MaxBodySize:  o.maxBody,
		Timeout:      20 * time.Second,
	})
	if err != nil {
		t.Fatalf("crawler: %v", err)
	}
	t.Cleanup(func() { cr.Close() })
	e := &env{site: site, srv: srv, store: st, crawler: cr, clock: clk, opts: o}
	e.tracker = e.newTracker(t, o.extract)
	return e
}

// newTracker wires a tracker with the given extraction options to the
// environment's store, crawler and clock: a restart of redline with a new
// release or new rules.
func (e *env) newTracker(t testing.TB, xo extract.Options) *tracker.Tracker {
	t.Helper()
	ex, err := extract.New(xo)
	if err != nil {
		t.Fatalf("extractor: %v", err)
	}
	tr, err := tracker.New(tracker.Options{
		Store:                e.store,
		Crawler:              e.crawler,
		Extractor:            ex,
		Schedule:             e.opts.schedule,
		SuspectConfirmations: e.opts.confirm,
		ConfirmChanges:       !e.opts.noConfirm,
		Now:                  e.clock.Now,
	})
	if err != nil {
		t.Fatalf("tracker: %v", err)
	}
	return tr
}

// storyURL is the canonical page of slug, served by the site's template.
func (e *env) storyURL(slug string) string { return e.site.StoryURL(e.srv.URL, slug) }

// templateURL is slug rendered by the named template.
func (e *env) templateURL(tmpl, slug string) string {
	return e.site.TemplateURL(e.srv.URL, tmpl, slug)
}

// track adds a URL and fails the test if that does not work.
func (e *env) track(t testing.TB, url string) redline.Story {
	t.Helper()
	st, err := e.tracker.Track(url, tracker.TrackOptions{})
	if err != nil {
		t.Fatalf("track %s: %v", url, err)
	}
	return st
}

// check runs one pass over exactly the given story, as `redline crawl
// --id` does, and returns its result.
func (e *env) check(t testing.TB, id redline.StoryID) redline.StoryResult {
	t.Helper()
	rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{IDs: []redline.StoryID{id}})
	if err != nil {
		t.Fatalf("once story %d: %v", id, err)
	}
	if len(rep.Stories) != 1 {
		t.Fatalf("once story %d: %d results, want 1: %+v", id, len(rep.Stories), rep)
	}
	return rep.Stories[0]
}

// story reads the stored story.
func (e *env) story(t testing.TB, id redline.StoryID) redline.Story {
	t.Helper()
	st, err := e.store.Story(id)
	if err != nil {
		t.Fatalf("story %d: %v", id, err)
	}
	return st
}

// versions reads every stored version of the story.
func (e *env) versions(t testing.TB, id redline.StoryID) []redline.Version {
	t.Helper()
	vs, err := e.store.Versions(id)
	if err != nil && !errors.Is(err, redline.ErrVersionNotFound) {
		t.Fatalf("versions of story %d: %v", id, err)
	}
	return vs
}

// checks reads the recorded checks of the story, oldest first.
func (e *env) checks(t testing.TB, id redline.StoryID) []redline.Check {
	t.Helper()
	cs, err := e.store.Checks(id, 0)
	if err != nil {
		t.Fatalf("checks of story %d: %v", id, err)
	}
	slices.Reverse(cs) // the store lists newest first
	return cs
}

// wantResult fails the test unless the result is want.
func wantResult(t testing.TB, what string, got redline.StoryResult, want redline.CheckResult) {
	t.Helper()
	if got.Result != want {
		t.Fatalf("%s: result %q (error %q, summary %q), want %q", what, got.Result, got.Error, got.Summary, want)
	}
}
