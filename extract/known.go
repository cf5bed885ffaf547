package extract

import (
	"strings"

	"github.com/redline-news/redline"
)

// Known is what the caller knows about the page's site that the page
// itself does not say. The extractor has no store; the tracker fills this
// from the stories it tracks on the same host.
type Known struct {
	// Headlines are the headlines of other stories on the page's host. A
	// block whose whole text is one of them, between or after the
	// paragraphs, is a link to that story, not this story's text: sites
	// drop them in at a different place on every request.
	Headlines []string
}

// with returns a copy of e that drops the known headlines. Copying is
// cheap (slices and pointers) and leaves e safe for concurrent use.
func (e *Extractor) with(k Known) *Extractor {
	if len(k.Headlines) == 0 {
		return e
	}
	c := *e
	c.known = make(map[string]bool, len(k.Headlines))
	c.knownLen = 0
	for _, h := range k.Headlines {
		if key := headlineKey(h); key != "" {
			c.known[key] = true
			c.knownLen = max(c.knownLen, len(key))
		}
	}
	return &c
}

// headlineKey folds case and typography, so a headline printed in capitals
// or with other quotes still matches.
// headlineKey folds typography too: stored headlines are as published
// (curly quotes) or, from older releases, folded, and a page may print
// either.
func headlineKey(s string) string { return strings.ToLower(redline.Fold(Normalize(s))) }

// isKnownHeadline reports a block that is another story's headline: the
// page's own headline is left to the repeats-headline rule.
func (e *Extractor) isKnownHeadline(text, own string) bool {
	if len(e.known) == 0 {
		return false
	}
	folded := redline.Fold(Normalize(text))
	if !isASCII(folded) {
		k := strings.ToLower(folded)
		return e.known[k] && k != headlineKey(own)
	}
	// Lower-casing ASCII keeps the length, so a block longer than every
	// known key (a paragraph, nearly always) cannot be one, and a shorter
	// one is lowered into a buffer that the map lookup does not copy: this
	// runs on every block of every check.
	if len(folded) > e.knownLen {
		return false
	}
	var arr [128]byte
	k := append(arr[:0], folded...)
	for i, c := range k {
		if 'A' <= c && c <= 'Z' {
			k[i] = c + 'a' - 'A'
		}
	}
	return e.known[string(k)] && string(k) != headlineKey(own)
}

// isKnownBlock is isKnownHeadline for a block clean has readied: its text
// is normalized, folded and lowered already, which is the key.
func (e *Extractor) isKnownBlock(b block, own string) bool {
	if b.low.b == nil {
		return e.isKnownHeadline(b.text, own)
	}
	if len(e.known) == 0 || len(b.low.b) > e.knownLen {
		return false
	}
	return e.known[string(b.low.b)] && string(b.low.b) != headlineKey(own)
}

// ExtractKnown is Extract with what the caller knows about the site.
func (e *Extractor) ExtractKnown(page []byte, pageURL string, k Known) (redline.Article, error) {
	return e.with(k).Extract(page, pageURL)
}

// ExtractKnownWithHint is ExtractWithHint with what the caller knows about
// the site.
func (e *Extractor) ExtractKnownWithHint(page []byte, pageURL, hint string, k Known) (redline.Article, string, error) {
	return e.with(k).ExtractWithHint(page, pageURL, hint)
}
