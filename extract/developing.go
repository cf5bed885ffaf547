package extract

import (
	"regexp"
	"strings"

	"github.com/redline-news/redline"
)

// developingMarkers are the built-in phrases that mark a story as still
// developing. "BREAKING" only counts in capitals: "breaking" is an ordinary
// word in ordinary sentences. Each comes with words it cannot match
// without (lower case, except for BREAKING): a text with none of them
// skips the expression, which keeps both paths fast on pages of thousands
// of "Update:" posts.
var developingMarkers = []struct {
	rx   *regexp.Regexp
	keys []string
}{
	{regexp.MustCompile(`(?i)\bthis is a (developing|breaking)( news)? story\b`), []string{"develop", "breaking"}},
	{regexp.MustCompile(`(?i)\bthis (story|article|report|post|page) is (still )?developing\b`), []string{"develop"}},
	{regexp.MustCompile(`(?i)\b(story|article|report|post|page|this) (will|is going to|may|could) (be|continue to be) updated\b`), []string{"updated"}},
	{regexp.MustCompile(`(?i)\bwill be updated (as|with|when|throughout)\b`), []string{"updated"}},
	{regexp.MustCompile(`(?i)\b(check back|refresh) (later |soon )?for (more |further )?updates\b`), []string{"updates"}},
	{regexp.MustCompile(`(?i)\blive (updates|coverage|blog)\b`), []string{"live"}},
	{regexp.MustCompile(`(?i)^\W*(developing( story)?|live|breaking( news)?|just in)\s*[:|–—-]`), []string{"develop", "live", "breaking", "just in"}},
	{regexp.MustCompile(`\bBREAKING\b`), nil},
	{regexp.MustCompile(`(?i)\bbreaking news\b`), []string{"breaking"}},
}

// developingSentence matches the marker lines that are written into the
// article body; they are article text, so no noise rule may drop them.
var developingSentence = regexp.MustCompile(`(?i)\b(developing (news )?story|story is (still )?developing|(will|is going to|may|could) (be|continue to be) updated|check back (later |soon )?for)\b`)

// sentenceKeys are the words developingSentence cannot match without.
var sentenceKeys = []string{"develop", "updated", "check back"}

// markerKeys are words every built-in marker contains; a text without any
// of them skips the regular expressions, which keeps the re-check path fast.
var markerKeys = []string{"develop", "updat", "breaking", "live", "check back", "refresh", "just in"}

func mayMark(low string) bool {
	for _, k := range markerKeys {
		if strings.Contains(low, k) {
			return true
		}
	}
	return false
}

// isDeveloping reports whether s carries a built-in or configured marker.
func (e *Extractor) isDeveloping(s string) bool {
	s = redline.Fold(s)
	low := strings.ToLower(s)
	for _, m := range e.markers {
		if strings.Contains(low, m) {
			return true
		}
	}
	if !mayMark(low) {
		return false
	}
	for _, m := range developingMarkers {
		if m.keys == nil && !strings.Contains(s, "BREAKING") || m.keys != nil && !containsAny(low, m.keys) {
			continue
		}
		if m.rx.MatchString(s) {
			return true
		}
	}
	return false
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// isDevelopingSentence reports marker lines written into the body.
func isDevelopingSentence(s string) bool {
	return containsAny(strings.ToLower(s), sentenceKeys) && developingSentence.MatchString(s)
}

// noteLine recognizes correction and editor's-note lines. They go to
// Article.Notes rather than the body, so an appended correction shows as
// its own change. "Update:" lines are not notes: in a developing story they
// are the news.
var noteLine = regexp.MustCompile(`(?i)^\W*(` +
	`(correction|corrections|clarification|editor'?s'? note|note to readers)\s*(\([^)]*\))?\s*[:.—–-]` +
	`|an earlier version of this (story|article|report|post|piece)` +
	`|(this|the) (story|article|report|post|piece) (has been|was|have been) (updated|corrected|amended|revised|changed) (to|with|since|after)\b` +
	`|(this|the) (story|article|report|post|piece) (has been|was) corrected` +
	`)`)

func isNote(s string) bool { return noteLine.MatchString(s) }

// noteLabel is a note's label printed on its own, with the sentence in the
// next block.
var noteLabel = regexp.MustCompile(`(?i)^\W*(correction|corrections|clarification|editor'?s'? note|note to readers)\s*(\([^)]*\))?\s*[:.—–-]?\s*$`)

func isNoteLabel(s string) bool { return len(s) < 60 && noteLabel.MatchString(s) }
