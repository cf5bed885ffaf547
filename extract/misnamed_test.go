package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A story whose wrapper is classed for the script that hangs share
// buttons on its pictures is still the story; the share bar beside it is
// still furniture. The reviews under it, which go-trafilatura takes along,
// are not the story either.
func TestExtractor_Extract_sharingNamedWrapper(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		fmt.Fprintf(&b, `<div class="grid"><div class="share"><a href="#">Share</a> <a href="#">Pin</a></div><div class="stats"><span>%d</span> likes</div>`, 10+v)
		b.WriteString(`<div class="content-module js-social-images">`)
		for _, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`</div><div class="reviews"><h3>Reviews</h3>`)
		fmt.Fprintf(&b, `<div class="review"><p>%d hours ago</p><p>I drove over that bridge every day for years and never once thought about the columns underneath it.</p></div>`, 2+v)
		b.WriteString(`<div class="review"><p>Yesterday</p><p>The ferry was packed this morning, but the crew handled the crowd very well and we left on time.</p></div></div></div>`)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 3, page, wantStory(7))
}
