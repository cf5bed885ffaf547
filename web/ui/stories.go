package ui

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redline-news/redline"
)

// storiesPerPage keeps the page quick at 10,000 stories: only the rows
// shown are drawn, and only their histories read for the strips.
const storiesPerPage = 50

// storyFilter is the stories page's query: ?tag=&site=&status=&q=&page=.
type storyFilter struct {
	Tag, Site, Status, Q string
	Page                 int
}

func parseStoryFilter(q url.Values) storyFilter {
	f := storyFilter{
		Tag:    strings.TrimSpace(q.Get("tag")),
		Site:   strings.ToLower(strings.TrimSpace(q.Get("site"))),
		Status: strings.TrimSpace(q.Get("status")),
		Q:      strings.TrimSpace(q.Get("q")),
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	return f
}

// query is the filter as a URL query, with page p.
func (f storyFilter) query(p int) string {
	v := url.Values{}
	for k, s := range map[string]string{"tag": f.Tag, "site": f.Site, "status": f.Status, "q": f.Q} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if p > 1 {
		v.Set("page", strconv.Itoa(p))
	}
	if len(v) == 0 {
		return "/stories"
	}
	return "/stories?" + v.Encode()
}

// statusOf is the status the desk reads: settled is an active story that
// is no longer marked developing, failing carries the last error.
func statusOf(st redline.Story) string {
	switch {
	case st.Status == redline.StatusActive && !st.Developing && st.Versions > 0:
		return "settled"
	case st.Status == "":
		return string(redline.StatusActive)
	}
	return string(st.Status)
}

// siteOf is the story's host without "www.", cut from the URL by hand:
// url.Parse for each of 10,000 stories was a fifth of the page's time, and
// stored URLs are canonical absolute http(s) URLs.
func siteOf(rawURL string) string {
	_, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			return strings.ToLower(rest[1:i])
		}
	} else if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimPrefix(strings.ToLower(rest), "www.")
}

// match applies the filter; site is siteOf(st.URL), computed once, and q
// the lower-cased text.
func (f storyFilter) match(st *redline.Story, site, q string) bool {
	if f.Tag != "" && !slices.Contains(st.Tags, f.Tag) {
		return false
	}
	if f.Site != "" && site != strings.TrimPrefix(f.Site, "www.") {
		return false
	}
	if f.Status != "" && statusOf(*st) != f.Status {
		return false
	}
	if q != "" && !containsFold(st.Headline, q) && !containsFold(st.URL, q) {
		return false
	}
	return true
}

// containsFold reports whether s contains the lower-case q, ignoring
// case, without lower-casing (and copying) s when it is plain ASCII.
func containsFold(s, q string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), q)
		}
	}
	for i := 0; i+len(q) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(q)], q) {
			return true
		}
	}
	return false
}

type storyRow struct {
	ID          redline.StoryID
	Headline    string
	URL         string
	Site        string
	Status      string
	LastError   string
	Tags        []string
	Versions    int
	LastChanged When
	NextCheck   When
	NextReason  string
	Due         bool // the next check is now or overdue
	Strip       strip
}

type storiesPage struct {
	Filter   storyFilter
	Rows     []storyRow
	Total    int // stories matching the filter
	All      int // stories tracked
	Page     int
	Pages    int
	Prev     string
	Next     string
	Tags     []string
	Sites    []string
	Statuses []string
}

var storyStatuses = []string{"active", "settled", "failing", "gone", "paused"}

func (h *Handler) storiesPage(w http.ResponseWriter, r *http.Request) {
	f := parseStoryFilter(r.URL.Query())
	if f.Status != "" && !slices.Contains(storyStatuses, f.Status) {
		h.fail(w, r, http.StatusBadRequest, "ui: stories: status "+strconv.Quote(f.Status)+" is not one of "+strings.Join(storyStatuses, ", "))
		return
	}
	all, err := h.svc.Stories(r.Context())
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	now := h.now()
	p := storiesPage{Filter: f, All: len(all), Statuses: storyStatuses}
	tags, sites := map[string]bool{}, map[string]bool{}
	// Pointers: sorting 10,000 whole stories moved more bytes than the
	// page draws.
	matched := make([]*redline.Story, 0, len(all))
	q := strings.ToLower(f.Q)
	for i := range all {
		st := &all[i]
		for _, t := range st.Tags {
			tags[t] = true
		}
		site := siteOf(st.URL)
		sites[site] = true
		if f.match(st, site, q) {
			matched = append(matched, st)
		}
	}
	p.Tags, p.Sites = sortedKeys(tags), sortedKeys(sites)
	// Most recent change first; never-changed stories by when they were
	// added, newest first, so a story just tracked is near the top.
	slices.SortFunc(matched, func(a, b *redline.Story) int {
		return cmp.Or(
			b.LastChanged.Compare(a.LastChanged),
			b.AddedAt.Compare(a.AddedAt),
			cmp.Compare(b.ID, a.ID),
		)
	})
	p.Total = len(matched)
	p.Pages = max(1, (p.Total+storiesPerPage-1)/storiesPerPage)
	p.Page = min(f.Page, p.Pages)
	if p.Page > 1 {
		p.Prev = f.query(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.Next = f.query(p.Page + 1)
	}
	shown := matched[(p.Page-1)*storiesPerPage : min(p.Page*storiesPerPage, p.Total)]
	p.Rows = make([]storyRow, len(shown))
	for i, st := range shown {
		p.Rows[i] = storyRow{
			ID: st.ID, Headline: st.Headline, URL: st.URL, Site: siteOf(st.URL), Status: statusOf(*st),
			LastError: st.LastError, Tags: st.Tags, Versions: st.Versions,
			LastChanged: when(st.LastChanged, now, h.loc), NextCheck: when(st.NextCheck, now, h.loc), NextReason: st.NextReason,
		}
		switch {
		case st.Status == redline.StatusPaused || st.Status == redline.StatusGone:
			p.Rows[i].NextCheck = When{Zero: true}
		case !st.NextCheck.After(now):
			// "7 min ago" for a check reads like one that happened.
			p.Rows[i].Due = true
		}
	}
	h.drawStrips(r.Context(), shown, p.Rows, now)
	h.render(w, r, "stories", "Stories", "stories", p)
}

// drawStrips fills in the rows' version strips, reading the histories the
// cache lacks on every core: after a restart that is the page's cost.
func (h *Handler) drawStrips(ctx context.Context, shown []*redline.Story, rows []storyRow, now time.Time) {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, st := range shown {
		if st.Versions == 0 {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			// A strip that cannot be drawn is left out; the row still
			// says how many versions there are.
			stamps, err := h.strips.stamps(ctx, h.svc, *st)
			if err != nil {
				h.logger.Warn("ui: stories: version strip", "story", st.ID, "error", err)
				return
			}
			rows[i].Strip = newStrip(stamps, st.AddedAt, now, h.loc)
		})
	}
	wg.Wait()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
