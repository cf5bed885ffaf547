package tracker_test

import (
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
)

// TestTracker_Once_NoiseMakesNoVersion fetches every demo story in every
// page template again and again within one round. Each request draws fresh
// ads, counters, timestamps, teasers and tokens, so any noise that leaks
// into the article would show up as a second version.
func TestTracker_Once_NoiseMakesNoVersion(t *testing.T) {
	t.Parallel()
	const fetches = 4
	for _, tmpl := range newsroom.Templates() {
		t.Run(tmpl, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{site: newsroom.Options{Seed: 7}})
			for _, slug := range e.site.Slugs() {
				st := e.track(t, e.templateURL(tmpl, slug))
				for i := range fetches {
					got := e.check(t, st.ID)
					want := redline.ResultUnchanged
					if i == 0 {
						want = redline.ResultNew
					}
					if got.Result != want || got.Version != 1 {
						t.Errorf("%s fetch %d: result %q version %d (error %q, summary %q), want %q version 1",
							slug, i+1, got.Result, got.Version, got.Error, got.Summary, want)
					}
				}
				if vs := e.versions(t, st.ID); len(vs) != 1 {
					t.Errorf("%s: %d versions after %d fetches of one round, want 1", slug, len(vs), fetches)
				}
				cs := e.checks(t, st.ID)
				if len(cs) != fetches {
					t.Fatalf("%s: %d checks recorded, want %d", slug, len(cs), fetches)
				}
				for i, c := range cs[1:] {
					if c.Result != redline.ResultUnchanged || c.Version != 1 {
						t.Errorf("%s: recorded check %d is %q for version %d, want unchanged for version 1", slug, i+2, c.Result, c.Version)
					}
				}
			}
		})
	}
}
