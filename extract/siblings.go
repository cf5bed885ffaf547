package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxChunkLevels is how far above the located container widen looks for
// the wrappers the chunks of a body sit in: the chunk itself, its row,
// the row's column.
const maxChunkLevels = 3

// widen returns a common ancestor of the located container and the other
// chunks of the article when the article is cut into containers of the
// same kind (CMSs render the body in chunks around ad breaks and
// teasers), so that every chunk is read, not only the one that held most
// of a generic extractor's text. Where the breaks land changes from one
// request to the next; without this, a short chunk falls under locate's
// 95% share on some renders and the same story loses a paragraph.
//
// The chunks may be siblings, or cousins: each chunk in a row of its own
// (<div class="row"><div class="col"><div class="chunk">), the ad rows
// between them. So the container and then up to two of its ancestors are
// tried in turn as the chunk's wrapper. A sibling of the wrapper counts
// when it has the wrapper's step (tag and classes), stands in the same run
// (only furniture, hidden, textless or like-stepped elements in between)
// and reads like article text: at least half its blocks have the
// article's signatures, seen from the wrapper, and their text is mostly
// not links. The signatures are rewritten relative to the wrapper's
// parent; the walker skips the furniture between the chunks as it does
// inside any container.
func widen(loc location) location {
	wrapper, path := loc.container, ""
	for range maxChunkLevels {
		p := wrapper.Parent
		if p == nil || p.Type != html.ElementNode || p.DataAtom == atom.Body || p.DataAtom == atom.Html {
			return loc
		}
		if hasChunkSibling(wrapper, prefixed(loc.sigs, path)) {
			return location{container: p, sigs: prefixed(loc.sigs, ">"+step(wrapper)+path)}
		}
		path = ">" + step(wrapper) + path
		wrapper = p
	}
	return loc
}

// prefixed returns the signatures seen from an element path above the one
// they were taken from.
func prefixed(sigs map[string]bool, path string) map[string]bool {
	if path == "" {
		return sigs
	}
	out := make(map[string]bool, len(sigs))
	for sig := range sigs {
		out[path+sig] = true
	}
	return out
}

// hasChunkSibling reports whether a sibling of c in the same run has c's
// step and reads like article text by sigs.
func hasChunkSibling(c *html.Node, sigs map[string]bool) bool {
	s := step(c)
	w := containerWalker()
	for _, next := range [2]func(*html.Node) *html.Node{
		func(n *html.Node) *html.Node { return n.NextSibling },
		func(n *html.Node) *html.Node { return n.PrevSibling },
	} {
		for n := next(c); n != nil; n = next(n) {
			if n.Type != html.ElementNode || skipped(n) || isFurniture(n) {
				continue
			}
			bs := w.blocks(n)
			if step(n) != s {
				if len(bs) == 0 {
					continue
				}
				break // other text ends the run
			}
			if articleLike(bs, sigs) {
				return true
			}
		}
	}
	return false
}

// articleLike reports whether at least half of the blocks, and at least
// one, have an article signature, and the text of those is mostly not
// links: a chunk of the story rather than a list of teasers.
func articleLike(bs []block, sigs map[string]bool) bool {
	n, text, links := 0, 0, 0
	for _, b := range bs {
		if sigs[b.sig] {
			n++
			text += len(b.text)
			links += b.linkLen
		}
	}
	return n > 0 && n*2 >= len(bs) && links*2 < text
}
