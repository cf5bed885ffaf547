package tracker_test

import (
	"testing"

	"github.com/redline-news/redline"
)

// TestTracker_CheckStory_Revert: a story edited and then edited back
// (A→B→A) makes a third version marked as restoring the first, for every
// template, so the UI can show "reverted" instead of a fresh edit.
func TestTracker_CheckStory_Revert(t *testing.T) {
	t.Parallel()
	for _, tmpl := range []string{"classic", "divsoup", "split"} {
		t.Run(tmpl, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{})
			st := e.track(t, e.templateURL(tmpl, stormSlug))
			steps := []struct {
				round   int
				want    redline.CheckResult
				version int
				revert  int
			}{
				{0, redline.ResultNew, 1, 0},
				{1, redline.ResultChanged, 2, 0},
				{0, redline.ResultChanged, 3, 1},
				{0, redline.ResultUnchanged, 3, 1},
				{1, redline.ResultChanged, 4, 2},
			}
			for i, s := range steps {
				e.site.SetRound(s.round)
				got := e.check(t, st.ID)
				if got.Result != s.want || got.Version != s.version {
					t.Fatalf("step %d (round %d): result %q version %d (%s), want %q version %d",
						i, s.round, got.Result, got.Version, got.Error, s.want, s.version)
				}
				vs := e.versions(t, st.ID)
				if last := vs[len(vs)-1]; last.RevertOf != s.revert {
					t.Errorf("step %d: version %d reverts %d, want %d", i, last.N, last.RevertOf, s.revert)
				}
			}
			vs := e.versions(t, st.ID)
			if vs[0].Hash != vs[2].Hash || vs[1].Hash != vs[3].Hash {
				t.Errorf("reverted versions do not share hashes: %s %s %s %s", vs[0].Hash, vs[1].Hash, vs[2].Hash, vs[3].Hash)
			}
		})
	}
}
