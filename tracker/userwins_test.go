package tracker_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/tracker"
)

// holdPage holds back the next request for one path until the test lets
// it go, so a test can act while a check is in flight: the race between a
// user and a check is forced, not hoped for.
type holdPage struct {
	mu      sync.Mutex
	path    string
	arrived chan struct{}
	release chan struct{}
}

// arm holds the next request for the path of rawURL. arrived closes when
// it reaches the site; the page is served once release is closed.
func (h *holdPage) arm(t testing.TB, rawURL string) (arrived, release chan struct{}) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.path, h.arrived, h.release = u.Path, make(chan struct{}), make(chan struct{})
	return h.arrived, h.release
}

func (h *holdPage) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		var arrived, release chan struct{}
		if h.path != "" && r.URL.Path == h.path {
			arrived, release, h.path = h.arrived, h.release, ""
		}
		h.mu.Unlock()
		if arrived != nil {
			close(arrived)
			<-release
		}
		next.ServeHTTP(w, r)
	})
}

// inFlight runs a pass over story id, waits until its page request reaches
// the site, runs during, then lets the page go and returns the pass.
func inFlight(t *testing.T, e *env, h *holdPage, st redline.Story, during func()) (redline.CrawlReport, error) {
	t.Helper()
	arrived, release := h.arm(t, st.URL)
	type result struct {
		rep redline.CrawlReport
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{IDs: []redline.StoryID{st.ID}})
		done <- result{rep, err}
	}()
	select {
	case <-arrived:
	case r := <-done:
		close(release)
		t.Fatalf("pass ended before its page was requested: %+v, %v", r.rep, r.err)
	}
	during()
	close(release)
	r := <-done
	return r.rep, r.err
}

// TestTracker_Untrack_DuringCheck: a story untracked while its check is in
// flight stays untracked, whatever the check finds (an edit, a 500, a 404):
// it stays paused with no next check, and no later pass fetches it.
func TestTracker_Untrack_DuringCheck(t *testing.T) {
	t.Parallel()
	h := &holdPage{}
	e := newEnv(t, envOptions{wrap: h.wrap})
	st := e.track(t, e.storyURL(stormSlug))
	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)

	faults := []newsroom.Fault{newsroom.FaultNone, newsroom.FaultServerError, newsroom.FaultNotFound, newsroom.FaultUnavailable}
	const runs = 50
	for i := range runs {
		fault := faults[i%len(faults)]
		if err := e.site.SetFault(stormSlug, fault); err != nil {
			t.Fatal(err)
		}
		if fault == newsroom.FaultNone {
			e.site.Advance() // an edit, while the rounds last
		}
		checksBefore := len(e.checks(t, st.ID))
		rep, err := inFlight(t, e, h, st, func() {
			if _, err := e.tracker.Untrack(st.ID); err != nil {
				t.Fatalf("untrack: %v", err)
			}
		})
		if err != nil {
			t.Fatalf("run %d (%s): pass: %v", i, fault, err)
		}
		if rep.Checked() != 1 {
			t.Fatalf("run %d (%s): report %+v, want the one story checked", i, fault, rep)
		}
		s := e.story(t, st.ID)
		if s.Status != redline.StatusPaused || !s.NextCheck.IsZero() || s.NextReason != "untracked by user" {
			t.Fatalf("run %d (%s, check %s): story status %q, next check %v (%q); want paused, none, untracked by user",
				i, fault, rep.Stories[0].Result, s.Status, s.NextCheck, s.NextReason)
		}
		if n := len(e.checks(t, st.ID)); n != checksBefore+1 {
			t.Errorf("run %d: %d checks recorded, want %d: the check is kept as evidence", i, n, checksBefore+1)
		}
		e.clock.Advance(48 * time.Hour)
		rep, err = e.tracker.Once(context.Background(), tracker.OnceOptions{})
		if err != nil || len(rep.Stories) != 0 {
			t.Fatalf("run %d: a pass two days after the untrack: %+v, %v; want the story left alone", i, rep, err)
		}
		if i < runs-1 {
			if _, err := e.tracker.Track(st.URL, tracker.TrackOptions{}); err != nil {
				t.Fatalf("run %d: track again to resume: %v", i, err)
			}
		}
	}
}

// TestTracker_Purge_DuringCheck: a story purged while its first check is
// in flight is not recreated: no story, no URL, no version, no check, and
// the store's consistency check finds no orphan.
func TestTracker_Purge_DuringCheck(t *testing.T) {
	t.Parallel()
	h := &holdPage{}
	e := newEnv(t, envOptions{wrap: h.wrap})
	for i := range 50 {
		st := e.track(t, e.storyURL(stormSlug))
		rep, err := inFlight(t, e, h, st, func() {
			if _, err := e.tracker.Purge(st.ID); err != nil {
				t.Fatalf("purge: %v", err)
			}
		})
		if err != nil {
			t.Fatalf("run %d: pass: %v", i, err)
		}
		if len(rep.Stories) != 1 || rep.Stories[0].Result != tracker.ResultSkipped || rep.Failed != 0 {
			t.Fatalf("run %d: report %+v; want the story skipped as deleted, no failure", i, rep)
		}
		if _, err := e.store.Story(st.ID); !errors.Is(err, redline.ErrStoryNotFound) {
			t.Fatalf("run %d: story %d after purge: %v, want not found", i, st.ID, err)
		}
		if _, err := e.store.StoryByURL(st.URL); !errors.Is(err, redline.ErrStoryNotFound) {
			t.Fatalf("run %d: URL %s after purge: %v, want not found", i, st.URL, err)
		}
		if err := e.store.Check(); err != nil {
			t.Fatalf("run %d: store after purge: %v", i, err)
		}
	}
	if all, err := e.store.Stories(); err != nil || len(all) != 0 {
		t.Errorf("stories left after purging every one: %+v, %v", all, err)
	}
}
