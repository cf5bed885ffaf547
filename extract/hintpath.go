package extract

import (
	"errors"
	"slices"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
)

// ExtractWithHint is Extract for re-checks. hint is the opaque string kept
// on redline.Story.ExtractHint from the previous check ("" for none). When
// the hint still fits the page, the article is read straight from the
// remembered container, skipping the generic extractors; the result is the
// Article the full path would give, except that Extractor is "hint". When
// the hint does not resolve, or the result's shape jumps (headline changed,
// paragraph or word count halved or doubled), or the page holds text in a
// place it did not hold text before (see textPlaces), the full path runs.
// newHint is what to store for the next check; it is "" when the page
// offers no stable place to remember.
func (e *Extractor) ExtractWithHint(page []byte, pageURL, hint string) (a redline.Article, newHint string, err error) {
	h, ok := decodeHint(hint)
	if !ok {
		return e.fullWithHint(page, pageURL)
	}
	doc, b, err := e.load(page, pageURL)
	if err != nil {
		return redline.Article{}, "", err
	}
	if e.ruleFor(pageURL) != nil {
		// Rule extraction is as fast as the hint path: no need for one.
		o, err := e.fromDoc(doc, pageURL, b)
		return o.article, o.hint.encode(), err
	}
	known, ok := decodePlaces(h.Places)
	if !ok {
		return e.fromDocWithHint(doc, pageURL, b, nil)
	}
	var loc location
	if h.Mode == modeContainer {
		if loc, ok = h.resolve(doc); !ok {
			e.log.Debug("extract: hint did not resolve", "url", pageURL)
			return e.fromDocWithHint(doc, pageURL, b, known)
		}
	}
	if newPlaces(textPlaces(doc, loc.container), known) {
		e.log.Debug("extract: text in a new place on the page", "url", pageURL)
		return e.fromDocWithHint(doc, pageURL, b, known)
	}
	md := readMetadata(doc, pageURL)
	var p pending
	switch h.Mode {
	case modeContainer:
		blocks, unseen, skipped := loc.split()
		if e.hasNewText(unseen, h.Extra) {
			// A block of a kind never seen in this article, that no noise
			// rule drops, may be an edit (an appended correction in a new
			// wrapper, say): only the full path can tell.
			e.log.Debug("extract: new kind of block in the hinted container", "url", pageURL)
			return e.fromDocWithHint(doc, pageURL, b, known)
		}
		p = pending{blocks: blocks, skipped: skipped, path: PathHint, hint: h}
	case modeJSONLD:
		p = pending{blocks: articleBodyBlocks(md.ArticleBody), path: PathHint, hint: h}
	default:
		return e.fromDocWithHint(doc, pageURL, b, known)
	}
	p.cleaned = e.clean(p.blocks, nil, leadOf(md.Headline, md))
	if c := p.cleaned; !h.sameShape(len(c.paras), c.words(), md.Headline) {
		e.log.Debug("extract: hinted result changed shape", "url", pageURL, "paragraphs", len(c.paras), "was", h.Paras)
		return e.fromDocWithHint(doc, pageURL, b, known)
	}
	o, err := e.finish(doc, p, md, nil, pageURL, b)
	if errors.Is(err, redline.ErrPageTooComplex) {
		return redline.Article{}, "", err
	}
	if err != nil {
		return e.fromDocWithHint(doc, pageURL, b, known)
	}
	return o.article, o.hint.encode(), nil
}

func (e *Extractor) fullWithHint(page []byte, pageURL string) (redline.Article, string, error) {
	doc, b, err := e.load(page, pageURL)
	if err != nil {
		return redline.Article{}, "", err
	}
	return e.fromDocWithHint(doc, pageURL, b, nil)
}

// fromDocWithHint runs the full path on a page the hint path already
// parsed (nothing on the hint path mutates the tree), and gives the hint
// it makes the places that hold text around its container, with the
// places known before: furniture that comes and goes settles that way.
func (e *Extractor) fromDocWithHint(doc *html.Node, pageURL string, b *budget, known []uint32) (redline.Article, string, error) {
	o, err := e.fromDoc(doc, pageURL, b)
	if o.hint != nil {
		var container *html.Node
		if o.hint.Mode == modeContainer {
			if c := o.hint.candidates(doc); o.hint.Nth < len(c) {
				container = c[o.hint.Nth]
			}
		}
		o.hint.Places = encodePlaces(mergePlaces(textPlaces(doc, container), known))
	}
	return o.article, o.hint.encode(), err
}

// keptTexts hashes the blocks the noise rules would keep as a paragraph
// or a note.
func (e *Extractor) keptTexts(blocks []block) []string {
	var out []string
	for _, b := range blocks {
		c := e.clean([]block{b}, nil, lead{})
		for _, t := range append(c.paras, c.notes...) {
			out = append(out, headHash(t))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hasNewText reports whether blocks hold kept text not among known.
func (e *Extractor) hasNewText(blocks []block, known []string) bool {
	for _, h := range e.keptTexts(blocks) {
		if _, found := slices.BinarySearch(known, h); !found {
			return true
		}
	}
	return false
}
