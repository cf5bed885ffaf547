package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A picture's caption is part of the story a reader sees, wherever the
// CMS puts it; a caption made of a link (a video teaser) is not, and a
// credit line a gallery repeats is kept once.
func TestExtractor_Extract_captions(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<article><div class="story-body">`)
		for i, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
			switch i {
			case 0:
				b.WriteString(`<figure class="inline-image"><img src="/bridge.jpg" alt=""><figcaption>The closed harbour bridge seen from the ferry terminal on Tuesday. Photo: Ann Berg</figcaption></figure>`)
			case 2:
				fmt.Fprintf(&b, `<figure class="video"><figcaption><a href="/video/%d">Watch: ferries at rush hour</a></figcaption></figure>`, v)
			case 3:
				b.WriteString(`<div class="wp-caption"><img src="/column.jpg" alt=""><p class="wp-caption-text">A cracked support column on the eastern span.</p></div>`)
				b.WriteString(`<div class="wp-caption"><img src="/column2.jpg" alt=""><p class="wp-caption-text">A cracked support column on the eastern span.</p></div>`)
			}
		}
		b.WriteString(`</div></article>`)
		return classPage(b.String())
	}
	story := wantStory(7)
	want := slices.Concat(story[:1], []string{"The closed harbour bridge seen from the ferry terminal on Tuesday. Photo: Ann Berg"},
		story[1:4], []string{"A cracked support column on the eastern span."}, story[4:])
	checkRenders(t, mustNew(t, Options{}), 3, page, want)
}
