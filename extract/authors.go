package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// joinAuthors writes a structured list of author names as one byline,
// "A, B, C", the way reader views write schema.org author lists. The list
// wins over the printed byline, whose wording ("A and B", "A with B")
// varies by template: every path that builds a byline from a list uses
// this, so the same people always give the same string.
func joinAuthors(names []string) string {
	var clean []string
	for _, n := range names {
		if n = Normalize(n); n != "" {
			clean = append(clean, n)
		}
	}
	return strings.Join(clean, ", ")
}

// people is names(v) without account handles: some CMSs fill a bare
// string author with the writer's login ("CC7567", "@jdoe"), which is not
// what readers see, so the byline falls through to the page's own.
func people(v any) []string {
	return slices.DeleteFunc(names(v), accountHandle)
}

// accountHandle reports whether s is a login rather than a name: one word
// that starts with "@" or holds a digit. A name never holds a digit, and a
// one-word name ("Staff", "Reuters") stays.
func accountHandle(s string) bool {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	return strings.HasPrefix(s, "@") || strings.ContainsFunc(s, unicode.IsDigit)
}

// nameGlue are the lower-case words a run of names may contain.
var nameGlue = map[string]bool{
	"and": true, "&": true, "de": true, "da": true, "van": true, "von": true, "der": true,
	"den": true, "la": true, "le": true, "del": true, "di": true, "du": true, "bin": true,
	"al": true, "y": true, "dos": true,
	// "and" in the languages whose "By" bylineLine reads.
	"und": true, "et": true, "e": true, "en": true, "och": true, "og": true,
}

// dateLead are the words that open a dateline, never part of a name.
var dateLead = map[string]bool{
	"posted": true, "published": true, "updated": true, "modified": true, "edited": true, "last": true,
}

// leadBy is "By" as bylines print it in English, German, French,
// Spanish and Portuguese, Dutch, Italian and the Scandinavian languages.
var leadBy = lazyCompile(`(?i)^(by|von|par|por|door|di|av|af)\s*:?\s+`)

// bylineLine recognizes a printed byline in the lead of the body: "By"
// (or "Von", "Par", "Por" ... see leadBy) and names, alone or followed by a dateline ("By Ann Lee Posted March
// 12, 2026 (Updated 5 minutes ago)"), and returns the names. The shortest
// run of names after which the rest is a timestamp wins, so the dateline
// never ends up in the byline. "By the numbers" or "By Monday, the city
// had ..." are not bylines: the words after "By" must be names.
func bylineLine(s string) (string, bool) {
	by := leadBy.FindString(s)
	if wordCount(s) > 40 || by == "" {
		return "", false
	}
	toks := strings.Fields(s[len(by):])
	for k := 1; k <= len(toks) && k <= 12; k++ {
		w := strings.TrimRight(toks[k-1], ",")
		if !nameWord(w) {
			return "", false
		}
		if nameGlue[strings.ToLower(w)] {
			continue // a run of names does not end on "and"
		}
		rest := strings.TrimLeft(strings.Join(toks[k:], " "), "|·•—–-,: ")
		if rest == "" {
			name := strings.TrimRight(strings.Join(toks[:k], " "), ",")
			if k == 1 && timestampWord.MatchString(strings.ToLower(name)) {
				return "", false // "By Monday"
			}
			return name, true
		}
		if f := strings.Trim(strings.Fields(rest)[0], ".,;:()"); nameWord(f) && !timestampWord.MatchString(strings.ToLower(f)) {
			continue // "By ANN LEE": "LEE" reads as a time zone, but it is a name
		}
		if isTimestampLine(rest) {
			return strings.TrimRight(strings.Join(toks[:k], " "), ","), true
		}
	}
	return "", false
}

// nameWord reports a word that can be part of a person's or an agency's
// name: capitalized ("Fairweather", "O'Brien", "J."), or a particle.
func nameWord(w string) bool {
	if w == "" || dateLead[strings.ToLower(w)] {
		return false
	}
	if nameGlue[strings.ToLower(w)] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isDateline reports a timestamp line that dates the article ("Posted
// March 12, 2026", "Updated 5 minutes ago") rather than a bare relative
// time such as a live-blog post's "12 min ago".
func isDateline(s string) bool {
	if !isTimestampLine(s) {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,;:()[]")
		if dateLead[w] || monthName.MatchString(w) || yearWord.MatchString(w) {
			return true
		}
	}
	return false
}

var (
	monthName = lazyCompile(`^(` + monthRE + `)$`)
	yearWord  = lazyCompile(`^(19|20)\d\d$`)
)
