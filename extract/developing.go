package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/redline-news/redline"
)

// developingMarkers are the built-in phrases that mark a story as still
// developing. "BREAKING" only counts in capitals: "breaking" is an ordinary
// word in ordinary sentences. Each comes with words it cannot match
// without (lower case, except for BREAKING): a text with none of them
// skips the expression, which keeps both paths fast on pages of thousands
// of "Update:" posts.
var developingMarkers = []struct {
	rx   *lazyRegexp
	keys []string
}{
	{lazyCompile(`(?i)\bthis is a (developing|breaking)( news)? story\b`), []string{"develop", "breaking"}},
	{lazyCompile(`(?i)\bthis (story|article|report|post|page) is (still )?developing\b`), []string{"develop"}},
	{lazyCompile(`(?i)\b(story|article|report|post|page|this) (will|is going to|may|could) (be|continue to be) updated\b`), []string{"updated"}},
	{lazyCompile(`(?i)\bwill be updated (as|with|when|throughout)\b`), []string{"updated"}},
	{lazyCompile(`(?i)\b(check back|refresh) (later |soon )?for (more |further )?updates\b`), []string{"updates"}},
	{lazyCompile(`(?i)\blive (updates|coverage|blog)\b`), []string{"live"}},
	{lazyCompile(`(?i)^\W*(developing( story)?|live|breaking( news)?|just in)\s*[:|–—-]`), []string{"develop", "live", "breaking", "just in"}},
	{lazyCompile(`\bBREAKING\b`), nil},
	{lazyCompile(`(?i)\bbreaking news\b`), []string{"breaking"}},
}

// developingSentence matches the marker lines that are written into the
// article body; they are article text, so no noise rule may drop them.
var developingSentence = lazyCompile(`(?i)\b(developing (news )?story|story is (still )?developing|(will|is going to|may|could) (be|continue to be) updated|check back (later |soon )?for)\b`)

// sentenceKeys are the words developingSentence cannot match without.
var sentenceKeys = []string{"develop", "updated", "check back"}

// markerKeys are words every built-in marker contains, each at the start
// of a word (after \b, or ^\W*); a text without any of them skips the
// regular expressions, which keeps the re-check path fast.
var markerKeys = []string{"develop", "updat", "breaking", "live", "check back", "refresh", "just in"}

// markerKeysAt holds markerKeys by their first byte.
var markerKeysAt = func() (at [256][][]byte) {
	for _, k := range markerKeys {
		at[k[0]] = append(at[k[0]], []byte(k))
	}
	return at
}()

// mayMark reports whether a marker key starts a word of s, in any case.
// It reads the text once for all the keys, and ASCII text, nearly all of
// it, without lowering it first: a search per key read every block of
// every check seven times, and the lowered copy was one more pass.
func mayMark(s string) bool {
	if !isASCII(s) {
		s = strings.ToLower(s)
	}
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		for _, k := range markerKeysAt[lowerASCII(s[i])] {
			if hasPrefixFoldASCII(s[i:], k) {
				return true
			}
		}
		for i < len(s) && isWordByte(s[i]) {
			i++
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s starts with key, lower case, in
// any case of its ASCII letters.
func hasPrefixFoldASCII(s string, key []byte) bool {
	if len(s) < len(key) {
		return false
	}
	for j, k := range key {
		if lowerASCII(s[j]) != k {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isWordByte reports a byte of \w, the only word characters \b knows.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isDeveloping reports whether s carries a built-in or configured marker.
func (e *Extractor) isDeveloping(s string) bool {
	s = redline.Fold(s)
	return e.developingIn(s, lower(s), mayMark(s))
}

// developingIn is isDeveloping for a folded text, already lowered, and
// whether mayMark holds for it.
func (e *Extractor) developingIn(s string, low lowered, marked bool) bool {
	if low.containsAny(e.markers) {
		return true
	}
	if !marked {
		return false
	}
	for _, m := range developingMarkers {
		if m.keys == nil && !strings.Contains(s, "BREAKING") || m.keys != nil && !low.containsAny(m.keys) {
			continue
		}
		if m.rx.MatchString(s) {
			return true
		}
	}
	return false
}

// lowered is a text as strings.ToLower would give it. The marker and
// noise tests look for a few lower-case words in every block of every
// check: comparing case-blind at every byte, once per word, was a seventh
// of an unchanged re-check, and a lower-cased copy per test was a copy of
// the body per test. So clean lowers a block at most once, into a buffer
// it reuses (see block.readied), and the tests search it with
// bytes.Contains.
type lowered struct{ b []byte }

// lowerInto lowers s into buf, reusing its memory.
func lowerInto(buf []byte, s string) lowered { return lowered{appendLower(buf[:0], s)} }

// appendLower appends s lower-cased to buf.
func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(buf, strings.ToLower(s)...)
		}
	}
	start := len(buf)
	buf = append(buf, s...)
	for i, c := range buf[start:] {
		buf[start+i] = lowerASCII(c)
	}
	return buf
}

// lower lowers a text that is not a block (a headline, a dek).
func lower(s string) lowered { return lowerInto(nil, s) }

// containsAny reports whether the lower-cased text contains any of keys,
// which are lower case.
func (l lowered) containsAny(keys []string) bool {
	for _, k := range keys {
		if bytes.Contains(l.b, []byte(k)) {
			return true
		}
	}
	return false
}

// isDevelopingSentence reports marker lines written into the body.
func isDevelopingSentence(s string) bool { return developingSentenceIn(s, lower(s)) }

// developingSentenceIn is isDevelopingSentence for a text already lowered.
func developingSentenceIn(s string, low lowered) bool {
	return low.containsAny(sentenceKeys) && developingSentence.MatchString(s)
}

// noteLine recognizes correction and editor's-note lines. They go to
// Article.Notes rather than the body, so an appended correction shows as
// its own change. "Update:" lines are not notes: in a developing story they
// are the news.
var noteLine = lazyCompile(`(?i)^\W*(` +
	`(correction|corrections|clarification|editor'?s'? note|note to readers)\s*(\([^)]*\))?\s*[:.—–-]` +
	`|an earlier version of this (story|article|report|post|piece)` +
	`|(this|the) (story|article|report|post|piece) (has been|was|have been) (updated|corrected|amended|revised|changed) (to|with|since|after)\b` +
	`|(this|the) (story|article|report|post|piece) (has been|was) corrected` +
	`)`)

func isNote(s string) bool { return firstWordStarts(s, "cenat") && noteLine.MatchString(s) }

// firstWordStarts reports whether the first of s's \w characters is one of
// letters (lower case) in either case: an expression anchored at ^\W* that
// starts every branch with a word cannot match otherwise, and refusing a
// paragraph by its first letter spares running it on every paragraph of
// every check.
func firstWordStarts(s, letters string) bool {
	for i := 0; i < len(s); i++ {
		if isWordByte(s[i]) {
			return strings.IndexByte(letters, lowerASCII(s[i])) >= 0
		}
	}
	return false
}

// noteLabel is a note's label printed on its own, with the sentence in the
// next block.
var noteLabel = lazyCompile(`(?i)^\W*(correction|corrections|clarification|editor'?s'? note|note to readers)\s*(\([^)]*\))?\s*[:.—–-]?\s*$`)

func isNoteLabel(s string) bool { return len(s) < 60 && noteLabel.MatchString(s) }
