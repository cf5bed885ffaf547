package extract

import (
	"strings"
)

var (
	// metaLead opens one item of a meta line.
	metaLead = lazyCompile(`(?i)^(last|updated|published|posted|modified|edited|first)$`)
	// metaCounter are the words of the counters a meta line carries.
	metaCounter = lazyCompile(`(?i)^(comments?|views?|shares?|reads?|likes?|reactions?|replies|min|mins|read|reading|time|words?)$`)
)

// isMetaLine reports the line of dates and counters CMSs print under a
// headline, however its items are laid out: "Published 7:29 a.m. ET ·
// Updated 4 hours ago · 235 comments", the same as spans without
// separators, or "Posted: Thursday, March 7 | 5 min read". Every word
// must be a date or time word, a lead ("Updated") or a counter word, and
// the line must have both a lead and a date or number, so a sentence
// ("Updated figures show 300 deaths") is never one.
func isMetaLine(s string) bool {
	if len(s) > 300 || !strings.ContainsAny(s, "0123456789") {
		return false
	}
	// This runs on every paragraph of every check: prose fails at its
	// first word, so the words are not split out beforehand.
	led, dated, n := false, false, 0
	for w := range strings.FieldsSeq(s) {
		if n++; n > 40 {
			return false
		}
		w = strings.Trim(w, ".,;:()[]")
		switch {
		case w == "":
		case metaLead.MatchString(w):
			led = true
		case metaCounter.MatchString(w):
		case timestampWord.MatchString(w) || zoneAbbrev.MatchString(w) || dateLead[strings.ToLower(w)]:
			if strings.EqualFold(w, "ago") || strings.ContainsAny(w, "0123456789") {
				dated = true
			}
		default:
			return false
		}
	}
	return led && dated && n >= 3
}
