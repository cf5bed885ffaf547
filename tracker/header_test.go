package tracker_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
)

// TestTracker_CheckStory_keepsHeader: a version keeps the response header
// its page came with, for evidence export; a re-read, which stores the
// same page again, keeps that page's header rather than today's.
func TestTracker_CheckStory_keepsHeader(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	st := e.track(t, e.storyURL(stormSlug))
	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
	first := e.versions(t, st.ID)[0]
	if !strings.HasPrefix(first.Header.Get("Content-Type"), "text/html") || first.Header.Get("Etag") == "" || first.Header.Get("Date") == "" {
		t.Fatalf("stored header %v, want the newsroom's (Content-Type, ETag, Date)", first.Header)
	}

	e.tracker = e.newTracker(t, extract.Options{Ignore: []string{schoolsParagraph}})
	e.clock.Advance(time.Hour)
	e.site.SetRound(1)
	e.check(t, st.ID)
	vs := e.versions(t, st.ID)
	if len(vs) != 3 || !vs[1].Reread {
		t.Fatalf("versions %d, want the re-read of the stored page then the edit", len(vs))
	}
	if !reflect.DeepEqual(vs[1].Header, first.Header) {
		t.Errorf("re-read of version 1's page has header %v, want version 1's %v", vs[1].Header, first.Header)
	}
	if vs[2].Header == nil {
		t.Errorf("the edit's version has no header")
	}
}
