package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// location is where the article lives in a page: the container element and
// the signatures of the blocks inside it that are article text.
type location struct {
	container *html.Node
	sigs      map[string]bool
}

// locate maps the paragraphs a generic extractor returned (its own copy of
// the text, detached from the page) back onto the blocks of doc. A block is
// article text when its text is one of the reference paragraphs, lies inside
// one, or mostly consists of one. The container is the deepest element that
// holds nearly all of the matched text; the signatures are those of the
// matched blocks inside it. Returns ok=false when too little matched.
//
// cut is where the extractors' copy of the page ended (see libraryCut), or
// nil: blocks from there on are neither matched nor counted, since the
// extractors never saw them.
func locate(doc *html.Node, ref []string, cut *html.Node) (location, bool) {
	if len(ref) == 0 {
		return location{}, false
	}
	rm := newReference(ref)
	refLen := rm.total

	upTo := func(w *walker) *walker {
		w.cut, w.onPath = cut, pastCut(cut)
		return w
	}
	all := upTo(newWalker()).blocks(body(doc))
	matched := make([]bool, len(all))
	total := 0
	for i, b := range all {
		// Furniture the extractor let through (a masthead, a copyright
		// line) must not pull the container up to the whole page: it would
		// bring the rest of the page's chrome with it.
		if rm.match(b.text) && !furnitureLine(b) {
			matched[i] = true
			total += len(b.text)
		}
	}
	if total == 0 || total*4 < refLen {
		return location{}, false
	}

	// Sum matched text per ancestor; the container is the deepest ancestor
	// holding at least 95% of it, which ignores a stray caption or title
	// matched far from the article.
	weight := make(map[*html.Node]int)
	depth := make(map[*html.Node]int)
	for i, b := range all {
		if !matched[i] {
			continue
		}
		for n := b.node; n != nil; n = n.Parent {
			weight[n] += len(b.text)
		}
	}
	var container *html.Node
	best := -1
	for n, w := range weight {
		if w*100 < total*95 || n.Type != html.ElementNode {
			continue
		}
		d, ok := depth[n]
		if !ok {
			for p := n; p != nil; p = p.Parent {
				d++
			}
			depth[n] = d
		}
		if d > best {
			container, best = n, d
		}
	}
	if container == nil {
		return location{}, false
	}
	container = intoMisnamed(container, weight, total)
	// A container that is itself a paragraph would be walked as loose text;
	// its parent keeps the signatures meaning the same thing.
	for i, b := range all {
		if matched[i] && b.node == container && !strings.HasSuffix(b.sig, ">#") && container.Parent != nil {
			container = container.Parent
			break
		}
	}
	// Signatures are counted inside the container: one whose blocks are
	// mostly article text is kept. A gallery or video menu that shares a
	// signature with a single matched block is not.
	type tally struct{ matched, total int }
	counts := make(map[string]*tally)
	for _, b := range upTo(walkerFor(container)).blocks(container) {
		c := counts[b.sig]
		if c == nil {
			c = &tally{}
			counts[b.sig] = c
		}
		c.total++
		if rm.match(b.text) {
			c.matched++
		}
	}
	sigs := make(map[string]bool)
	for sig, c := range counts {
		if c.matched > 0 && c.matched*2 >= c.total {
			sigs[sig] = true
		}
	}
	if len(sigs) == 0 {
		return location{}, false
	}
	return widen(location{container: container, sigs: sigs}), true
}

// furnitureLine reports a block that a built-in noise rule drops wherever
// it stands. The all-caps rule is left out: at the top of a container such
// a line is a dateline or a kicker.
func furnitureLine(b block) bool {
	b = b.readied(nil, false)
	if b.developingSentence() {
		return false
	}
	for _, r := range builtinNoise {
		if r.match(b, true) {
			return true
		}
	}
	return false
}

// within reports whether n is c or a descendant of c.
func within(n, c *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == c {
			return true
		}
	}
	return false
}
