//go:build unix

package tracker_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
)

// batchStories are an edited story (a paragraph added in round 1) and
// stories that stay as they are, in that order of IDs.
func batchStories(quiet int) []newsroom.Story {
	pool := benchParagraphPool(rand.New(rand.NewPCG(5, 5)), 60)
	round := func(headline string, paras []string) newsroom.Round {
		return newsroom.Round{Headline: headline, Byline: "Jin Park", Dek: "Talks went on late into the night.", Paragraphs: paras, Developing: true}
	}
	first := round("Ferry strike enters its third day", pool[:12])
	edited := round("Ferry strike enters its third day", slices.Concat(pool[:12], pool[12:13]))
	out := []newsroom.Story{{Slug: "ferry-strike", Section: "Local", Rounds: []newsroom.Round{first, edited}}}
	for i := range quiet {
		r := round("Quiet story number "+string(rune('a'+i))+" holds", pool[20+3*i:32+3*i])
		out = append(out, newsroom.Story{Slug: "quiet-story-" + string(rune('a'+i)), Section: "Local", Rounds: []newsroom.Round{r, r}})
	}
	return out
}

// newBatchEnv tracks the stories and runs the first pass (every story new).
// Its passes commit their waiting unchanged checks every `every`.
func newBatchEnv(t *testing.T, quiet int, every time.Duration, wrap func(http.Handler) http.Handler) (*env, []redline.Story) {
	t.Helper()
	e := newEnv(t, envOptions{site: newsroom.Options{Stories: batchStories(quiet), Seed: 2}, wrap: wrap})
	tracker.SetBatchEvery(e.tracker, every)
	var sts []redline.Story
	for _, slug := range e.site.Slugs() {
		sts = append(sts, e.track(t, e.storyURL(slug)))
	}
	rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{All: true})
	if err != nil || rep.Changed != len(sts) {
		t.Fatalf("first pass: %+v, %v", rep, err)
	}
	return e, sts
}

// A pass commits its unchanged checks together, but every one of them is
// recorded and moves its story's schedule, as a lone check does.
func TestTracker_Once_UnchangedChecksAllRecorded(t *testing.T) {
	e, sts := newBatchEnv(t, 5, time.Second, nil)
	before := map[redline.StoryID]redline.Story{}
	for _, st := range sts {
		before[st.ID] = e.story(t, st.ID)
	}
	e.site.Advance()
	e.clock.Advance(time.Hour)
	rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed != 1 || rep.Unchanged != len(sts)-1 {
		t.Fatalf("second pass: %d changed, %d unchanged; want 1 and %d", rep.Changed, rep.Unchanged, len(sts)-1)
	}
	for _, st := range sts {
		got := e.story(t, st.ID)
		if !got.LastChecked.Equal(e.clock.Now()) || !got.NextCheck.After(before[st.ID].NextCheck) {
			t.Errorf("story %d: last checked %v, next %v (was %v); want the pass's check recorded and the schedule moved",
				st.ID, got.LastChecked, got.NextCheck, before[st.ID].NextCheck)
		}
		if cs := e.checks(t, st.ID); len(cs) != 2 {
			t.Errorf("story %d: %d checks, want 2", st.ID, len(cs))
		}
	}
}

// A story purged after its unchanged check but before the pass committed
// it is reported as a lone check reports it, and is not brought back.
func TestTracker_Once_PurgedBeforeBatchCommitted(t *testing.T) {
	e, sts := newBatchEnv(t, 2, time.Hour, nil) // nothing committed before the pass ends
	victim := sts[1]
	e.clock.Advance(time.Hour)
	rep, err := e.tracker.Once(context.Background(), tracker.OnceOptions{All: true, Progress: func(_, _ int, r redline.StoryResult) {
		if r.ID == victim.ID {
			if _, err := e.tracker.Purge(victim.ID); err != nil {
				t.Errorf("purge: %v", err)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sr := range rep.Stories {
		want := redline.ResultUnchanged
		if sr.ID == victim.ID {
			want = redline.ResultSkipped
		}
		if sr.Result != want {
			t.Errorf("story %d: result %q (%s), want %q", sr.ID, sr.Result, sr.Reason, want)
		}
	}
	if rep.Unchanged != len(sts)-1 || rep.Skipped != 1 {
		t.Errorf("report counts %d unchanged, %d skipped; want %d and 1", rep.Unchanged, rep.Skipped, len(sts)-1)
	}
	if _, err := e.store.Story(victim.ID); err == nil {
		t.Error("the purged story is back after the pass")
	}
}

// A crash in the middle of a pass loses nothing stored: a new version is
// on disk when its check returns, and the unchanged checks not committed
// yet leave their stories as they were before the pass, due again. The
// crash is a copy of the file taken between two checks.
func TestTracker_Once_CrashMidPassKeepsVersions(t *testing.T) {
	e, sts := newBatchEnv(t, 3, time.Hour, nil) // the quiet checks wait for the pass's end
	edited, quiet := sts[0], sts[1]
	before := e.story(t, quiet.ID)
	e.site.Advance()
	e.clock.Advance(time.Hour)
	crashed := filepath.Join(t.TempDir(), "crashed.db")
	var taken bool
	_, err := e.tracker.Once(context.Background(), tracker.OnceOptions{All: true, Progress: func(done, _ int, r redline.StoryResult) {
		if done != 2 {
			return
		}
		// The edited story (ID order) and one quiet story are checked.
		raw, err := os.ReadFile(e.store.Path())
		if err != nil {
			t.Errorf("copy the file: %v", err)
			return
		}
		taken = os.WriteFile(crashed, raw, 0o600) == nil
	}})
	if err != nil || !taken {
		t.Fatalf("pass: %v (copy taken: %v)", err, taken)
	}
	s, err := store.Open(crashed, store.Options{})
	if err != nil {
		t.Fatalf("open the file as a crash left it: %v", err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("consistency of the file as a crash left it: %v", err)
	}
	vs, err := s.Versions(edited.ID)
	if err != nil || len(vs) != 2 {
		t.Fatalf("edited story after the crash: %d versions, %v; want its new version kept", len(vs), err)
	}
	got, err := s.Story(quiet.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.NextCheck.Equal(before.NextCheck) || !got.LastChecked.Equal(before.LastChecked) {
		t.Errorf("quiet story after the crash: last checked %v, next %v; want it as before the pass (%v, %v), due again",
			got.LastChecked, got.NextCheck, before.LastChecked, before.NextCheck)
	}
}

// A slow pass commits its waiting unchanged checks as it goes: a check
// does not wait for the pass to end, nor for 63 more.
func TestTracker_Once_SlowPassCommitsAsItGoes(t *testing.T) {
	var (
		e      *env
		quietA redline.StoryID // set before arm
		slow   = "/news/quiet-story-b"
		seen   = make(chan bool, 1)
		arm    atomic.Bool
	)
	e, sts := newBatchEnv(t, 2, 20*time.Millisecond, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if arm.Load() && r.URL.Path == slow {
				// The story before this one (quiet-story-a) is checked and
				// waits in the batch; the pass is not over.
				deadline := time.Now().Add(5 * time.Second)
				recorded := false
				for !recorded && time.Now().Before(deadline) {
					cs, err := e.store.Checks(quietA, 0)
					recorded = err == nil && len(cs) == 2
					time.Sleep(10 * time.Millisecond)
				}
				select {
				case seen <- recorded:
				default:
				}
			}
			h.ServeHTTP(w, r)
		})
	})
	quietA = sts[1].ID
	arm.Store(true)
	e.clock.Advance(time.Hour)
	if _, err := e.tracker.Once(context.Background(), tracker.OnceOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	select {
	case recorded := <-seen:
		if !recorded {
			t.Error("the check of the story before the slow one was not committed while the slow one was fetched")
		}
	default:
		t.Fatal("the slow story was never fetched")
	}
}
