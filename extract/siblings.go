package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// widen returns the parent of the located container when the article is
// cut into sibling containers of the same kind (CMSs render the body in
// chunks around ad breaks and teasers), so that every chunk is read, not
// only the one that held most of a generic extractor's text. Where the
// breaks land changes from one request to the next; without this, a short
// chunk falls under locate's 95% share on some renders and the same story
// loses a paragraph.
//
// A sibling counts when it has the container's step (tag and classes),
// stands in the same run (only furniture, hidden or textless elements in
// between) and reads like article text: at least half its blocks have the
// article's signatures and their text is mostly not links. The signatures
// are rewritten relative to the parent; the walker skips the furniture
// between the chunks as it does inside any container.
func widen(loc location) location {
	c, p := loc.container, loc.container.Parent
	if p == nil || p.Type != html.ElementNode || p.DataAtom == atom.Body || p.DataAtom == atom.Html {
		return loc
	}
	s := step(c)
	w := containerWalker()
	found := false
	for _, next := range [2]func(*html.Node) *html.Node{
		func(n *html.Node) *html.Node { return n.NextSibling },
		func(n *html.Node) *html.Node { return n.PrevSibling },
	} {
		for n := next(c); n != nil && !found; n = next(n) {
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
			found = articleLike(bs, loc.sigs)
		}
	}
	if !found {
		return loc
	}
	sigs := make(map[string]bool, len(loc.sigs))
	for sig := range loc.sigs {
		sigs[">"+s+sig] = true
	}
	return location{container: p, sigs: sigs}
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
