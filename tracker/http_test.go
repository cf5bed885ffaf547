package tracker_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/tracker"
)

// The first demo stories: the storm story edits content in round 1.
const (
	stormSlug  = "storm-surge-floods-harbor-district"
	bridgeSlug = "harwick-street-bridge-closed"
)

// TestTracker_CheckStory_ConditionalGET: a site that answers 304 while the
// content is unchanged costs no extraction and makes no version, and a real
// edit still gets through.
func TestTracker_CheckStory_ConditionalGET(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{site: newsroom.Options{Conditional: true}})
	st := e.track(t, e.storyURL(stormSlug))

	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
	if got := e.story(t, st.ID); got.ETag == "" && got.LastModified == "" {
		t.Fatalf("no validators kept after the first check: %+v", got)
	}
	got := e.check(t, st.ID)
	wantResult(t, "second check", got, redline.ResultNotModified)
	if got.Version != 1 {
		t.Errorf("not-modified check confirms version %d, want 1", got.Version)
	}
	e.site.Advance()
	wantResult(t, "check after an edit", e.check(t, st.ID), redline.ResultChanged)
	if n := len(e.versions(t, st.ID)); n != 2 {
		t.Errorf("%d versions, want 2", n)
	}
}

// TestTracker_CheckStory_ServerError: a 500 is a failed check on the story,
// never a version, and earlier versions stay as they were.
func TestTracker_CheckStory_ServerError(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	st := e.track(t, e.storyURL(stormSlug))
	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
	before := e.versions(t, st.ID)

	if err := e.site.SetFault(stormSlug, newsroom.FaultServerError); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2; i++ {
		got := e.check(t, st.ID)
		wantResult(t, "check of a 500", got, redline.ResultFailed)
		s := e.story(t, st.ID)
		if s.Failures != i || s.Status != redline.StatusFailing || !strings.Contains(s.LastError, "500") {
			t.Errorf("after %d failures: failures %d, status %q, last error %q", i, s.Failures, s.Status, s.LastError)
		}
	}
	after := e.versions(t, st.ID)
	if len(after) != 1 || after[0].Hash != before[0].Hash || after[0].Article.Headline != before[0].Article.Headline {
		t.Errorf("versions changed by failed checks: %d versions, want the 1 from before", len(after))
	}
	cs := e.checks(t, st.ID)
	if last := cs[len(cs)-1]; last.Result != redline.ResultFailed || last.HTTPStatus != 500 || last.Error == "" {
		t.Errorf("recorded check %+v, want failed with HTTP 500 and the error", last)
	}

	if err := e.site.SetFault(stormSlug, newsroom.FaultNone); err != nil {
		t.Fatal(err)
	}
	wantResult(t, "check after recovery", e.check(t, st.ID), redline.ResultUnchanged)
	if s := e.story(t, st.ID); s.Failures != 0 || s.LastError != "" || s.Status != redline.StatusActive {
		t.Errorf("after recovery: failures %d, last error %q, status %q; want 0, \"\", active", s.Failures, s.LastError, s.Status)
	}
}

// TestTracker_CheckStory_Gone: 404 and 410 mark the story gone. It is kept
// with its versions but never checked again by a normal pass.
func TestTracker_CheckStory_Gone(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		fault  newsroom.Fault
		status int
	}{
		{"not found", newsroom.FaultNotFound, 404},
		{"gone", newsroom.FaultGone, 410},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{})
			st := e.track(t, e.storyURL(stormSlug))
			wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
			if err := e.site.SetFault(stormSlug, tc.fault); err != nil {
				t.Fatal(err)
			}
			got := e.check(t, st.ID)
			wantResult(t, "check of a removed page", got, redline.ResultGone)

			s := e.story(t, st.ID)
			if s.Status != redline.StatusGone {
				t.Errorf("status %q, want gone", s.Status)
			}
			if n := len(e.versions(t, st.ID)); n != 1 {
				t.Errorf("%d versions kept, want 1", n)
			}
			if cs := e.checks(t, st.ID); cs[len(cs)-1].HTTPStatus != tc.status {
				t.Errorf("recorded HTTP status %d, want %d", cs[len(cs)-1].HTTPStatus, tc.status)
			}
			e.clock.Advance(30 * 24 * time.Hour)
			if s.Due(e.clock.Now()) {
				t.Errorf("a gone story is due a month later (next check %v)", s.NextCheck)
			}
			rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{All: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Stories) != 0 {
				t.Errorf("a pass over all stories checked the gone story: %+v", rep.Stories)
			}
		})
	}
}

// TestTracker_Once_RetryAfter: a 503 with Retry-After pushes the story's
// next check past the server's wish and pauses its whole host, so the
// other stories of that host are skipped for the rest of the pass.
func TestTracker_Once_RetryAfter(t *testing.T) {
	t.Parallel()
	const retry = 10 * time.Minute
	e := newEnv(t, envOptions{site: newsroom.Options{RetryAfter: retry}})
	storm := e.track(t, e.storyURL(stormSlug))
	bridge := e.track(t, e.storyURL(bridgeSlug))
	rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{})
	if err != nil || rep.Changed != 2 {
		t.Fatalf("first pass: %+v, %v; want 2 new stories", rep, err)
	}

	if err := e.site.SetFault(stormSlug, newsroom.FaultUnavailable); err != nil {
		t.Fatal(err)
	}
	bridgeHits := e.site.Hits("/news/" + bridgeSlug)
	rep, err = e.tracker.Once(context.Background(), tracker.OnceOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Stories) != 2 || rep.Stories[0].ID != storm.ID || rep.Stories[0].Result != redline.ResultFailed {
		t.Fatalf("pass results %+v, want the storm story failed and the bridge story skipped", rep.Stories)
	}
	if rep.Skipped != 1 {
		t.Errorf("skipped %d, want 1 (the bridge story, same host)", rep.Skipped)
	}
	skipped := rep.Stories[1]
	if skipped.ID != bridge.ID || skipped.Result != tracker.ResultSkipped || !strings.Contains(skipped.Reason, "paused: HTTP 503") ||
		skipped.HostPausedUntil.Before(e.clock.Now().Add(retry)) {
		t.Errorf("bridge story in the report: %+v; want skipped, host paused by the 503 until at least now+%s", skipped, retry)
	}
	if got := e.site.Hits("/news/" + bridgeSlug); got != bridgeHits {
		t.Errorf("bridge page requested %d times during the host's back-off", got-bridgeHits)
	}
	s := e.story(t, storm.ID)
	if min := e.clock.Now().Add(retry); s.NextCheck.Before(min) {
		t.Errorf("next check %v is before now+Retry-After %v (%s)", s.NextCheck, min, s.NextReason)
	}
	if got := e.story(t, bridge.ID); got.Failures != 0 || got.Status != redline.StatusActive {
		t.Errorf("skipped bridge story was marked: failures %d, status %q", got.Failures, got.Status)
	}
}

// TestTracker_CheckStory_Redirect: after a slug change the old URL answers
// 301. The story follows it: same story, new URL recorded as an alias,
// a note on the check, and no version for a page whose text is unchanged.
func TestTracker_CheckStory_Redirect(t *testing.T) {
	t.Parallel()
	const newSlug = "harbor-district-flooded-rescues"
	e := newEnv(t, envOptions{})
	st := e.track(t, e.storyURL(stormSlug))
	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
	if err := e.site.Rename(stormSlug, newSlug); err != nil {
		t.Fatal(err)
	}
	newURL := e.storyURL(newSlug)

	got := e.check(t, st.ID)
	wantResult(t, "check after the move", got, redline.ResultUnchanged)
	cs := e.checks(t, st.ID)
	if want := "story moved to " + newURL; cs[len(cs)-1].Note != want {
		t.Errorf("check note %q, want %q", cs[len(cs)-1].Note, want)
	}
	found, err := e.store.StoryByURL(newURL)
	if err != nil || found.ID != st.ID {
		t.Errorf("StoryByURL(%s) = story %d, %v; want story %d", newURL, found.ID, err, st.ID)
	}
	if s := e.story(t, st.ID); s.FinalURL != newURL {
		t.Errorf("final URL %q, want %q", s.FinalURL, newURL)
	}
	if _, err := e.tracker.Track(newURL, tracker.TrackOptions{}); !errors.Is(err, redline.ErrStoryExists) {
		t.Errorf("tracking the new URL: %v, want ErrStoryExists", err)
	}
	wantResult(t, "second check after the move", e.check(t, st.ID), redline.ResultUnchanged)
	if n := len(e.versions(t, st.ID)); n != 1 {
		t.Errorf("%d versions, want 1", n)
	}
}
