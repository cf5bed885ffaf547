package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A short post whose theme prints the sidebar (the blogger's welcome
// note, archive links) inside the same wrapper as the post: the sidebar
// is not the post.
func TestExtractor_Extract_sidebarInWrapper(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<div class="main-wrapper"><div class="post"><h3 class="post-title">` + storyHeadline + `</h3><div class="post-body">`)
		for _, p := range storyParagraphs[:2] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`</div></div><div class="sidebar"><div class="about"><p>Welcome. I'm Jess, a graphic designer and ferry enthusiast. When I'm not writing about the harbour, I'm drawing it for my shop, which you can find on the links below.</p></div>`)
		fmt.Fprintf(&b, `<div class="archive"><h2>Archive</h2><ul><li><a href="/2024/%02d">Month %d</a></li><li><a href="/2024/%02d">Month %d</a></li></ul></div>`, v+1, v+1, v+2, v+2)
		b.WriteString(`<div class="stores"><p>Find a list of shops selling my harbour prints and postcards on the stores page, updated every week with new places.</p></div></div></div>`)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 2, page, wantStory(2))
}
