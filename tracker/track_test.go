package tracker_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
)

func TestTracker_Track(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	first := e.track(t, e.storyURL(stormSlug))

	for _, tc := range []struct {
		name    string
		url     string
		wantErr error
		wantID  redline.StoryID // for ErrStoryExists
	}{
		{"empty", "", redline.ErrBadURL, 0},
		{"relative", "/news/" + stormSlug, redline.ErrBadURL, 0},
		{"not http", "ftp://example.com/news/story", redline.ErrBadURL, 0},
		{"no host", "http:///news/story", redline.ErrBadURL, 0},
		{"javascript", "javascript:alert(1)", redline.ErrBadURL, 0},
		{"same url", e.storyURL(stormSlug), redline.ErrStoryExists, first.ID},
		{"tracking parameters", e.storyURL(stormSlug) + "?utm_campaign=x&gclid=y", redline.ErrStoryExists, first.ID},
		{"upper-case scheme, fragment and spaces", "  " + strings.Replace(e.storyURL(stormSlug), "http://", "HTTP://", 1) + "#comments ", redline.ErrStoryExists, first.ID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := e.tracker.Track(tc.url, tracker.TrackOptions{})
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Track(%q) error %v, want %v", tc.url, err, tc.wantErr)
			}
			if tc.wantID != 0 {
				if st.ID != tc.wantID {
					t.Errorf("existing story %d returned, want %d", st.ID, tc.wantID)
				}
				if !strings.Contains(err.Error(), strconv.FormatUint(uint64(tc.wantID), 10)) {
					t.Errorf("error %q does not name story %d", err, tc.wantID)
				}
			}
		})
	}
	if all, _ := e.store.Stories(); len(all) != 1 {
		t.Errorf("%d stories stored, want 1", len(all))
	}
}

func TestTracker_Track_Tags(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	st, err := e.tracker.Track(e.storyURL(stormSlug), tracker.TrackOptions{Tags: []string{" Weather ", "storm,HARBOR", "weather", "", " , "}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"weather", "storm", "harbor"}
	if !slices.Equal(st.Tags, want) {
		t.Errorf("tags %q, want %q", st.Tags, want)
	}
	if got := e.story(t, st.ID); !slices.Equal(got.Tags, want) {
		t.Errorf("stored tags %q, want %q", got.Tags, want)
	}
}

// TestTracker_Untrack: an untracked story is paused, not due and keeps its
// versions; tracking it again resumes it, due at once.
func TestTracker_Untrack(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	st := e.track(t, e.storyURL(stormSlug))
	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)

	paused, err := e.tracker.Untrack(st.ID)
	if err != nil {
		t.Fatal(err)
	}
	later := e.clock.Now().Add(365 * 24 * time.Hour)
	if paused.Status != redline.StatusPaused || paused.Due(later) {
		t.Errorf("untracked story: status %q, due a year later %v", paused.Status, paused.Due(later))
	}
	if n := len(e.versions(t, st.ID)); n != 1 {
		t.Errorf("%d versions after untrack, want 1", n)
	}

	resumed, err := e.tracker.Track(e.storyURL(stormSlug), tracker.TrackOptions{})
	if err != nil {
		t.Fatalf("tracking a paused story: %v", err)
	}
	if resumed.ID != st.ID || resumed.Status != redline.StatusActive || !resumed.Due(e.clock.Now()) {
		t.Errorf("resumed story %d: status %q, due now %v; want story %d active and due", resumed.ID, resumed.Status, resumed.Due(e.clock.Now()), st.ID)
	}
	if _, err := e.tracker.Untrack(9999); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("untrack unknown story: %v, want ErrStoryNotFound", err)
	}
}
