package report

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-news/redline/diff"
)

// maxSubject keeps subjects readable in an inbox list; longer headlines
// are cut on a word.
const maxSubject = 120

// subject says what changed. changes are coalesced and in mail order.
func subject(c Cadence, changes []Change, now time.Time) string {
	n := len(changes)
	if c.Digest() {
		return fmt.Sprintf("%s, %s: %s updated", digestName(c), digestDate(c, now), plural(n, "story", "stories"))
	}
	if n > 1 {
		return fitSubject(plural(n, "story", "stories")+" updated: ", headlineOf(changes[0]), fmt.Sprintf(" and %d more", n-1))
	}
	ch := changes[0]
	if ch.HeadlineChanged() {
		return fitSubject("Headline changed: ", headlineOf(ch), "")
	}
	suffix := ""
	if s := sizeNote(ch.Diff); s != "" {
		suffix = " (" + s + ")"
	}
	return fitSubject("Updated: ", headlineOf(ch), suffix)
}

func digestName(c Cadence) string {
	switch c.Kind {
	case Hourly:
		return "Hourly digest"
	case Weekly:
		return "Weekly digest"
	}
	return "Daily digest"
}

func digestDate(c Cadence, now time.Time) string {
	t := now.In(c.loc())
	if c.Kind == Hourly {
		return t.Format("2 Jan 15:04")
	}
	return t.Format("2 Jan")
}

func (c Cadence) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// sizeNote is the size of a change in a few words for a subject:
// paragraphs added or removed, else words.
func sizeNote(d diff.Diff) string {
	added, removed := 0, 0
	for _, p := range d.Paragraphs {
		switch p.Op {
		case diff.ParagraphInsert:
			added++
		case diff.ParagraphDelete:
			removed++
		}
	}
	var parts []string
	if added > 0 {
		parts = append(parts, "+"+plural(added, "paragraph", "paragraphs"))
	}
	if removed > 0 {
		parts = append(parts, "-"+plural(removed, "paragraph", "paragraphs"))
	}
	if len(parts) == 0 && d.Added+d.Removed > 0 {
		parts = append(parts, plural(max(d.Added, d.Removed), "word", "words")+" changed")
	}
	return strings.Join(parts, ", ")
}

func headlineOf(c Change) string {
	if h := oneLine(c.Headline); h != "" {
		return h
	}
	return "(no headline)"
}

// fitSubject cuts the headline on a word so the whole subject stays
// within maxSubject characters.
func fitSubject(prefix, headline, suffix string) string {
	room := maxSubject - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(suffix)
	return prefix + cutWords(headline, room) + suffix
}

func cutWords(s string, room int) string {
	if utf8.RuneCountInString(s) <= room {
		return s
	}
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl+1 > room {
			break
		}
		if n == 0 && wl+1 > room {
			r := []rune(w)
			return string(r[:max(room-1, 0)]) + "…"
		}
		if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += wl
	}
	return b.String() + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
