package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// misnamedShare is the share of the matched article text an element
// named for sharing must hold to be taken for the article's wrapper.
const misnamedShare = 80

// intoMisnamed moves the container down into an element named for
// sharing that holds nearly all of the article's text: scripts that hang
// share buttons on a story's pictures or paragraphs mark the story's own
// wrapper (<div class="content js-social-images">), and a share bar never
// holds the story. The walker skips furniture below the container it
// walks, but never the container itself, so the story is read, and read
// the same way on the re-check path, which walks the same container.
// Other furniture (a gallery, a promo box, a comment thread) that holds
// most of what a generic extractor returned really is furniture: the
// extractor took it along with the story.
func intoMisnamed(c *html.Node, weight map[*html.Node]int, total int) *html.Node {
	var best *html.Node
	bestDepth := 0
	for n, w := range weight {
		if n == c || n.Type != html.ElementNode || w*100 < total*misnamedShare || !sharingNamed(n) || !within(n, c) {
			continue
		}
		d := 0
		for p := n; p != c; p = p.Parent {
			d++
		}
		if best == nil || d < bestDepth {
			best, bestDepth = n, d
		}
	}
	if best == nil {
		return c
	}
	return best
}

// sharingNamed reports an element whose class or id names sharing.
func sharingNamed(n *html.Node) bool {
	for _, key := range [2]string{"class", "id"} {
		for _, w := range strings.FieldsFunc(strings.ToLower(attr(n, key)), func(r rune) bool {
			return r < 'a' || r > 'z'
		}) {
			switch w {
			case "share", "sharing", "social":
				return true
			}
		}
	}
	return false
}
