package tracker_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/newsroom"
)

// schoolsParagraph is dropped by the ignore rule the tests add: an editor
// deciding, after the story was first stored, that this line is noise.
const schoolsParagraph = "^Aldane Unified canceled classes"

// TestTracker_CheckStory_Reread: when redline starts reading an unedited
// page differently (a new release, a new ignore rule), the next check stores
// the new reading as a version marked Reread, which is not a change for the
// scheduler, the pass report or revert detection; later edits are changes
// as before.
func TestTracker_CheckStory_Reread(t *testing.T) {
	t.Parallel()
	for name, fault := range map[string]newsroom.Fault{"utf-8": newsroom.FaultNone, "windows-1252": newsroom.FaultWindows1252} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{})
			if err := e.site.SetFault(stormSlug, fault); err != nil {
				t.Fatal(err)
			}
			st := e.track(t, e.storyURL(stormSlug))
			wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
			firstChanged := e.story(t, st.ID).LastChanged

			e.tracker = e.newTracker(t, extract.Options{Ignore: []string{schoolsParagraph}})
			e.clock.Advance(time.Hour)
			got := e.check(t, st.ID)
			wantResult(t, "check under the new rule", got, redline.ResultReread)
			vs := e.versions(t, st.ID)
			if len(vs) != 2 || !vs[1].Reread || vs[1].RevertOf != 0 {
				t.Fatalf("versions after the re-read: %d, last %+v; want 2, the last marked Reread", len(vs), vs[len(vs)-1])
			}
			if slices.ContainsFunc(vs[1].Article.Paragraphs, func(p string) bool { return strings.HasPrefix(p, "Aldane Unified") }) {
				t.Errorf("re-read version keeps the ignored paragraph")
			}
			if vs[1].Removed == 0 {
				t.Errorf("re-read version counts no removed words: %+v", vs[1])
			}
			if s := e.story(t, st.ID); !s.LastChanged.Equal(firstChanged) {
				t.Errorf("LastChanged moved on a re-read: %v, want %v", s.LastChanged, firstChanged)
			}
			wantResult(t, "second check under the new rule", e.check(t, st.ID), redline.ResultUnchanged)

			e.site.SetRound(1)
			got = e.check(t, st.ID)
			wantResult(t, "an edit after the re-read", got, redline.ResultChanged)
			if v := e.versions(t, st.ID)[2]; v.Reread || v.Removed != 0 || v.Added == 0 {
				t.Errorf("edit after the re-read: Reread %v, +%d −%d; want a pure insertion", v.Reread, v.Added, v.Removed)
			}

			// A new release and an edit at once: the stored page, read the
			// new way, is recorded as a re-read first, so the edit's version
			// holds the edit alone (one number), not the paragraph the rule
			// no longer drops.
			e.tracker = e.newTracker(t, extract.Options{})
			e.site.SetRound(2)
			got = e.check(t, st.ID)
			wantResult(t, "an edit with the rule gone", got, redline.ResultChanged)
			vs = e.versions(t, st.ID)
			if len(vs) != 5 || got.Version != 5 {
				t.Fatalf("%d versions, check reports version %d; want a re-read and an edit, 4 and 5", len(vs), got.Version)
			}
			if v := vs[3]; !v.Reread || v.Added == 0 || v.Removed != 0 || !slices.ContainsFunc(v.Article.Paragraphs, func(p string) bool { return strings.HasPrefix(p, "Aldane Unified") }) {
				t.Errorf("version 4: Reread %v, +%d −%d; want the re-read that brings back the schools paragraph", v.Reread, v.Added, v.Removed)
			}
			if v := vs[4]; v.Reread || v.Added != 1 || v.Removed != 1 {
				t.Errorf("version 5: Reread %v, +%d −%d; want the edit alone, one number changed", v.Reread, v.Added, v.Removed)
			}
			if s := e.story(t, st.ID); !s.LastChanged.Equal(e.clock.Now()) {
				t.Errorf("LastChanged %v, want the edit's check at %v", s.LastChanged, e.clock.Now())
			}
		})
	}
}
