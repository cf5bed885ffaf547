package extract

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/redline-news/redline/internal/newsroom"
)

// TestExtractor_Extract_issue12Templates renders the demo stories from the
// newsroom templates of issue 12 again and again: related-story links
// between paragraphs at a new place on every request, a meta line laid
// out three ways, a body in cousin chunks around ad rows. Every render
// must give the story the site published, on both paths.
func TestExtractor_Extract_issue12Templates(t *testing.T) {
	e := mustNew(t, Options{})
	demo, long := newsroom.DemoStories(), longStories(2)
	for _, tmpl := range []string{"related", "metaline", "chunks"} {
		site := newsroom.NewSite(newsroom.Options{Seed: 3, Template: tmpl, Stories: append(slices.Clone(demo), long...)})
		srv := httptest.NewServer(site.Handler())
		t.Cleanup(srv.Close)
		for _, round := range []int{0, site.LastRound()} {
			site.SetRound(round)
			for _, st := range append(slices.Clone(demo), long...) {
				t.Run(fmt.Sprintf("%s/round%d/%s", tmpl, round, st.Slug), func(t *testing.T) {
					u := site.StoryURL(srv.URL, st.Slug)
					checkSplitRenders(t, e, u, expectedParagraphs(site.ExpectedArticle(st.Slug)), 8)
				})
			}
		}
	}
}
