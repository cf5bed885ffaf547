package web

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// ChangeFilter narrows RecentChanges. The zero value asks for every change
// of every story.
type ChangeFilter struct {
	// Story, when non-zero, keeps only that story's changes; an unknown
	// story is an error wrapping redline.ErrStoryNotFound, so a page or a
	// feed for it can answer 404 rather than an empty list.
	Story redline.StoryID
	// Tag keeps stories carrying this tag (compared as tags are stored:
	// trimmed and lower-cased).
	Tag string
	// Site keeps stories whose URL is on this host (see StorySite).
	Site string
	// Limit caps the result at the newest Limit changes; 0 or less keeps
	// all of them.
	Limit int
}

// ChangeItem is one edit of one story: version From → version To.
type ChangeItem struct {
	Story redline.Story
	From  int
	To    int
	// At is when version To was fetched.
	At time.Time
	// Headline is version To's headline; OldHeadline is From's, so a
	// title can say what it was when it changed.
	Headline    string
	OldHeadline string
	// Summary is diff.Diff.Summary of the change: "headline changed;
	// +12 −3 words; 1 paragraph added".
	Summary string
	// RevertOf is set when To restores an earlier version exactly.
	RevertOf int
	// Hash is version To's content hash, which makes the change's
	// identity independent of this database's story numbering.
	Hash string
	// Diff is the comparison itself, kept so that a feed can render it
	// without reading both versions again.
	Diff diff.Diff
}

// HeadlineChanged reports whether the change rewrote the headline.
func (c ChangeItem) HeadlineChanged() bool {
	f, ok := c.Diff.Field(diff.FieldHeadline)
	return ok && f.Changed
}

// RecentChanges lists the edits fetched at or after since, newest first,
// for the Changes page, the change feeds and GET /api/v1/changes.
//
// A change is a version with a version before it: a story's first version
// is its first reading, not an edit, and a re-read version (redline
// reading an unchanged page differently) is no edit either. An edit that
// follows a re-read is diffed against that re-read, which is why the
// tracker stores it, so the diff holds only the publisher's words.
//
// Stories whose LastChanged is before since are skipped from the story
// list alone, without reading any versions, so a desk of 10,000 mostly
// quiet stories costs one listing plus the few that moved; and only the
// newest Limit changes have their versions read and compared: with a
// Limit, the stories are read most recently changed first, and reading
// stops once no further story can hold one of the newest Limit changes.
func RecentChanges(ctx context.Context, svc redline.Service, since time.Time, f ChangeFilter) ([]ChangeItem, error) {
	items, err := recentChangeRefs(ctx, svc, since, f)
	if err != nil {
		return nil, err
	}
	for i := range items {
		if err := compareItem(ctx, svc, &items[i]); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// recentChangeRefs is RecentChanges without the comparisons: which
// changes there are, from the story list and the histories of the stories
// that moved. A feed derives its ETag from these, so a reader polling an
// unchanged feed costs no diff.
func recentChangeRefs(ctx context.Context, svc redline.Service, since time.Time, f ChangeFilter) ([]ChangeItem, error) {
	stories, err := changeCandidates(ctx, svc, f)
	if err != nil {
		return nil, err
	}
	tag := strings.ToLower(strings.TrimSpace(f.Tag))
	site := normalSite(f.Site)
	stories = slices.DeleteFunc(stories, func(st redline.Story) bool {
		return st.Versions < 2 || st.LastChanged.Before(since) ||
			tag != "" && !slices.Contains(st.Tags, tag) ||
			site != "" && StorySite(st) != site
	})
	// Most recently changed first: a story's LastChanged bounds the time of
	// every change it holds, so once Limit changes are found, a story that
	// last changed before the oldest of them cannot add one, nor can any
	// story after it.
	slices.SortFunc(stories, func(a, b redline.Story) int {
		return cmp.Or(b.LastChanged.Compare(a.LastChanged), cmp.Compare(b.ID, a.ID))
	})
	var (
		items     []ChangeItem
		threshold time.Time
	)
	for _, st := range stories {
		if !threshold.IsZero() && st.LastChanged.Before(threshold) {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("web: recent changes: %w", err)
		}
		lg, err := svc.Log(ctx, st.ID, false)
		if err != nil {
			return nil, fmt.Errorf("web: recent changes: story %d: %w", st.ID, err)
		}
		for i := len(lg.Versions) - 1; i > 0; i-- {
			v, prev := lg.Versions[i], lg.Versions[i-1]
			if v.FetchedAt.Before(since) {
				break
			}
			if v.Reread {
				continue
			}
			items = append(items, ChangeItem{
				Story: lg.Story, From: prev.N, To: v.N, At: v.FetchedAt, Hash: v.Hash,
				Headline: v.Headline, OldHeadline: prev.Headline, RevertOf: v.RevertOf,
			})
		}
		if f.Limit > 0 && len(items) >= f.Limit {
			sortChanges(items)
			items = items[:f.Limit]
			threshold = items[f.Limit-1].At
		}
	}
	sortChanges(items)
	return items, nil
}

// sortChanges puts the newest first; story and version break ties so that
// a feed lists the same entries in the same order on every request.
func sortChanges(items []ChangeItem) {
	slices.SortFunc(items, func(a, b ChangeItem) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.Story.ID, a.Story.ID), cmp.Compare(b.To, a.To))
	})
}

// changeCandidates is the one story asked for, or every story.
func changeCandidates(ctx context.Context, svc redline.Service, f ChangeFilter) ([]redline.Story, error) {
	if f.Story == 0 {
		stories, err := svc.Stories(ctx)
		if err != nil {
			return nil, fmt.Errorf("web: recent changes: %w", err)
		}
		return stories, nil
	}
	st, err := svc.Story(ctx, strconv.FormatUint(uint64(f.Story), 10))
	if err != nil {
		return nil, fmt.Errorf("web: recent changes: %w", err)
	}
	return []redline.Story{st}, nil
}

func compareItem(ctx context.Context, svc redline.Service, it *ChangeItem) error {
	from, err := svc.Version(ctx, it.Story.ID, it.From)
	if err != nil {
		return fmt.Errorf("web: recent changes: %w", err)
	}
	to, err := svc.Version(ctx, it.Story.ID, it.To)
	if err != nil {
		return fmt.Errorf("web: recent changes: %w", err)
	}
	it.Diff = diff.Compare(from.Article, to.Article)
	it.Summary = it.Diff.Summary()
	return nil
}

// StorySite is the host a story is filed under for ?site= filters: the
// host of the URL it was tracked with, lower-cased, without a leading
// "www.", so example.com and www.example.com are one site.
func StorySite(st redline.Story) string {
	u, err := url.Parse(st.URL)
	if err != nil {
		return ""
	}
	return normalSite(u.Hostname())
}

func normalSite(host string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(host)), "www.")
}
