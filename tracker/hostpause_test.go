//go:build unix

package tracker_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/tracker"
)

// trackAll tracks every story of the site on its canonical page, in order.
func trackAll(t *testing.T, e *env) []redline.Story {
	t.Helper()
	var out []redline.Story
	for _, slug := range e.site.Slugs() {
		out = append(out, e.track(t, e.storyURL(slug)))
	}
	return out
}

func pass(t *testing.T, tr *tracker.Tracker) redline.CrawlReport {
	t.Helper()
	rep, err := tr.Once(context.Background(), tracker.OnceOptions{All: true})
	if err != nil {
		t.Fatalf("pass: %v", err)
	}
	return rep
}

// TestTracker_Once_OneBadPage: one story answering 500 backs off that
// story only; its 19 siblings on the same host are checked in the same pass.
func TestTracker_Once_OneBadPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{site: newsroom.Options{Stories: benchStories(20), Seed: 1}})
	stories := trackAll(t, e)
	bad := stories[0] // first in the pass, so a host pause would skip all the rest
	if err := e.site.SetFault(e.site.Slugs()[0], newsroom.FaultServerError); err != nil {
		t.Fatal(err)
	}
	rep := pass(t, e.tracker)
	if rep.Failed != 1 || rep.Skipped != 0 || rep.Changed != 19 {
		t.Fatalf("pass: %d failed, %d skipped, %d new; want 1, 0, 19: %+v", rep.Failed, rep.Skipped, rep.Changed, rep.Stories)
	}
	if got := rep.Stories[0]; got.ID != bad.ID || got.Result != redline.ResultFailed || !got.HostPausedUntil.IsZero() {
		t.Errorf("bad story: %+v; want failed, host not paused", got)
	}
	if s := e.story(t, bad.ID); s.Failures != 1 || s.Status != redline.StatusFailing {
		t.Errorf("bad story: failures %d, status %q; want 1, failing", s.Failures, s.Status)
	}
	if hosts, err := e.tracker.PausedHosts(); err != nil || len(hosts) != 0 {
		t.Errorf("paused hosts after one 500: %+v, %v; want none", hosts, err)
	}
}

// TestTracker_Once_HostStreak: three distinct stories of a host answering
// 5xx in a row pause the host; the rest of the pass lists its stories as
// skipped with the reason and the pause's end, the pause is in the store,
// so a new tracker on the database (the next cron run) respects it, and it
// ends when the host answers again.
func TestTracker_Once_HostStreak(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{site: newsroom.Options{Stories: benchStories(8), Seed: 1}})
	stories := trackAll(t, e)
	slugs := e.site.Slugs()
	for _, slug := range slugs[:3] {
		if err := e.site.SetFault(slug, newsroom.FaultServerError); err != nil {
			t.Fatal(err)
		}
	}
	rep := pass(t, e.tracker)
	if rep.Failed != 3 || rep.Skipped != 5 {
		t.Fatalf("pass: %d failed, %d skipped; want 3, 5: %+v", rep.Failed, rep.Skipped, rep.Stories)
	}
	hosts, err := e.tracker.PausedHosts()
	if err != nil || len(hosts) != 1 {
		t.Fatalf("paused hosts: %+v, %v; want the site's host", hosts, err)
	}
	ph := hosts[0]
	if want := strings.TrimPrefix(e.srv.URL, "http://"); ph.Host != want || ph.Failures != 1 ||
		!strings.Contains(ph.Reason, "3 stories in a row answered HTTP 5xx") || !ph.Until.After(e.clock.Now()) {
		t.Errorf("paused host %+v; want %s, 1 failure, the 5xx streak, until later", ph, want)
	}
	if got := rep.Stories[2].HostPausedUntil; !got.Equal(ph.Until) {
		t.Errorf("third failure carries pause end %v, want %v", got, ph.Until)
	}
	for _, sr := range rep.Stories[3:] {
		if sr.Result != tracker.ResultSkipped || !strings.Contains(sr.Reason, "paused: 3 stories in a row") || !sr.HostPausedUntil.Equal(ph.Until) {
			t.Errorf("story %d: %+v; want skipped, host paused, until %v", sr.ID, sr, ph.Until)
		}
		if s := e.story(t, sr.ID); s.Failures != 0 || !s.LastChecked.IsZero() {
			t.Errorf("skipped story %d was marked: %+v", sr.ID, s)
		}
	}

	// The next cron run: a new tracker over the same database.
	next := e.newTracker(t, e.opts.extract)
	if rep := pass(t, next); rep.Skipped != len(stories) {
		t.Fatalf("next run during the pause: %d of %d skipped: %+v", rep.Skipped, len(stories), rep.Stories)
	}

	for _, slug := range slugs[:3] {
		if err := e.site.SetFault(slug, newsroom.FaultNone); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Set(ph.Until)
	if rep := pass(t, next); rep.Failed != 0 || rep.Skipped != 0 {
		t.Fatalf("pass after the pause: %d failed, %d skipped: %+v", rep.Failed, rep.Skipped, rep.Stories)
	}
	if hosts, err := next.PausedHosts(); err != nil || len(hosts) != 0 {
		t.Errorf("paused hosts after the host answered: %+v, %v", hosts, err)
	}
}

// TestTracker_Once_ConnectionRefused: a host that refuses connections is
// paused at once; its other stories are skipped, another host's are not.
func TestTracker_Once_ConnectionRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	a := e.track(t, fmt.Sprintf("http://%s/news/one", dead))
	b := e.track(t, fmt.Sprintf("http://%s/news/two", dead))
	live := e.track(t, e.storyURL(stormSlug))

	rep := pass(t, e.tracker)
	byID := map[redline.StoryID]redline.StoryResult{}
	for _, sr := range rep.Stories {
		byID[sr.ID] = sr
	}
	if sr := byID[a.ID]; sr.Result != redline.ResultFailed || sr.HostPausedUntil.IsZero() {
		t.Errorf("refused story: %+v; want failed with its host paused", sr)
	}
	if sr := byID[b.ID]; sr.Result != tracker.ResultSkipped || !strings.Contains(sr.Reason, "connection refused") {
		t.Errorf("sibling on the refusing host: %+v; want skipped, host paused: connection refused", sr)
	}
	wantResult(t, "story on the live host", byID[live.ID], redline.ResultNew)
	hosts, err := e.tracker.PausedHosts()
	if err != nil || len(hosts) != 1 || hosts[0].Host != dead || hosts[0].Reason != "connection refused" {
		t.Errorf("paused hosts %+v, %v; want %s for connection refused", hosts, err, dead)
	}
	if got, want := hosts[0].Until, e.clock.Now().Add(30*time.Second); len(hosts) == 1 && !got.Equal(want) {
		t.Errorf("first pause ends %v, want %v (30s)", got, want)
	}
}
