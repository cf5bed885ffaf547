package tracker_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/tracker"
)

// guardedTracker is a tracker over e's store whose crawler refuses
// private targets, as a default redline does.
func guardedTracker(t *testing.T, e *env) *tracker.Tracker {
	t.Helper()
	cr, err := crawler.New(crawler.Options{HostDelay: -1, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cr.Close() })
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tracker.New(tracker.Options{Store: e.store, Crawler: cr, Extractor: ex, Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestTracker_Track_ForbiddenTarget(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	guarded := guardedTracker(t, e)
	for _, u := range []string{
		e.storyURL(stormSlug), // the loopback site itself
		"http://0x7f000001/news/a",
		"http://[::ffff:127.0.0.1]/news/a",
		"http://metadata.google.internal/computeMetadata/v1/",
		"https://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/news/a",
	} {
		_, err := guarded.Track(u, tracker.TrackOptions{})
		if !errors.Is(err, redline.ErrForbiddenTarget) || !strings.Contains(err.Error(), u) {
			t.Errorf("Track(%s) = %v, want ErrForbiddenTarget naming the URL", u, err)
		}
	}
	if all, _ := e.store.Stories(); len(all) != 0 {
		t.Errorf("%d stories stored after refusals, want none", len(all))
	}
	// The same URL is tracked by a tracker whose crawler allows it.
	e.track(t, e.storyURL(stormSlug))
}

// A story stored while private targets were allowed (another config on the
// same database, or an older redline) fails its checks without a request,
// and the failure is the story's: nothing already stored is touched.
func TestTracker_CheckStory_ForbiddenTarget(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			h.ServeHTTP(w, r)
		})
	}})
	st := e.track(t, e.storyURL(stormSlug))
	if r := e.check(t, st.ID); r.Result != redline.ResultNew {
		t.Fatalf("first check with private targets allowed: %+v", r)
	}
	before := requests.Load()

	rep, err := guardedTracker(t, e).Once(context.Background(), tracker.OnceOptions{IDs: []redline.StoryID{st.ID}})
	if err != nil || len(rep.Stories) != 1 {
		t.Fatalf("once: %+v, %v", rep, err)
	}
	r := rep.Stories[0]
	if r.Result != redline.ResultFailed || !strings.Contains(r.Error, redline.ErrForbiddenTarget.Error()) || !strings.Contains(r.Error, st.URL) {
		t.Errorf("guarded check = %+v, want a failure naming the URL and the refusal", r)
	}
	if n := requests.Load() - before; n != 0 {
		t.Errorf("the site saw %d requests from the guarded tracker, want none", n)
	}
	got := e.story(t, st.ID)
	if got.Status != redline.StatusFailing || !strings.Contains(got.LastError, "not public") {
		t.Errorf("story after the refusal: status %s, error %q", got.Status, got.LastError)
	}
	if vs := e.versions(t, st.ID); len(vs) != 1 {
		t.Errorf("%d versions after the refusal, want the 1 stored before", len(vs))
	}
}
