package extract

import (
	"strings"
	"unicode"

	"github.com/redline-news/redline"
)

// reference is a generic extractor's text prepared for matching onto the
// page's blocks. The libraries rebuild paragraphs from the tree their own
// way: go-trafilatura drops the space between inline elements ("symptoms:When"),
// cuts a paragraph short at some inline markup, and splits at a <br> what
// the page holds as one <p>. So blocks are matched without their white
// space, and a block may be matched by the start of it or by the
// several paragraphs it is made of.
type reference struct {
	exact  map[string]bool
	joined string   // every key, each between "|"
	keys   []string // the keys of the long paragraphs
	total  int      // bytes of text, as given
}

// minMatchKey is the key length below which a block must equal a
// reference paragraph: "Share" or "Advertisement" occur inside real
// sentences too.
const minMatchKey = 20

// minPrefixKey is the length a cut-short reference paragraph needs to
// vouch for the block it begins: a sentence's opening words, not a label.
const minPrefixKey = 25

func newReference(ref []string) *reference {
	r := &reference{exact: make(map[string]bool, len(ref))}
	var j strings.Builder
	j.WriteByte('|')
	for _, p := range ref {
		r.total += len(p)
		k := matchKey(p)
		if k == "" {
			continue
		}
		r.exact[k] = true
		j.WriteString(k)
		j.WriteByte('|')
		if len(k) >= minMatchKey {
			r.keys = append(r.keys, k)
		}
	}
	r.joined = j.String()
	return r
}

// matchKey is the text folded and lowercased, without white space.
// Punctuation stays: a pull quote ("… it is safe.") that repeats a
// sentence of the body ("… it is safe,” she said") is not that sentence.
func matchKey(s string) string {
	s = redline.Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		if !unicode.IsSpace(c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// match decides whether a page block is article text: it equals a
// reference paragraph, lies inside one, mostly consists of one or of
// several, or begins with a long one the library cut short.
func (r *reference) match(t string) bool {
	k := matchKey(t)
	if k == "" {
		return false
	}
	if r.exact[k] {
		return true
	}
	if len(k) < minMatchKey {
		return false
	}
	if strings.Contains(r.joined, k) {
		return true
	}
	covered := 0
	for _, p := range r.keys {
		if len(p) > len(k) {
			continue
		}
		if len(p) >= minPrefixKey && strings.HasPrefix(k, p) {
			return true
		}
		if strings.Contains(k, p) {
			if covered += len(p); covered*2 >= len(k) {
				return true
			}
		}
	}
	return false
}
