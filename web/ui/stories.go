package ui

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
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

func siteOf(st redline.Story) string {
	u, err := url.Parse(st.URL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

func (f storyFilter) match(st redline.Story) bool {
	if f.Tag != "" && !slices.Contains(st.Tags, f.Tag) {
		return false
	}
	if f.Site != "" && siteOf(st) != strings.TrimPrefix(f.Site, "www.") {
		return false
	}
	if f.Status != "" && statusOf(st) != f.Status {
		return false
	}
	if f.Q != "" {
		q := strings.ToLower(f.Q)
		if !strings.Contains(strings.ToLower(st.Headline), q) && !strings.Contains(strings.ToLower(st.URL), q) {
			return false
		}
	}
	return true
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
	matched := make([]redline.Story, 0, len(all))
	for _, st := range all {
		for _, t := range st.Tags {
			tags[t] = true
		}
		sites[siteOf(st)] = true
		if f.match(st) {
			matched = append(matched, st)
		}
	}
	p.Tags, p.Sites = sortedKeys(tags), sortedKeys(sites)
	// Most recent change first; never-changed stories by when they were
	// added, newest first, so a story just tracked is near the top.
	slices.SortFunc(matched, func(a, b redline.Story) int {
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
	for _, st := range shown {
		row := storyRow{
			ID: st.ID, Headline: st.Headline, URL: st.URL, Site: siteOf(st), Status: statusOf(st),
			LastError: st.LastError, Tags: st.Tags, Versions: st.Versions,
			LastChanged: when(st.LastChanged, now, h.loc), NextCheck: when(st.NextCheck, now, h.loc), NextReason: st.NextReason,
		}
		if st.Status == redline.StatusPaused || st.Status == redline.StatusGone {
			row.NextCheck = When{Zero: true}
		}
		if st.Versions > 0 {
			if lg, err := h.svc.Log(r.Context(), st.ID, false); err == nil {
				row.Strip = newStrip(lg.Versions, st.AddedAt, now, h.loc)
			}
		}
		p.Rows = append(p.Rows, row)
	}
	h.render(w, r, "stories", "Stories", "stories", p)
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

// strip is the per-story picture of when versions appeared: a tick per
// version along the story's life, so a burst of edits reads at a glance.
type strip struct {
	Ticks []tick
	Label string // the same in words, for screen readers and the title
}

type tick struct {
	X     float64 // 0–100 (percent of the strip's width)
	Title string
	Edit  bool // a real edit, not a re-read
}

func newStrip(vs []redline.VersionSummary, added, now time.Time, loc *time.Location) strip {
	if len(vs) == 0 {
		return strip{}
	}
	start := added
	if vs[0].FetchedAt.Before(start) || start.IsZero() {
		start = vs[0].FetchedAt
	}
	span := now.Sub(start)
	if span <= 0 {
		span = time.Second
	}
	s := strip{Label: strconv.Itoa(len(vs)) + " versions"}
	if len(vs) == 1 {
		s.Label = "1 version"
	}
	for _, v := range vs {
		x := float64(v.FetchedAt.Sub(start)) / float64(span) * 100
		s.Ticks = append(s.Ticks, tick{
			X:     min(max(x, 1), 99),
			Title: "version " + strconv.Itoa(v.N) + ", " + v.FetchedAt.In(loc).Format("2 Jan 15:04 MST"),
			Edit:  !v.Reread,
		})
	}
	return s
}
