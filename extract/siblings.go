package extract

import (
	"strings"

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
		if steps := chunkSiblings(wrapper, prefixed(loc.sigs, path)); len(steps) > 0 {
			sigs := prefixed(loc.sigs, ">"+step(wrapper)+path)
			for _, st := range steps {
				for sig := range prefixed(loc.sigs, ">"+st+path) {
					sigs[sig] = true
				}
			}
			return location{container: p, sigs: sigs}
		}
		path = ">" + step(wrapper) + path
		wrapper = p
	}
	return loc
}

// prefixed returns the signatures seen from an element path above the one
// they were taken from.
func prefixed(sigs map[string]bool, path string) map[string]bool {
	out := make(map[string]bool, len(sigs))
	for sig := range sigs {
		out[path+sig] = true
	}
	return out
}

// maxChunkGap is how many elements with other text may stand between two
// chunks: a side rail or a teaser box dropped into the body.
const maxChunkGap = 2

// chunkSiblings returns the steps of the siblings of c that are chunks of
// the same body: the same tag with a class in common (CMSs mark the first
// chunk "article_body entry-content", the next ones "article_body"),
// reading like article text by sigs, with at most maxChunkGap elements of
// other text between them and c.
func chunkSiblings(c *html.Node, sigs map[string]bool) []string {
	var steps []string
	w := containerWalker()
	for _, next := range [2]func(*html.Node) *html.Node{
		func(n *html.Node) *html.Node { return n.NextSibling },
		func(n *html.Node) *html.Node { return n.PrevSibling },
	} {
		gap := 0
		for n := next(c); n != nil && gap <= maxChunkGap; n = next(n) {
			if n.Type != html.ElementNode || skipped(n) || isFurniture(n) {
				continue
			}
			bs := w.blocks(n)
			if len(bs) == 0 {
				continue
			}
			if sameKind(n, c) && articleLike(bs, sigs) {
				steps = append(steps, step(n))
				gap = 0
				continue
			}
			gap++
		}
	}
	return steps
}

// sameKind reports elements with the same tag and step, or the same tag
// and a class in common.
func sameKind(a, b *html.Node) bool {
	if a.Data != b.Data {
		return false
	}
	if step(a) == step(b) {
		return true
	}
	for _, x := range strings.Fields(attr(a, "class")) {
		for _, y := range strings.Fields(attr(b, "class")) {
			if x == y {
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
