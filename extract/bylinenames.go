package extract

import (
	"strings"
)

// A byline box prints more than the names: the writer's role ("Staff
// Writer", "(National Lead Writer)"), the outlet ("…, CNN"), a handle or
// an address to write to, the date ("on August 9, 2012"), names joined by
// "and" or by a CMS's ";". Readers, and Article.Byline, want the names:
// the rest differs by template and changes with every update.

// numericDateRE is a date in figures ("19/10/12", "14 November", "2012"),
// not any number ("7 Hours Ago").
const numericDateRE = `\d{1,4}[./-]\d|\d{1,2}(st|nd|rd|th)?\s+(` + monthRE + `)|(19|20)\d\d\b`

var (
	// bylineDate opens a dateline after the names: "on August 9, 2012",
	// "posted Nov 13th 2012", "on Tuesday", "Monday, February 29, 2016".
	bylineDate = lazyCompile(`(?i)[\s,|]+(((on|posted( on)?|published( on)?|updated( on)?)\s+)(` + weekdayRE + `)\.?,?(\s|$)|(((on|posted( on)?|published( on)?|updated( on)?)\s+)?((` + weekdayRE + `)\.?,?\s+)?((` + monthRE + `)\.?\s+\d|` + numericDateRE + `)))`)
	// dateFirst is a byline box that starts with the date, the names
	// after a "by": "Aug 09 1:44p by Andy Hutchins".
	dateFirst = lazyCompile(`(?i)^((` + weekdayRE + `)\.?,?\s|(` + monthRE + `)\.?\s+\d|\d)`)
	// bylineContact is an e-mail address or an account handle.
	bylineContact = lazyCompile(`(?i)(^|\s)(mailto:)?<?[\w.+-]+@[\w-]+\.[\w.-]+>?|(^|\s)@\w+`)
	// commentAuthor is how a comment thread prints its writer ("Devin
	// says:"): a comment's author, never the article's.
	commentAuthor = lazyCompile(`(?i)\s(says|said|wrote)\s*:?$`)
	// bylinePart separates the parts of a byline box.
	bylinePart = lazyCompile(`[\s\x{00A0}]*(;|,|[\s\x{00A0}][|\-–—][\s\x{00A0}])[\s\x{00A0}]*`)
	// roleWord marks a part that is a job title rather than a name.
	roleWord = lazyCompile(`(?i)\b(editors?|writers?|reporters?|correspondents?|contributors?|contributing|columnists?|producers?|journalists?|staff|analysts?|critic|chief|intern|bloggers?|photographers?|special to|rédacteur|rédactrice|journaliste|envoyée? spéciale?|redakteur(in)?|korrespondent(in)?|periodista|corresponsal|redactora?)\b`)
	// wireAgency names the news agencies whose name follows a writer's.
	wireAgency = lazyCompile(`(?i)^(the )?(associated press|ap|afp|reuters|bloomberg|dpa|efe|ansa|upi|press association|pa|agence france-presse)$`)
	// nameAnd joins two names: "Ann Lee and Bo Diaz".
	nameAnd = lazyCompile(`\s+(and|&|und|et|y|e)\s+`)
)

// bylineNames reduces a byline to its names: the first part always stays,
// a later part goes when it is a role, the site's own name (isSite) or a
// news agency, and parts in parentheses that hold a role or an address
// go too. "Ann Lee and Bo Diaz" becomes "Ann Lee, Bo Diaz", the way a
// list of authors is written (see joinAuthors).
func bylineNames(s string, isSite func(string) bool) string {
	if s == "" {
		return ""
	}
	// "Monday, November 12, 2012, by Matthew Kang": the date came first.
	if i := strings.Index(strings.ToLower(s), " by "); i > 0 && (dateFirst.MatchString(s) || isTimestampLine(strings.Trim(s[:i], " ,|"))) {
		s = s[i+len(" by "):]
	}
	if loc := bylineDate.FindStringIndex(s); loc != nil && loc[0] > 0 {
		if s = s[:loc[0]]; formLabel.MatchString(s) || dateLead[strings.ToLower(strings.Fields(s)[0])] {
			return "" // "Last Updated: January 7, 2025" dates the page, names no one
		}
	}
	if c := strings.TrimSpace(bylineContact.ReplaceAllString(s, "")); c != "" {
		s = c
	}
	s = dropParenthetical(s)
	var keep []string
	changed := strings.Contains(s, ";")
	for i, p := range bylinePart.Split(s, -1) {
		p = strings.Trim(p, " ,;|-–—\u00a0")
		if p == "" {
			continue
		}
		if i > 0 && notAName(p, isSite) {
			changed = true
			continue
		}
		q := withoutOutletLead(p)
		names := splitNames(q)
		changed = changed || len(names) > 1 || q != p
		keep = append(keep, names...)
	}
	if !changed || len(keep) == 0 {
		return strings.Trim(s, " ,;|-–—\u00a0")
	}
	return strings.Join(keep, ", ")
}

// notAName reports a part of a byline box after the first that names no
// writer: a role, the site, a news agency, a host ("Goal.com"), a
// publication ("The Wall Street Journal") or a timestamp.
func notAName(p string, isSite func(string) bool) bool {
	return roleWord.MatchString(p) || isSite(p) || wireAgency.MatchString(p) || hostName.MatchString(p) ||
		strings.HasPrefix(p, "The ") || outletEnd.MatchString(p) || isTimestampLine(p)
}

// outletEnd is the last word of a publication's name ("NBC News", "Us
// Weekly", "Sunday Times"), which a person's name does not end with.
var outletEnd = lazyCompile(`(?i)\b(news|times|post|journal|herald|press|media|tribune|gazette|magazine|daily|weekly|online|network|radio|tv)$`)

// withoutOutletLead drops the outlet that owns the writer ("NBC's Kristen
// Welker", "NBC News' Akbar Shinwari"): a possessive before at least two
// name words.
func withoutOutletLead(p string) string {
	ws := strings.Fields(p)
	for i, w := range ws[:max(len(ws)-2, 0)] {
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’") {
			return strings.Join(ws[i+1:], " ")
		}
	}
	return p
}

// hostName is a part that is a web address rather than a name.
var hostName = lazyCompile(`(?i)^(www\.)?[\w-]+(\.[\w-]+)*\.(com|net|org|info|co|io|news|tv|fm|[a-z]{2})$`)

// dropParenthetical removes "(…)" parts that hold a role or an address:
// "Dan Levy (National Lead Writer)", "Bradley M. Kuhn (http://…)". Other
// parentheses are part of how the writer is named ("Bruno (Henrique)
// Rodrigues") and stay.
func dropParenthetical(s string) string {
	for {
		i := strings.Index(s, "(")
		j := strings.Index(s, ")")
		if i <= 0 || j < i {
			return s
		}
		in := s[i+1 : j]
		if !roleWord.MatchString(in) && !strings.Contains(in, "://") && !strings.Contains(in, "@") {
			return s
		}
		s = strings.TrimSpace(s[:i] + " " + s[j+1:])
	}
}

// splitNames splits "Ann Lee and Bo Diaz" into its two names when both
// sides are a run of at least two name words; "Mac & i", "Simon and
// Schuster" or "Ann and Bo Lee" stay whole.
func splitNames(p string) []string {
	sides := nameAnd.Split(p, -1)
	if len(sides) < 2 {
		return []string{p}
	}
	for _, side := range sides {
		ws := strings.Fields(side)
		if len(ws) < 2 {
			return []string{p}
		}
		for _, w := range ws {
			if !nameWord(w) {
				return []string{p}
			}
		}
	}
	return sides
}
