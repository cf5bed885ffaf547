package tracker_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline/tracker"
)

// TestService_FeedStatuses: each configured feed shows when it was last
// read and what that read found; a later read moves the time; a feed that
// starts failing keeps its last findings and says why it fails; a feed
// never read says so by its zero times.
func TestService_FeedStatuses(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	feed := tracker.Feed{URL: e.srv.URL + "/feeds/latest.xml", TrackAll: true, Tags: []string{"wire"}}
	unread := tracker.Feed{URL: e.srv.URL + "/feeds/never-read.xml"}
	svc := &tracker.Service{Store: e.store, Tracker: e.tracker, Feeds: []tracker.Feed{feed, unread}}

	first := e.discover(t, feed)
	got, err := svc.FeedStatuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d feed statuses, want 2: %+v", len(got), got)
	}
	fs := got[0]
	if fs.URL != feed.URL || !slices.Equal(fs.Tags, feed.Tags) || !fs.TrackAll {
		t.Errorf("feed %+v does not describe the configured feed %+v", fs, feed)
	}
	if !fs.LastRead.Equal(epoch) || !fs.LastAttempt.Equal(epoch) || fs.Error != "" {
		t.Errorf("after one read at %s: last read %s, attempt %s, error %q", epoch, fs.LastRead, fs.LastAttempt, fs.Error)
	}
	if fs.Items != first.Items || fs.Items == 0 || !slices.Equal(fs.Tracked, first.Tracked) || len(fs.Tracked) == 0 {
		t.Errorf("found %d items, tracked %v; the pass found %d and tracked %v", fs.Items, fs.Tracked, first.Items, first.Tracked)
	}
	if u := got[1]; !u.LastRead.IsZero() || !u.LastAttempt.IsZero() || u.Items != 0 || u.Tracked == nil {
		t.Errorf("a feed never read shows %+v, want zero times, no items and an empty tracked list", u)
	}

	// The second read: nothing new to track (each pass reports only what
	// it tracked), read time moves.
	e.clock.Advance(time.Hour)
	second := e.discover(t, feed)
	got, _ = svc.FeedStatuses(context.Background())
	if fs := got[0]; !fs.LastRead.Equal(epoch.Add(time.Hour)) || fs.Items != second.Items || len(fs.Tracked) != len(second.Tracked) {
		t.Errorf("after a second read: %+v, want last read %s and the pass's findings %+v", fs, epoch.Add(time.Hour), second)
	}

	// The feed breaks: the failure is shown, the last read stays.
	e.clock.Advance(time.Hour)
	broken := feed
	e.srv.Close()
	rep := e.tracker.Discover(context.Background(), []tracker.Feed{broken})
	if rep.Failed != 1 {
		t.Fatalf("reading a closed server: %+v, want a failure", rep)
	}
	got, _ = svc.FeedStatuses(context.Background())
	if fs := got[0]; fs.Error == "" || !fs.LastAttempt.Equal(epoch.Add(2*time.Hour)) || !fs.LastRead.Equal(epoch.Add(time.Hour)) || fs.Items != second.Items {
		t.Errorf("after a failed read: %+v, want the error, the attempt at +2h, the last read at +1h and the items kept", fs)
	}
}

// TestService_FeedStatuses_notModified: a feed answering 304 was read
// (the time moves) and still lists what it listed (the items stay).
func TestService_FeedStatuses_notModified(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	var notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>wire</title>
<item><title>Live updates: one</title><link>%[1]s/news/one</link></item>
<item><title>Live updates: two</title><link>%[1]s/news/two</link></item>
</channel></rss>`, e.srv.URL)
	}))
	t.Cleanup(srv.Close)
	feed := tracker.Feed{URL: srv.URL + "/feed.xml", TrackAll: true}
	svc := &tracker.Service{Store: e.store, Tracker: e.tracker, Feeds: []tracker.Feed{feed}}
	first := e.discover(t, feed)
	e.clock.Advance(time.Hour)
	again := e.discover(t, feed)
	if !again.NotModified || notModified.Load() != 1 {
		t.Fatalf("second read %+v (%d 304s), want a 304", again, notModified.Load())
	}
	got, err := svc.FeedStatuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if fs := got[0]; !fs.LastRead.Equal(epoch.Add(time.Hour)) || fs.Items != 2 || !slices.Equal(fs.Tracked, first.Tracked) || len(fs.Tracked) != 2 || fs.Error != "" {
		t.Errorf("after a 304: %+v, want last read at +1h and the first read's 2 items and tracked %v", fs, first.Tracked)
	}
}
