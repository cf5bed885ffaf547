package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline/diff"
)

// mailView is what both parts of a mail show, computed once so the text
// and HTML parts cannot disagree.
type mailView struct {
	Subject     string
	Title       string
	Stories     []storyView
	Why         string
	UnsubURL    string
	UnsubMailto string
	Headlines   bool // HeadlinesOnly: no word diffs
}

type storyView struct {
	Headline  string
	URL       string
	Site      string
	Summary   string
	Versions  string
	Permalink string
	Diff      diff.Diff
}

// diffOptions fold unchanged paragraphs to one of context on each side;
// added paragraphs are shown whole.
var diffOptions = diff.RenderOptions{Context: 1}

func newView(sub Subscriber, cs []Change, mo mailOptions) mailView {
	now := mo.Now()
	v := mailView{
		Subject:     subject(sub.Cadence, cs, now),
		Why:         why(sub),
		UnsubURL:    mo.UnsubscribeURL,
		UnsubMailto: mo.UnsubscribeMailto,
		Headlines:   sub.HeadlinesOnly,
	}
	v.Title = plural(len(cs), "story", "stories") + " updated"
	if sub.Cadence.Digest() {
		v.Title = digestName(sub.Cadence) + ", " + digestDate(sub.Cadence, now) + ": " + v.Title
	}
	for _, c := range cs {
		v.Stories = append(v.Stories, storyView{
			Headline:  headlineOf(c),
			URL:       c.URL,
			Site:      oneLine(c.Site),
			Summary:   summaryLine(c),
			Versions:  versionsLine(c, sub.Location),
			Permalink: c.Permalink(mo.base),
			Diff:      c.Diff,
		})
	}
	return v
}

// summaryLine is diff.Summary, plus that a story is new to redline.
func summaryLine(c Change) string {
	s := c.Diff.Summary()
	if c.From.N == 0 {
		return "new story; " + s
	}
	return s
}

func versionsLine(c Change, loc *time.Location) string {
	stamp := func(n int, t time.Time) string {
		if t.IsZero() {
			return "version " + strconv.Itoa(n)
		}
		return "version " + strconv.Itoa(n) + " (" + t.In(loc).Format("2 Jan 15:04 MST") + ")"
	}
	if c.From.N == 0 {
		return stamp(c.To.N, c.To.FetchedAt)
	}
	return stamp(c.From.N, c.From.FetchedAt) + " → " + stamp(c.To.N, c.To.FetchedAt)
}

// why tells the reader what they follow, so a mail they did not expect
// explains itself.
func why(sub Subscriber) string {
	f := sub.Follow
	var what []string
	if f.All {
		what = append(what, "all tracked stories")
	}
	list := func(label string, vals []string) {
		if len(vals) > 0 {
			what = append(what, label+" "+strings.Join(vals, ", "))
		}
	}
	list("stories", f.Stories)
	list("tags", f.Tags)
	list("sites", f.Sites)
	list("keywords", f.Keywords)
	s := fmt.Sprintf("You get this mail because %s follows %s", sub.Email, strings.Join(what, "; "))
	if f.HeadlinesOnly {
		s += " (headline changes only)"
	}
	switch sub.Cadence.Kind {
	case Immediate:
		s += ", as alerts"
	case Hourly:
		s += ", as an hourly digest"
	case Daily:
		s += fmt.Sprintf(", as a daily digest at %02d:%02d", sub.Cadence.Hour, sub.Cadence.Minute)
	case Weekly:
		s += fmt.Sprintf(", as a weekly digest on %ss at %02d:%02d", sub.Cadence.Weekday, sub.Cadence.Hour, sub.Cadence.Minute)
	}
	return s + ", on redline."
}

// diffHTML is the inline-styled diff, trusted by the template because
// diff.WriteHTML escapes every scraped string itself.
func diffHTML(d diff.Diff) (template.HTML, error) {
	var b strings.Builder
	if err := diff.WriteHTML(&b, d, diff.RenderOptions{Context: diffOptions.Context, InlineStyles: true}); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil //nolint:gosec // escaped by diff.WriteHTML
}
