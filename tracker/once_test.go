package tracker_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
)

const librarySlug = "eastmarsh-library-reopens"

// checkedIDs lists the stories a pass checked, leaving out those it
// skipped.
func checkedIDs(rep redline.CrawlReport) []redline.StoryID {
	var ids []redline.StoryID
	for _, sr := range rep.Stories {
		if sr.Result != tracker.ResultSkipped {
			ids = append(ids, sr.ID)
		}
	}
	return ids
}

// TestTracker_Once_Due drives passes with a fixed clock: a pass checks
// exactly the stories that are due, All and IDs override the schedule,
// and paused stories are left alone except when named.
func TestTracker_Once_Due(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	// Fixed intervals, jittered by at most ±10%, keep the due times apart.
	add := func(slug string, every time.Duration) redline.StoryID {
		st, err := e.tracker.Track(e.storyURL(slug), tracker.TrackOptions{Every: every})
		if err != nil {
			t.Fatal(err)
		}
		return st.ID
	}
	storm, bridge, library := add(stormSlug, 10*time.Minute), add(bridgeSlug, 30*time.Minute), add(librarySlug, 2*time.Hour)
	all := []redline.StoryID{storm, bridge, library}
	pass := func(opts tracker.OnceOptions) []redline.StoryID {
		t.Helper()
		rep, err := e.tracker.Once(context.Background(), opts)
		if err != nil {
			t.Fatalf("once %+v: %v", opts, err)
		}
		if rep.Failed != 0 {
			t.Fatalf("once %+v: failures %+v", opts, rep.Stories)
		}
		return checkedIDs(rep)
	}

	steps := []struct {
		name    string
		advance time.Duration
		opts    tracker.OnceOptions
		want    []redline.StoryID
	}{
		{"new stories are due at once", 0, tracker.OnceOptions{}, all},
		{"nothing due a minute later", time.Minute, tracker.OnceOptions{}, nil},
		{"fast story due", 11 * time.Minute, tracker.OnceOptions{}, []redline.StoryID{storm}},
		{"all overrides the schedule", 0, tracker.OnceOptions{All: true}, all},
		{"ids override the schedule", time.Minute, tracker.OnceOptions{IDs: []redline.StoryID{library}}, []redline.StoryID{library}},
		{"two due", 34 * time.Minute, tracker.OnceOptions{}, []redline.StoryID{storm, bridge}},
	}
	for _, s := range steps {
		e.clock.Advance(s.advance)
		if got := pass(s.opts); !slices.Equal(got, s.want) {
			t.Fatalf("%s: checked %v, want %v", s.name, got, s.want)
		}
	}

	if _, err := e.tracker.Untrack(bridge); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(24 * time.Hour)
	if got := pass(tracker.OnceOptions{}); !slices.Equal(got, []redline.StoryID{storm, library}) {
		t.Errorf("after untracking the bridge story: checked %v, want %v", got, []redline.StoryID{storm, library})
	}
	if got := pass(tracker.OnceOptions{All: true}); !slices.Equal(got, []redline.StoryID{storm, library}) {
		t.Errorf("all after untracking: checked %v, want %v", got, []redline.StoryID{storm, library})
	}
	if got := pass(tracker.OnceOptions{IDs: []redline.StoryID{bridge}}); !slices.Equal(got, []redline.StoryID{bridge}) {
		t.Errorf("naming the paused story: checked %v", got)
	}
	if n, err := e.tracker.NextDue(); err != nil || !n.After(e.clock.Now()) {
		t.Errorf("next due %v, %v; want a time after now", n, err)
	}
}

// TestTracker_Once_Budget: once the budget is spent no new check starts,
// but a check already under way finishes and is recorded normally.
func TestTracker_Once_Budget(t *testing.T) {
	t.Parallel()
	const budget = 100 * time.Millisecond
	slow := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, stormSlug) {
				// A slow page outlasts the budget; the handler is the
				// slow site, not synchronisation.
				time.Sleep(3 * budget)
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOptions{wrap: slow})
	storm := e.track(t, e.storyURL(stormSlug))
	bridge := e.track(t, e.storyURL(bridgeSlug))
	library := e.track(t, e.storyURL(librarySlug))

	rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{Budget: budget})
	if err != nil {
		t.Fatal(err)
	}
	if got := checkedIDs(rep); !slices.Equal(got, []redline.StoryID{storm.ID}) {
		t.Fatalf("checked %v, want only the first story", got)
	}
	wantResult(t, "slow story", rep.Stories[0], redline.ResultNew)
	if rep.Skipped != 2 {
		t.Errorf("skipped %d, want 2", rep.Skipped)
	}
	for _, sr := range rep.Stories[1:] {
		if sr.Result != tracker.ResultSkipped || sr.Reason != "run budget spent" {
			t.Errorf("story %d: result %q, reason %q; want skipped, \"run budget spent\"", sr.ID, sr.Result, sr.Reason)
		}
	}
	for _, id := range []redline.StoryID{bridge.ID, library.ID} {
		if cs := e.checks(t, id); len(cs) != 0 {
			t.Errorf("story %d not started but has checks %+v", id, cs)
		}
		if s := e.story(t, id); s.Failures != 0 || !s.LastChecked.IsZero() {
			t.Errorf("story %d not started but was marked: %+v", id, s)
		}
	}

	rep, err = e.tracker.Once(context.Background(), tracker.OnceOptions{Budget: time.Nanosecond})
	if err == nil || rep.Checked() != 0 {
		t.Errorf("spent budget: %+v, %v; want no checks and an error", rep, err)
	}
}

// TestTracker_NextDue: the daemon sleeps until NextDue, so a story that
// is due now must never be hidden behind one due later.
func TestTracker_NextDue(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	if next, err := e.tracker.NextDue(); err != nil || !next.IsZero() {
		t.Errorf("empty store: next due %v, %v; want zero (nothing scheduled)", next, err)
	}
	storm := e.track(t, e.storyURL(stormSlug))
	bridge := e.track(t, e.storyURL(bridgeSlug))
	e.check(t, bridge.ID) // bridge now waits; storm was never checked

	next, err := e.tracker.NextDue()
	if err != nil {
		t.Fatal(err)
	}
	if next.After(e.clock.Now()) {
		t.Errorf("next due %v is in the future, but story %d was never checked", next, storm.ID)
	}

	e.check(t, storm.ID)
	if _, err := e.tracker.Untrack(storm.ID); err != nil {
		t.Fatal(err)
	}
	next, err = e.tracker.NextDue()
	if want := e.story(t, bridge.ID).NextCheck; err != nil || !next.Equal(want) {
		t.Errorf("next due %v, %v; want the bridge story's %v (storm is paused)", next, err, want)
	}
}
