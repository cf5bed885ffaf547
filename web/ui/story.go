package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// storyData is the Story page: how one story evolved, MediaWiki-history
// style, newest version first with two radio columns to pick a pair.
type storyData struct {
	Story       redline.Story
	LastChanged When
	// LiveURL is the story's URL when it is one a link may open (http or
	// https); a scraped or typed javascript: URL is shown, never linked.
	LiveURL   string
	Versions  []versionRow // newest first
	Headlines []headlineRow
	// URLChanges lists where the story was found under another address.
	URLChanges []urlChange
	Developing []developingRow
	// From and To are the pair the compare form preselects: the latest
	// edit, as MediaWiki preselects the top two rows.
	From, To int
}

type versionRow struct {
	N         int
	FetchedAt When
	// Summary is one line: "first version", "no edit: re-read", or the
	// diff's summary against the version before.
	Summary    string
	Words      int
	Delta      int // words against the version before
	Developing bool
	Reread     bool
	RevertOf   int
	URL        string
	// DiffPrev links to the diff against the version before, if any.
	DiffPrev string
	Evidence string
}

type headlineRow struct {
	Headline string
	From     int // the version it first appeared in
	At       When
}

type urlChange struct {
	At   When
	URL  string
	From int // the version fetched from it; 0 when known only from a check
}

type developingRow struct {
	N          int
	At         When
	Developing bool
}

// storyPage serves GET /stories/{id}.
func (h *Handler) storyPage(w http.ResponseWriter, r *http.Request) {
	id, ok := h.storyParam(w, r)
	if !ok {
		return
	}
	data, err := buildStory(r.Context(), h.svc, id, h.at())
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	h.render(w, r, "story", data.Story.Headline, "stories", data)
}

// diffedRows is how many of the newest edits get a summary from their
// diff; older rows say what the log stores (+words −words, headline
// changed), so a story of a thousand versions does not cost a thousand
// diffs to list.
const diffedRows = 100

// buildStory reads the story's log, and the versions of the newest edits,
// whose one-line summaries come from their diffs.
func buildStory(ctx context.Context, svc redline.Service, id redline.StoryID, at func(time.Time) When) (storyData, error) {
	lg, err := svc.Log(ctx, id, true)
	if err != nil {
		return storyData{}, err
	}
	d := storyData{Story: lg.Story, LastChanged: at(lg.Story.LastChanged), LiveURL: linkable(lg.Story.URL)}
	vs := lg.Versions
	firstDiffed := max(1, len(vs)-diffedRows)
	var prevArt redline.Article // the article of vs[i-1], once diffing starts
	rows := make([]versionRow, 0, len(vs))
	for i, v := range vs {
		row := versionRow{
			N: v.N, FetchedAt: at(v.FetchedAt), Words: v.Words, Developing: v.Developing,
			Reread: v.Reread, RevertOf: v.RevertOf, URL: v.URL,
			Evidence: fmt.Sprintf("/stories/%d/versions/%d/evidence", id, v.N),
		}
		if i >= firstDiffed-1 {
			full, err := svc.Version(ctx, id, v.N)
			if err != nil {
				return storyData{}, err
			}
			if i >= firstDiffed && !v.Reread {
				row.Summary = diff.Compare(prevArt, full.Article).Summary()
			}
			prevArt = full.Article
		}
		if i == 0 {
			row.Summary, row.Delta = "first version", row.Words
			if v.Developing {
				d.Developing = append(d.Developing, developingRow{N: v.N, At: at(v.FetchedAt), Developing: true})
			}
			d.Headlines = append(d.Headlines, headlineRow{Headline: v.Headline, From: v.N, At: at(v.FetchedAt)})
			rows = append(rows, row)
			continue
		}
		prev := vs[i-1]
		switch {
		case v.Reread:
			row.Summary = "no edit: re-read"
		case row.Summary == "":
			row.Summary = logSummary(prev, v)
		}
		row.Delta = row.Words - prev.Words
		row.DiffPrev = diffPath(id, prev.N, v.N)
		if v.URL != prev.URL && v.URL != "" {
			d.URLChanges = append(d.URLChanges, urlChange{At: at(v.FetchedAt), URL: v.URL, From: v.N})
		}
		if v.Developing != prev.Developing {
			d.Developing = append(d.Developing, developingRow{N: v.N, At: at(v.FetchedAt), Developing: v.Developing})
		}
		if v.Headline != prev.Headline {
			d.Headlines = append(d.Headlines, headlineRow{Headline: v.Headline, From: v.N, At: at(v.FetchedAt)})
		}
		rows = append(rows, row)
	}
	for _, c := range lg.Checks {
		if moved, ok := strings.CutPrefix(c.Note, "story moved to "); ok {
			d.URLChanges = append(d.URLChanges, urlChange{At: at(c.At), URL: moved})
		}
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	d.Versions = rows
	if n := len(vs); n >= 2 {
		d.From, d.To = vs[n-2].N, vs[n-1].N
	}
	return d, nil
}

// logSummary is the summary of an old edit from what the log keeps.
func logSummary(prev, v redline.VersionSummary) string {
	var parts []string
	if v.Headline != prev.Headline {
		parts = append(parts, "headline changed")
	}
	if v.Added > 0 || v.Removed > 0 {
		parts = append(parts, fmt.Sprintf("+%d −%d words", v.Added, v.Removed))
	}
	if len(parts) == 0 {
		return "edited"
	}
	return strings.Join(parts, "; ")
}

// linkable returns u when it is an absolute http(s) URL, else "".
// html/template would defuse a javascript: href anyway; this keeps such
// a URL from being a link at all.
func linkable(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

func diffPath(id redline.StoryID, from, to int) string {
	return fmt.Sprintf("/stories/%d/diff/%d/%d", id, from, to)
}

// storyParam reads {id} from the path; on a bad one it has answered 400.
func (h *Handler) storyParam(w http.ResponseWriter, r *http.Request) (redline.StoryID, bool) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: story id %q is not a number from 1", r.PathValue("id")))
		return 0, false
	}
	return redline.StoryID(id), true
}

// at formats times against one "now", so a page says "12 min ago" of
// every row from the same moment.
func (h *Handler) at() func(time.Time) When {
	now := h.now()
	return func(t time.Time) When { return when(t, now, h.loc) }
}
