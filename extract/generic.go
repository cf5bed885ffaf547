package extract

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/redline-news/redline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minBodyWords is the body size below which trafilatura's answer counts as
// "too little" and go-readability is asked as well.
const minBodyWords = 80

// generic finds the body with go-trafilatura, falling back to
// go-readability, and maps their answer back onto doc (see locate), so the
// body is always read from the page itself by the same walker the hint
// path uses. When the mapping fails, the extractor's own text is used and
// no hint is made.
func (e *Extractor) generic(doc *html.Node, pageURL string, b *budget) (pending, error) {
	u, _ := url.Parse(pageURL)
	if u != nil && !u.IsAbs() {
		u = nil
	}
	ref, path := e.trafilatura(doc, u), PathTrafilatura
	if err := b.check("trafilatura"); err != nil {
		return pending{}, err
	}
	if words(ref) < minBodyWords {
		alt := e.readability(doc, u)
		if err := b.check("readability"); err != nil {
			return pending{}, err
		}
		if words(alt) > words(ref) {
			ref, path = alt, PathReadability
		}
	}
	if len(ref) == 0 {
		return pending{path: path}, nil
	}
	texts := make([]string, len(ref))
	for i, b := range ref {
		texts[i] = b.text
	}
	cut := libraryCut(doc)
	loc, ok := locate(doc, texts, cut)
	if ok && path == PathTrafilatura && (inComments(loc.container) || loc.container.DataAtom == atom.Body) {
		// go-trafilatura sometimes takes a long comment thread for the
		// article, or its text is spread over the whole page; then
		// go-readability, asked second, usually finds the story.
		alt := e.readability(doc, u)
		if err := b.check("readability"); err != nil {
			return pending{}, err
		}
		altTexts := make([]string, len(alt))
		for i, b := range alt {
			altTexts[i] = b.text
		}
		if l, found := locate(doc, altTexts, cut); found && !inComments(l.container) && l.container.DataAtom != atom.Body {
			ref, path, texts, loc = alt, PathReadability, altTexts, l
		}
	}
	if ok && inComments(loc.container) {
		// Both took the thread: ask go-trafilatura again without it.
		alt := e.trafilaturaOn(withoutComments(libraryDoc(doc)), u)
		if err := b.check("trafilatura"); err != nil {
			return pending{}, err
		}
		altTexts := make([]string, len(alt))
		for i, b := range alt {
			altTexts[i] = b.text
		}
		if l, found := locate(doc, altTexts, cut); found && !inComments(l.container) {
			ref, path, texts, loc = alt, PathTrafilatura, altTexts, l
		}
	}
	switch {
	case !ok && cut != nil:
		// The extractors' own text ends at the cut: storing it would cut
		// the article short.
		return pending{}, fmt.Errorf("extract: %s: the body is not found in the part of the page the generic extractors can read in bounded time (%d of %d nodes): %w",
			pageURL, nodesBefore(doc, cut), countNodes(doc), redline.ErrPageTooComplex)
	case !ok:
		e.log.Debug("extract: cannot map body onto page", "url", pageURL, "path", path)
		return pending{blocks: ref, path: PathText}, nil
	}
	if path == PathTrafilatura && leavesProse(loc) {
		l, found, err := e.secondOpinion(doc, u, cut, b, loc)
		if err != nil {
			return pending{}, err
		}
		if found {
			path, loc = PathReadability, l
		}
	}
	blocks, unseen, skipped := loc.split()
	h := newContainerHint(doc, loc)
	if h != nil {
		h.Extra = e.keptTexts(unseen)
	}
	return pending{blocks: blocks, skipped: skipped, path: path, hint: h}, b.check("locate")
}

// split divides the container's blocks into those with an article
// signature and those with a signature never seen as article text;
// skipped furniture is returned for Explain. Developing-story sentences,
// correction notes, captions (each text once: a gallery repeats its
// credit line) and prose loose in the container (see looseProse) are
// article text whatever their signature, and so is the article's tail
// (see articleTail): whether a generic extractor happened to include
// such a line must not decide whether it is kept.
func (l location) split() (known, unseen []block, skipped []Dropped) {
	w := walkerFor(l.container)
	captions := make(map[string]bool)
	for _, b := range w.blocks(l.container) {
		caption := !l.sigs[b.sig] && isCaption(b, l.container) && !captions[b.text]
		if caption {
			captions[b.text] = true
		}
		if l.sigs[b.sig] || endMatter(b.text) || caption || looseProse(b) {
			known = append(known, b)
		} else {
			unseen = append(unseen, b)
		}
	}
	skipped = w.skipped
	for _, t := range articleTail(l.container) {
		known = append(known, w.blocks(t)...)
	}
	// Text left out for its place in the page must show in Explain too,
	// or a paragraph lost that way vanishes without a word.
	for _, b := range unseen {
		skipped = append(skipped, Dropped{Text: b.text, Rule: "not in the article's blocks " + b.sig})
	}
	return known, unseen, skipped
}

// endMatter reports the lines a story carries at its end that are article
// text though they are not paragraphs of the story: the developing marker
// and correction notes.
func endMatter(s string) bool { return isDevelopingSentence(s) || isNote(s) }

// articleTail returns the elements right after the container that hold
// nothing but end matter, such as a <div class="article-end"> with the
// "This is a developing story" line. CMSs often render those apart from
// the body, and the generic extractors include them only sometimes.
// Empty elements and furniture are passed over; the first element with
// other text ends the tail.
func articleTail(c *html.Node) []*html.Node {
	var tail []*html.Node
	w := containerWalker()
	for n := c.NextSibling; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || skipped(n) || isFurniture(n) {
			continue
		}
		bs := w.blocks(n)
		if len(bs) == 0 {
			continue
		}
		for _, b := range bs {
			if !endMatter(b.text) {
				return tail
			}
		}
		tail = append(tail, n)
	}
	return tail
}

func (e *Extractor) trafilatura(doc *html.Node, u *url.URL) []block {
	return e.trafilaturaOn(libraryDoc(doc), u)
}

// trafilaturaOn runs go-trafilatura on a copy of the page it may keep.
func (e *Extractor) trafilaturaOn(doc *html.Node, u *url.URL) []block {
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
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
	// go-readability reports routine progress at Info ("determined the
	// content container"), once per page: for redline that is debugging
	// detail, so it gets the logger only when debug records are wanted.
	if e.log.Enabled(context.Background(), slog.LevelDebug) {
		p.Logger = e.log
	}
	art, err := p.ParseAndMutate(libraryDoc(doc), u)
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
