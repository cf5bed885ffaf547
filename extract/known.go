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
	// Host, when set, stands for Headlines: every tracked headline on the
	// host, this story's own among them, keyed once for all its stories'
	// checks (see NewHeadlineSet). Own is this story's headline as
	// tracked, which Host counts once too many.
	Host *HeadlineSet
	Own  string
	// Latest is the hash (redline.Article.Hash) of the story's latest
	// version. An article that hashes to it is one the caller discards as
	// unchanged, so the work only a stored version needs is left out of
	// it: Published stays zero where structured data gives no date, where
	// go-htmldate's search of the whole page, a fifth of a re-check on
	// such a page, would have filled it in.
	Latest string
}

// HeadlineSet is a host's tracked headlines, keyed for lookup. Keying the
// other stories' headlines again for every check made a pass over one
// host's n stories cost n² keys: a newsroom tracks its own site.
type HeadlineSet struct {
	count  map[string]int // stories per headline key
	maxLen int            // the longest key, in bytes
}

// NewHeadlineSet keys headlines; it is safe for concurrent reading.
func NewHeadlineSet(headlines []string) *HeadlineSet {
	s := &HeadlineSet{count: make(map[string]int, len(headlines))}
	for _, h := range headlines {
		if key := headlineKey(h); key != "" {
			s.count[key]++
			s.maxLen = max(s.maxLen, len(key))
		}
	}
	return s
}

// knownSet is what an extraction looks known headlines up in: a host's
// set, less one story's own headline.
type knownSet struct {
	set *HeadlineSet
	own string // key of the headline the set counts once too many
}

// has reports whether key is another story's headline. It takes bytes,
// which the map lookup and the comparison read without a copy.
func (k knownSet) has(key []byte) bool {
	if k.set == nil {
		return false
	}
	n := k.set.count[string(key)]
	if string(key) == k.own {
		n--
	}
	return n > 0
}

// with returns a copy of e that drops the known headlines. Copying is
// cheap (slices and pointers) and leaves e safe for concurrent use.
func (e *Extractor) with(k Known) *Extractor {
	if k.Host == nil && len(k.Headlines) == 0 && k.Latest == "" {
		return e
	}
	c := *e
	switch {
	case k.Host != nil:
		c.known = knownSet{set: k.Host, own: headlineKey(k.Own)}
	case len(k.Headlines) > 0:
		c.known = knownSet{set: NewHeadlineSet(k.Headlines)}
	}
	c.latest = k.Latest
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
	if e.known.set == nil {
		return false
	}
	folded := redline.Fold(Normalize(text))
	if !isASCII(folded) {
		k := strings.ToLower(folded)
		return e.known.has([]byte(k)) && k != headlineKey(own)
	}
	// Lower-casing ASCII keeps the length, so a block longer than every
	// known key (a paragraph, nearly always) cannot be one, and a shorter
	// one is lowered into a buffer that the map lookup does not copy: this
	// runs on every block of every check.
	if len(folded) > e.known.set.maxLen {
		return false
	}
	var arr [128]byte
	k := appendLower(arr[:0], folded)
	return e.known.has(k) && string(k) != headlineKey(own)
}

// isKnownBlock is isKnownHeadline for a block clean has readied: its text
// is normalized and folded, and lowered where it is short, which is the
// key.
func (e *Extractor) isKnownBlock(b block, own string) bool {
	if b.low.b == nil {
		if e.known.set == nil || isASCII(b.text) && len(b.text) > e.known.set.maxLen {
			return false // a paragraph: lowering ASCII keeps its length
		}
		return e.isKnownHeadline(b.text, own)
	}
	if e.known.set == nil || len(b.low.b) > e.known.set.maxLen {
		return false
	}
	return e.known.has(b.low.b) && string(b.low.b) != headlineKey(own)
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
