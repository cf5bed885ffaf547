package tracker_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/tracker"
)

// recordingObserver keeps what a tracker told it.
type recordingObserver struct {
	mu       sync.Mutex
	started  []time.Time
	checked  []redline.StoryResult
	done     int
	lastRep  redline.CrawlReport
	lastErr  error
	lastTook time.Duration
}

func (o *recordingObserver) PassStarted(at time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.started = append(o.started, at)
}

func (o *recordingObserver) Checked(r redline.StoryResult) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.checked = append(o.checked, r)
}

func (o *recordingObserver) PassDone(r redline.CrawlReport, took time.Duration, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done++
	o.lastRep, o.lastErr, o.lastTook = r, err, took
}

// TestOnce_observer: the observer hears of every pass, every check with
// its fetch time, and of a pass that failed, with its error.
func TestOnce_observer(t *testing.T) {
	e := newEnv(t, envOptions{})
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	obs := &recordingObserver{}
	tr, err := tracker.New(tracker.Options{Store: e.store, Crawler: e.crawler, Extractor: ex, Now: e.clock.Now, Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	for _, slug := range e.site.Slugs()[:2] {
		if _, err := tr.Track(e.storyURL(slug), tracker.TrackOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := tr.Once(context.Background(), tracker.OnceOptions{All: true})
	if err != nil || rep.Changed != 2 {
		t.Fatalf("pass: %+v, %v; want two new stories", rep, err)
	}
	if len(obs.started) != 1 || !obs.started[0].Equal(epoch) || obs.done != 1 || obs.lastErr != nil || obs.lastRep.Changed != 2 || obs.lastTook <= 0 {
		t.Fatalf("observer after one pass: started %v, done %d, err %v, report %+v, took %s", obs.started, obs.done, obs.lastErr, obs.lastRep, obs.lastTook)
	}
	if len(obs.checked) != 2 {
		t.Fatalf("observer heard of %d checks, want 2", len(obs.checked))
	}
	for _, r := range obs.checked {
		if r.Result != redline.ResultNew || r.Elapsed <= 0 || r.Err != nil {
			t.Errorf("checked %+v: want a new version with its fetch time and no error", r)
		}
	}

	_, err = tr.Once(context.Background(), tracker.OnceOptions{IDs: []redline.StoryID{99}})
	if err == nil {
		t.Fatal("pass over an unknown story: no error")
	}
	if obs.done != 2 || obs.lastErr == nil {
		t.Errorf("observer after a failed pass: done %d, err %v; want told of the failure", obs.done, obs.lastErr)
	}
}
