package tracker_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// TestTracker_Run: the daemon loop runs passes on its ticker until its
// context ends, then returns nil promptly with the store consistent.
func TestTracker_Run(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	for _, slug := range e.site.Slugs() {
		e.track(t, e.storyURL(slug))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var (
		mu     sync.Mutex
		passes int
	)
	// Every pass advances the fake clock far enough that all stories are
	// due again, so each tick has real work to do.
	onPass := func(rep redline.CrawlReport, err error) {
		if err != nil {
			t.Errorf("pass: %v", err)
		}
		e.clock.Advance(time.Hour)
		mu.Lock()
		defer mu.Unlock()
		passes++
		if passes == 3 {
			cancel()
		}
	}
	done := make(chan error, 1)
	go func() { done <- e.tracker.Run(ctx, 10*time.Millisecond, onPass) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if passes < 3 {
		t.Errorf("%d passes ran, want at least 3", passes)
	}
	if err := e.store.Check(); err != nil {
		t.Errorf("store check: %v", err)
	}
	for _, slug := range e.site.Slugs() {
		st, err := e.store.StoryByURL(e.storyURL(slug))
		if err != nil {
			t.Fatal(err)
		}
		if len(e.checks(t, st.ID)) < 3 || st.Versions != 1 {
			t.Errorf("%s: %d checks, %d versions; want at least 3 checks and 1 version", slug, len(e.checks(t, st.ID)), st.Versions)
		}
	}

	if err := e.tracker.Run(context.Background(), 0, nil); err == nil {
		t.Error("Run with a zero tick: no error")
	}
}

// TestTracker_Run_StopMidFetch: stopping the daemon while a page is still
// loading records nothing against the story: no failed check, no back-off.
func TestTracker_Run_StopMidFetch(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{}, 1)
	hang := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, stormSlug) {
				select {
				case entered <- struct{}{}:
				default:
				}
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOptions{wrap: hang})
	st := e.track(t, e.storyURL(stormSlug))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.tracker.Run(ctx, time.Hour, nil) }()
	<-entered
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return while a fetch hung")
	}
	if cs := e.checks(t, st.ID); len(cs) != 0 {
		t.Errorf("checks recorded for an interrupted fetch: %+v", cs)
	}
	if s := e.story(t, st.ID); s.Failures != 0 || s.Status != redline.StatusActive || !s.Due(e.clock.Now()) {
		t.Errorf("interrupted story: failures %d, status %q, next check %v; want untouched and due", s.Failures, s.Status, s.NextCheck)
	}
}
