package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A "Most watched" list inside the story's container whose items are
// linked headings (<li><h3><a>…</a></h3></li>) is a list of links like
// any other, whichever items it shows on a request; a subhead that is not
// in a list stays, and the list's title goes with it.
func TestExtractor_Extract_linkedHeadingList(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<div class="story-body"><h1>` + storyHeadline + `</h1>`)
		for i, p := range storyParagraphs[:7] {
			if i == 3 {
				b.WriteString("<h2>What the engineers found</h2>\n")
			}
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`<h2>Most watched</h2><ol>`)
		for i := range 5 {
			h := relatedHeadlines[(i+v)%len(relatedHeadlines)]
			fmt.Fprintf(&b, `<li><h3><a href="/video/%d" class="play"><span class="icon">Play </span>%s<img src="/t%d.jpg" alt=""></a></h3></li>`, (i+v)%7, h, i)
		}
		b.WriteString(`</ol></div>`)
		return classPage(b.String())
	}
	want := wantStory(7)
	want = append(want[:3:3], append([]string{"What the engineers found"}, want[3:]...)...)
	checkRenders(t, mustNew(t, Options{}), 4, page, want)
}
