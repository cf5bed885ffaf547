package extract

import (
	"regexp"
	"strings"
)

// developingMarkers are the built-in phrases that mark a story as still
// developing. "BREAKING" only counts in capitals: "breaking" is an ordinary
// word in ordinary sentences.
var developingMarkers = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\bthis is a (developing|breaking)( news)? story\b`),
	regexp.MustCompile(`(?i)\bthis (story|article|report|post|page) is (still )?developing\b`),
	regexp.MustCompile(`(?i)\b(story|article|report|post|page|this) (will|is going to|may|could) (be|continue to be) updated\b`),
	regexp.MustCompile(`(?i)\bwill be updated (as|with|when|throughout)\b`),
	regexp.MustCompile(`(?i)\b(check back|refresh) (later |soon )?for (more |further )?updates\b`),
	regexp.MustCompile(`(?i)\blive (updates|coverage|blog)\b`),
	regexp.MustCompile(`(?i)^\W*(developing( story)?|live|breaking( news)?|just in)\s*[:|–—-]`),
	regexp.MustCompile(`\bBREAKING\b`),
	regexp.MustCompile(`(?i)\bbreaking news\b`),
}

// developingSentence matches the marker lines that are written into the
// article body; they are article text, so no noise rule may drop them.
var developingSentence = regexp.MustCompile(`(?i)\b(developing (news )?story|story is (still )?developing|(will|is going to|may|could) (be|continue to be) updated|check back (later |soon )?for)\b`)

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
	low := strings.ToLower(s)
	for _, m := range e.markers {
		if strings.Contains(low, m) {
			return true
		}
	}
	if !mayMark(low) {
		return false
	}
	for _, rx := range developingMarkers {
		if rx.MatchString(s) {
			return true
		}
	}
	return false
}

// isDevelopingSentence reports marker lines written into the body.
func isDevelopingSentence(s string) bool {
	return mayMark(strings.ToLower(s)) && developingSentence.MatchString(s)
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
