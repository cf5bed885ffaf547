package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// mailView is what both parts of a mail show, computed once so the text
// and HTML parts cannot disagree.
type mailView struct {
	Subject     string
	Title       string
	Sections    []section
	Why         string
	UnsubURL    string
	UnsubMailto string
}

type storyView struct {
	ID        redline.StoryID
	Headline  string
	URL       string
	Site      string
	Summary   string
	Versions  string
	Permalink string
	Diff      diff.Diff
}

func newStoryView(c Change, loc *time.Location, base string) storyView {
	return storyView{
		ID:        c.Story,
		Headline:  headlineOf(c),
		URL:       c.URL,
		Site:      oneLine(c.Site),
		Summary:   summaryLine(c),
		Versions:  versionsLine(c, loc),
		Permalink: c.Permalink(base),
		Diff:      c.Diff,
	}
}

func mailTitle(sub Subscriber, n int, now time.Time) string {
	t := plural(n, "story", "stories") + " updated"
	if sub.Cadence.Digest() {
		t = digestName(sub.Cadence) + ", " + digestDate(sub.Cadence, now) + ": " + t
	}
	return t
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
