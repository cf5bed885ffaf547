package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// joinAuthors writes a list of author names the way bylines print them:
// "A", "A and B", "A, B and C". Every path that builds a byline from a
// list uses it, so the same people always give the same string.
func joinAuthors(names []string) string {
	var clean []string
	for _, n := range names {
		if n = Normalize(n); n != "" {
			clean = append(clean, n)
		}
	}
	switch len(clean) {
	case 0:
		return ""
	case 1:
		return clean[0]
	}
	return strings.Join(clean[:len(clean)-1], ", ") + " and " + clean[len(clean)-1]
}

// bylineGlue are the words a byline uses between names.
var bylineGlue = map[string]bool{"and": true, "&": true, "with": true, "by": true}

// sameAuthors reports whether the visible byline vis names exactly the
// authors in names and nothing else: each name occurs in it, and what is
// left once they are removed is only separators ("," "and" "&" "with").
// A byline with a title, a date or a stranger in it does not qualify.
func sameAuthors(vis string, names []string) bool {
	if vis == "" || len(names) == 0 {
		return false
	}
	rest := strings.ToLower(vis)
	for _, n := range names {
		n = strings.ToLower(Normalize(n))
		if n == "" || !strings.Contains(rest, n) {
			return false
		}
		rest = strings.Replace(rest, n, " ", 1)
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';'
	}) {
		if !bylineGlue[w] {
			return false
		}
	}
	return true
}

// nameGlue are the lower-case words a run of names may contain.
var nameGlue = map[string]bool{
	"and": true, "&": true, "de": true, "da": true, "van": true, "von": true, "der": true,
	"den": true, "la": true, "le": true, "del": true, "di": true, "du": true, "bin": true,
	"al": true, "y": true, "dos": true,
}

// dateLead are the words that open a dateline, never part of a name.
var dateLead = map[string]bool{
	"posted": true, "published": true, "updated": true, "modified": true, "edited": true, "last": true,
}

// bylineLine recognizes a printed byline in the lead of the body: "By"
// and names, alone or followed by a dateline ("By Ann Lee Posted March
// 12, 2026 (Updated 5 minutes ago)"), and returns the names. The shortest
// run of names after which the rest is a timestamp wins, so the dateline
// never ends up in the byline. "By the numbers" or "By Monday, the city
// had ..." are not bylines: the words after "By" must be names.
func bylineLine(s string) (string, bool) {
	if wordCount(s) > 40 || len(s) < 4 || !strings.EqualFold(s[:3], "by ") {
		return "", false
	}
	toks := strings.Fields(s[3:])
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
	monthName = regexp.MustCompile(`^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)$`)
	yearWord  = regexp.MustCompile(`^(19|20)\d\d$`)
)
