package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A comment thread the theme prints inside the post's element, after the
// story, is not the story, however many comments a request shows; the
// thread is still found for what it is when an extractor takes it for
// the story (TestExtractor_Extract_wrongContainer).
func TestExtractor_Extract_threadInsidePost(t *testing.T) {
	comments := []string{
		"I drive across that bridge every morning and had no idea the columns were in such a state. Thanks for covering this.",
		"The ferries were packed today, but the crew handled it well and we left only ten minutes late.",
		"Why did nobody inspect the eastern span after the last storm? This should have been caught years ago.",
		"My bakery is on the western ramp and I can confirm sales have dropped. We need that compensation fund.",
	}
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<div class="post hentry"><h1>` + storyHeadline + `</h1><div class="entry-content">`)
		for _, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		fmt.Fprintf(&b, `<h3>%d Responses</h3><ol class="commentlist">`, 2+v)
		for i := range 2 + v {
			fmt.Fprintf(&b, `<li class="comment depth-1" id="comment-%d"><div class="comment-author"><cite>Reader%d</cite> <span class="says">Says:</span></div><p>%s</p></li>`,
				4970+i, i, comments[(i+v)%len(comments)])
		}
		b.WriteString(`</ol></div></div>`)
		return classPage(b.String())
	}
	a, err := mustNew(t, Options{}).Extract(page(0), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Paragraphs {
		for _, c := range comments {
			if p == c {
				t.Errorf("a comment is in the story: %q", p)
			}
		}
	}
	checkRenders(t, mustNew(t, Options{}), 3, page, wantStory(7))
}
