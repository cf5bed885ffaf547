package extract

import (
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/go-shiori/dom"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// minBodyWords is the body size below which trafilatura's answer counts as
// "too little" and go-readability is asked as well.
const minBodyWords = 80

// generic finds the body with go-trafilatura, falling back to
// go-readability, and maps their answer back onto doc (see locate), so the
// body is always read from the page itself by the same walker the hint
// path uses. When the mapping fails, the extractor's own text is used and
// no hint is made.
func (e *Extractor) generic(doc *html.Node, pageURL string) pending {
	u, _ := url.Parse(pageURL)
	if u != nil && !u.IsAbs() {
		u = nil
	}
	ref, path := e.trafilatura(doc, u), PathTrafilatura
	if words(ref) < minBodyWords {
		if alt := e.readability(doc, u); words(alt) > words(ref) {
			ref, path = alt, PathReadability
		}
	}
	if len(ref) == 0 {
		return pending{path: path}
	}
	texts := make([]string, len(ref))
	for i, b := range ref {
		texts[i] = b.text
	}
	loc, ok := locate(doc, texts)
	if !ok {
		e.log.Debug("extract: cannot map body onto page", "url", pageURL, "path", path)
		return pending{blocks: ref, path: PathText}
	}
	blocks, unseen, skipped := loc.split()
	h := newContainerHint(doc, loc)
	if h != nil {
		h.Extra = e.keptTexts(unseen)
	}
	return pending{blocks: blocks, skipped: skipped, path: path, hint: h}
}

// blocks walks the container and keeps the blocks whose signature is
// article text; skipped furniture is returned for Explain.
// split divides the container's blocks into those with an article
// signature and those with a signature never seen as article text.
func (l location) split() (known, unseen []block, skipped []Dropped) {
	w := containerWalker()
	for _, b := range w.blocks(l.container) {
		if l.sigs[b.sig] {
			known = append(known, b)
		} else {
			unseen = append(unseen, b)
		}
	}
	return known, unseen, w.skipped
}

func (e *Extractor) trafilatura(doc *html.Node, u *url.URL) []block {
	res, err := trafilatura.ExtractDocument(dom.Clone(doc, true), trafilatura.Options{
		OriginalURL:     u,
		ExcludeComments: true,
		ExcludeTables:   false,
		Focus:           trafilatura.FavorRecall,
		HtmlDateMode:    trafilatura.Disabled,
		Deduplicate:     false,
	})
	if err != nil || res == nil || res.ContentNode == nil {
		if err != nil {
			e.log.Debug("extract: trafilatura found nothing", "err", err)
		}
		return nil
	}
	return newWalker().blocks(res.ContentNode)
}

func (e *Extractor) readability(doc *html.Node, u *url.URL) []block {
	p := readability.NewParser()
	p.Logger = e.log
	art, err := p.ParseAndMutate(dom.Clone(doc, true), u)
	if err != nil || art.Node == nil {
		if err != nil {
			e.log.Debug("extract: readability found nothing", "err", err)
		}
		return nil
	}
	return newWalker().blocks(art.Node)
}

func words(bs []block) int {
	n := 0
	for _, b := range bs {
		n += wordCount(b.text)
	}
	return n
}
