package ui_test

import (
	"testing"

	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/web"
)

// TestBrowser_StoryAndDiffScreenshots shoots the story and diff pages at
// desktop and phone width (into docs/screenshots with
// REDLINE_UPDATE_SCREENSHOTS=1) and checks that none of them needs
// sideways scrolling on a phone.
func TestBrowser_StoryAndDiffScreenshots(t *testing.T) {
	s := servePages(t, web.Access{})
	shots := []struct{ name, path, sel string }{
		{"story", "/stories/1", "table.versions"},
		{"diff", "/stories/1/diff/1/4", ".rl-diff"},
		{"diff-side", "/stories/1/diff/1/4?view=side", "table.sbs"},
		{"changes", "/", "ol.changes"},
	}
	for _, vp := range []testutil.Viewport{testutil.Desktop, testutil.Phone} {
		p := testutil.Browser(t)
		p.SetViewport(vp)
		for _, sh := range shots {
			p.Navigate(s.URL+sh.path, sh.sel)
			if vp.Mobile {
				// Against the screen, not innerWidth: a phone widens its
				// layout viewport to fit a page that overflows.
				if over := testutil.Eval[float64](p, `document.documentElement.scrollWidth`) - float64(vp.Width); over > 0 {
					t.Errorf("%s on a phone is %.0f px wider than the screen", sh.path, over)
				}
			}
			p.SaveScreenshot(sh.name + "-" + vp.Name)
		}
		p.AssertInert()
	}
}
