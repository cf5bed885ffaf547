package tracker_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
)

// BenchmarkTracker_CheckStory_Unchanged measures the common case of a
// daemon: re-checking a story whose noisy page has not changed, over real
// loopback HTTP, extraction with the stored hint, and a bbolt write of the
// check and schedule. It runs on every newsroom template, since the cost
// of a re-check differs with how a publishing system lays out its page.
// The site's renderings of the page are replayed (see replay), so the
// figures are redline's: every fetch still differs from the one before.
func BenchmarkTracker_CheckStory_Unchanged(b *testing.B) {
	for _, tmpl := range newsroom.Templates() {
		b.Run(tmpl, func(b *testing.B) {
			e := newEnv(b, envOptions{site: newsroom.Options{Seed: 3}, wrap: func(h http.Handler) http.Handler { return newReplay(h) }})
			st := e.track(b, e.templateURL(tmpl, stormSlug))
			if r := e.check(b, st.ID); r.Result != redline.ResultNew {
				b.Fatalf("first check: %+v", r)
			}
			b.ReportAllocs()
			for b.Loop() {
				cur, err := e.store.Story(st.ID)
				if err != nil {
					b.Fatal(err)
				}
				if r := e.tracker.CheckStory(context.Background(), cur); r.Result != redline.ResultUnchanged {
					b.Fatalf("re-check: %+v", r)
				}
			}
		})
	}
}
