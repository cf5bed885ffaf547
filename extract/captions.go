package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isCaption reports a block that captions a picture in the article: a
// <figcaption>, or text inside a <figure> or an element classed as a
// caption, below the container c. Readers see captions as part of the
// story, and an edited caption is an edited story; the generic extractors
// leave most of them out, so whether one happened to be kept must not
// decide it.
func isCaption(b block, c *html.Node) bool {
	for n := b.node; n != nil && n != c; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.Figcaption {
			return b.linkLen*2 < len(b.text)
		}
		if captionClass(attr(n, "class")) {
			return b.linkLen*2 < len(b.text)
		}
	}
	return false
}

// captionClass reports a class attribute that names a caption
// ("wp-caption-text", "caption", "photo-caption").
func captionClass(v string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return r < 'a' || r > 'z'
	}) {
		if w == "caption" {
			return true
		}
	}
	return false
}
