package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/store"
)

// The shared newsroom is what the browser tests look at: the simulated
// news site's stories tracked and crawled through every edit round, plus
// one story whose headline and text are XSS payloads, served by the same
// stack as `redline serve` on 127.0.0.1. Building it costs a few seconds,
// so the package's browser tests share one, built at the first call.
//
// Tests that change it (add a story, untrack one) must not assume what
// other tests left: count from the service, not from constants.
var shared struct {
	once    sync.Once
	env     *env
	xss     redline.Story
	err     error
	dir     string
	cleanup []func()
}

// sharedTags alternates over the newsroom's stories, so filters have
// something to pick.
var sharedTags = []string{"metro", "politics"}

// sharedNewsroom returns the shared stack; the story of the XSS payloads
// is shared.xss.
func sharedNewsroom(t testing.TB) *env {
	t.Helper()
	shared.once.Do(func() { shared.err = buildShared() })
	if shared.err != nil {
		t.Fatalf("build the shared newsroom: %v", shared.err)
	}
	return shared.env
}

func buildShared() error {
	dir, err := os.MkdirTemp("", "redline-ui-")
	if err != nil {
		return err
	}
	shared.dir = dir
	clk := clock.New(epoch)
	st, err := store.Open(filepath.Join(dir, "redline.db"), store.Options{Now: clk.Now})
	if err != nil {
		return err
	}
	shared.cleanup = append(shared.cleanup, func() { st.Close() })
	site := newsroom.NewSite(newsroom.Options{Seed: 10})
	siteSrv := httptest.NewServer(site.Handler())
	shared.cleanup = append(shared.cleanup, siteSrv.Close)
	xssSrv := httptest.NewServer(xssHandler())
	shared.cleanup = append(shared.cleanup, xssSrv.Close)
	e, closeStack, err := stack(st, clk, envOptions{}, site, siteSrv)
	if err != nil {
		return err
	}
	shared.cleanup = append(shared.cleanup, closeStack)
	ctx := context.Background()
	for i, slug := range site.Slugs() {
		if _, err := e.svc.Track(ctx, redline.TrackRequest{URL: site.StoryURL(siteSrv.URL, slug), Tags: []string{sharedTags[i%len(sharedTags)]}}); err != nil {
			return fmt.Errorf("track %s: %w", slug, err)
		}
	}
	// Every edit round of the newsroom, a round's time apart, as the demo
	// runs them: the stories get the versions the diff pages show.
	for round := 0; round <= site.LastRound(); round++ {
		if round > 0 {
			site.Advance()
			clk.Advance(newsroom.DefaultRoundEvery)
		}
		rep, err := e.svc.Crawl(ctx, redline.CrawlRequest{All: true})
		if err != nil {
			return fmt.Errorf("round %d: %w", round, err)
		}
		if rep.Failed > 0 {
			return fmt.Errorf("round %d: %d stories failed: %+v", round, rep.Failed, rep.Stories)
		}
	}
	xss, err := e.svc.Track(ctx, redline.TrackRequest{URL: xssSrv.URL + xssPath, Tags: xssTags})
	if err != nil {
		return fmt.Errorf("track the payload story: %w", err)
	}
	if _, err := e.svc.Crawl(ctx, redline.CrawlRequest{IDs: []redline.StoryID{xss.ID}}); err != nil {
		return err
	}
	if shared.xss, err = e.svc.Story(ctx, fmt.Sprint(xss.ID)); err != nil {
		return err
	}
	// A little after the last round, so times read "12 min ago".
	clk.Advance(12 * time.Minute)
	shared.env = e
	return nil
}

// closeShared stops the shared stack, checks the database and removes it.
func closeShared() error {
	if shared.dir == "" {
		return nil
	}
	var errs []error
	if shared.env != nil {
		errs = append(errs, shared.env.store.Check())
	}
	for i := len(shared.cleanup) - 1; i >= 0; i-- {
		shared.cleanup[i]()
	}
	errs = append(errs, os.RemoveAll(shared.dir))
	return errors.Join(errs...)
}
