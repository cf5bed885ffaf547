package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A post whose opening paragraph is written straight into the post's
// element, before the <p>s and after a picture, keeps it. go-trafilatura
// returns only the part after the paragraph's first inline element.
func TestExtractor_Extract_looseOpening(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		fmt.Fprintf(&b, `<div class="post" id="post-%d"><h2 class="title">%s</h2><div class="entry">`, 40+v, storyHeadline)
		b.WriteString(`<figure class="picture"><img src="/bridge.jpg" alt=""></figure>`)
		b.WriteString(strings.Replace(storyParagraphs[0], "damaged", "<em>damaged</em>", 1) + "\n")
		for _, p := range storyParagraphs[1:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`</div></div>`)
		b.WriteString(`<div class="sidebar"><h3>Blogroll</h3><ul><li><a href="/a">Harbour watch</a></li><li><a href="/b">Ferry fans</a></li></ul></div>`)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 2, page, wantStory(7))
}
