package report

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// Change is one story's change to report: the versions on each side and
// the diff between them. From.N is 0 when To is the story's first version.
type Change struct {
	Story redline.StoryID
	URL   string
	// Site is the story's host, lower-cased, for Follow.Sites.
	Site string
	Tags []string
	// Headline is the headline of the newer version.
	Headline string
	From, To redline.Version
	Diff     diff.Diff
}

// NewChange builds the change between two versions of a story, diffing
// them, so callers cannot pass a diff that belongs to other versions.
func NewChange(s redline.Story, from, to redline.Version) Change {
	return Change{
		Story:    s.ID,
		URL:      s.URL,
		Site:     siteOf(s.URL),
		Tags:     slices.Clone(s.Tags),
		Headline: to.Article.Headline,
		From:     from,
		To:       to,
		Diff:     diff.Compare(from.Article, to.Article),
	}
}

// DetectedAt is when the change was seen: the fetch of the newer version.
func (c Change) DetectedAt() time.Time { return c.To.FetchedAt }

// HeadlineChanged reports whether the headline differs between the versions.
func (c Change) HeadlineChanged() bool {
	f, ok := c.Diff.Field(diff.FieldHeadline)
	return ok && f.Changed
}

// validate refuses a change that would make a wrong permalink or a
// Message-ID that collides with another change set.
func (c Change) validate() error {
	switch {
	case c.Story == 0:
		return fmt.Errorf("report: change %q: no story id", c.URL)
	case c.To.N <= 0 || c.From.N < 0 || c.From.N >= c.To.N:
		return fmt.Errorf("report: change of story %d: versions %d → %d are not in order", c.Story, c.From.N, c.To.N)
	}
	return nil
}

// Permalink is the web diff of the change under base, the path the web UI
// serves: {base}/stories/{id}/diff/{from}/{to}.
func (c Change) Permalink(base string) string {
	return strings.TrimRight(base, "/") + "/stories/" + strconv.FormatUint(uint64(c.Story), 10) +
		"/diff/" + strconv.Itoa(c.From.N) + "/" + strconv.Itoa(c.To.N)
}

// Coalesce merges the changes of each story into one, from the oldest
// From to the newest To, so a burst of edits to one story is one section
// of one mail. Merged changes are diffed again; a story's lone change is
// kept as it is. The result is ordered by story ID.
func Coalesce(changes []Change) []Change {
	return coalesce(changes, func(from, to redline.Version) diff.Diff { return diff.Compare(from.Article, to.Article) })
}

// coalesce is Coalesce with the diffing of merged changes left to the
// caller, so a Composer can diff a burst once for all its readers.
func coalesce(changes []Change, compare func(from, to redline.Version) diff.Diff) []Change {
	byStory := make(map[redline.StoryID][]Change)
	for _, c := range changes {
		byStory[c.Story] = append(byStory[c.Story], c)
	}
	out := make([]Change, 0, len(byStory))
	for _, cs := range byStory {
		if len(cs) == 1 {
			out = append(out, cs[0])
			continue
		}
		first := slices.MinFunc(cs, func(a, b Change) int { return cmp.Compare(a.From.N, b.From.N) })
		last := slices.MaxFunc(cs, func(a, b Change) int { return cmp.Compare(a.To.N, b.To.N) })
		m := last
		m.From = first.From
		m.Diff = compare(first.From, last.To)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Change) int { return cmp.Compare(a.Story, b.Story) })
	return out
}

func siteOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
