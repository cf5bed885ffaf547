package tracker_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/tracker"
)

// TestTracker_Once_KeepPages: a pass drops the pages of versions older
// than keep_pages, never a version, keeps the newest page, and runs at most
// once an hour in a long-lived tracker.
func TestTracker_Once_KeepPages(t *testing.T) {
	e := newEnv(t, envOptions{})
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tracker.New(tracker.Options{Store: e.store, Crawler: e.crawler, Extractor: ex,
		Now: e.clock.Now, KeepPages: 10 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	st := e.track(t, e.storyURL(stormSlug))
	pass := func() {
		t.Helper()
		if rep, err := tr.Once(context.Background(), tracker.OnceOptions{All: true}); err != nil || rep.Failed > 0 {
			t.Fatalf("pass: %v %+v", err, rep.Stories)
		}
	}
	pages := func() (kept, dropped int) {
		t.Helper()
		n, _, _ := e.store.LatestHash(st.ID)
		for i := 1; i <= n; i++ {
			raw, err := e.store.RawHTML(st.ID, i)
			switch {
			case errors.Is(err, redline.ErrPageDropped):
				dropped++
			case err != nil:
				t.Fatalf("page %d: %v", i, err)
			case len(raw) > 0:
				kept++
			}
		}
		return kept, dropped
	}
	for range 3 { // three edits, four days apart
		pass()
		e.site.Advance()
		e.clock.Advance(4 * 24 * time.Hour)
	}
	versions, _ := e.store.Versions(st.ID)
	if len(versions) != 3 {
		t.Fatalf("%d versions after three edited rounds, want 3", len(versions))
	}
	// Versions were fetched on days 0, 4 and 8. Ten minutes before page 2
	// turns ten days old, a pass drops page 1 only.
	e.clock.Advance(2*24*time.Hour - 10*time.Minute)
	pass()
	if kept, dropped := pages(); kept != 2 || dropped != 1 {
		t.Errorf("after the first pruning pass: %d pages kept, %d dropped; want 2 and 1", kept, dropped)
	}
	// Page 2 is past keep_pages 30 minutes later, but a long-lived tracker
	// prunes at most once an hour.
	e.clock.Advance(30 * time.Minute)
	pass()
	if _, dropped := pages(); dropped != 1 {
		t.Errorf("a pass 30 minutes later dropped more (%d in all); want it to wait an hour", dropped)
	}
	// The newest page stays however old it is: it is the re-read baseline.
	e.clock.Advance(30 * 24 * time.Hour)
	pass()
	if kept, dropped := pages(); kept != 1 || dropped != 2 {
		t.Errorf("a month later: %d kept, %d dropped; want 1 and 2", kept, dropped)
	}
	got, _ := e.store.Versions(st.ID)
	if !reflect.DeepEqual(got, versions) {
		t.Errorf("dropping pages changed versions")
	}
}
