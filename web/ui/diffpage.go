package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// diffData is the Diff page: what exactly changed between two versions.
type diffData struct {
	Story    redline.Story
	From, To diffSide
	// Blocks are the changed fields, then the body, as diff.Blocks lays
	// them out for the chosen view.
	Blocks  []diff.Block
	Changed bool
	Summary string
	Side    bool // side-by-side by paragraph (?view=side)
	Only    bool // changes only (?only=changes)
	// Older and Newer are the neighbouring edits ("← Older edit",
	// "Newer edit →"), empty at either end of the history; the keyboard
	// moves along them through rel=prev and rel=next.
	Older, Newer string
	// Intermediate counts the versions between From and To not shown.
	Intermediate int
	// Permalink is this exact view; the toggles switch one setting each.
	Permalink, InlineURL, SideURL, AllURL, OnlyURL string
}

type diffSide struct {
	N         int
	FetchedAt When
	Headline  string
	Reread    bool
	Evidence  string
}

// diffPage serves GET /stories/{id}/diff/{from}/{to}.
func (h *Handler) diffPage(w http.ResponseWriter, r *http.Request) {
	id, ok := h.storyParam(w, r)
	if !ok {
		return
	}
	from, err1 := versionNumber(r.PathValue("from"))
	to, err2 := versionNumber(r.PathValue("to"))
	if err := firstErr(err1, err2); err != nil {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: diff of story %d: %v", id, err))
		return
	}
	if from == to {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: diff of story %d: version %d against itself: pick two different versions", id, from))
		return
	}
	if from > to {
		// Older on the left, always: a pair picked the other way round is
		// the same comparison under its one permalink.
		h.redirect(w, r, withQuery(diffPath(id, to, from), r.URL.RawQuery))
		return
	}
	view := r.URL.Query().Get("view")
	only := r.URL.Query().Get("only")
	if (view != "" && view != "side" && view != "inline") || (only != "" && only != "changes") {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: diff of story %d: view=%q only=%q: view is side or inline, only is changes", id, view, only))
		return
	}
	ctx := r.Context()
	st, err := h.svc.Story(ctx, strconv.FormatUint(uint64(id), 10))
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	if to > st.Versions {
		h.fail(w, r, http.StatusNotFound, fmt.Sprintf("ui: diff of story %d: no version %d: the story has %d", id, to, st.Versions))
		return
	}
	old, err := h.svc.Version(ctx, id, from)
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	cur, err := h.svc.Version(ctx, id, to)
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	h.render(w, r, "diff", fmt.Sprintf("Version %d → %d: %s", from, to, cur.Article.Headline), "stories", newDiffData(st, old, cur, view == "side", only == "changes", h.at()))
}

func newDiffData(st redline.Story, old, cur redline.Version, side, only bool, at func(time.Time) When) diffData {
	dd := diff.Compare(old.Article, cur.Article)
	opts := diff.RenderOptions{Context: -1}
	if only {
		opts.Context = 1
	}
	d := diffData{
		Story: st, From: sideOf(st.ID, old, at), To: sideOf(st.ID, cur, at),
		Blocks: fieldsFirst(diff.Blocks(dd, opts)), Changed: dd.Changed(), Summary: dd.Summary(),
		Side: side, Only: only, Intermediate: cur.N - old.N - 1,
	}
	q := func(side, only bool) string {
		v := url.Values{}
		if side {
			v.Set("view", "side")
		}
		if only {
			v.Set("only", "changes")
		}
		return v.Encode()
	}
	path := diffPath(st.ID, old.N, cur.N)
	d.Permalink = withQuery(path, q(side, only))
	d.InlineURL, d.SideURL = withQuery(path, q(false, only)), withQuery(path, q(true, only))
	d.AllURL, d.OnlyURL = withQuery(path, q(side, false)), withQuery(path, q(side, true))
	if old.N > 1 {
		d.Older = withQuery(diffPath(st.ID, old.N-1, old.N), q(side, only))
	}
	if cur.N < st.Versions {
		d.Newer = withQuery(diffPath(st.ID, cur.N, cur.N+1), q(side, only))
	}
	return d
}

// fieldsFirst moves the notes and developing flag up beside the headline,
// byline and dek: a reader of the page wants every change of the story's
// furniture before the body, where a plain-text diff keeps article order.
func fieldsFirst(blocks []diff.Block) []diff.Block {
	out := make([]diff.Block, 0, len(blocks))
	for _, b := range blocks {
		if b.Kind == diff.BlockField {
			out = append(out, b)
		}
	}
	for _, b := range blocks {
		if b.Kind != diff.BlockField {
			out = append(out, b)
		}
	}
	return out
}

func sideOf(id redline.StoryID, v redline.Version, at func(time.Time) When) diffSide {
	return diffSide{
		N: v.N, FetchedAt: at(v.FetchedAt), Headline: v.Article.Headline, Reread: v.Reread,
		Evidence: fmt.Sprintf("/stories/%d/versions/%d/evidence", id, v.N),
	}
}

// compareForm serves GET /stories/{id}/diff?from=&to=, what the story
// page's radio columns submit without JavaScript, by redirecting to the
// pair's permalink.
func (h *Handler) compareForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.storyParam(w, r)
	if !ok {
		return
	}
	from, err1 := versionNumber(r.URL.Query().Get("from"))
	to, err2 := versionNumber(r.URL.Query().Get("to"))
	if err := firstErr(err1, err2); err != nil {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: compare versions of story %d: %v", id, err))
		return
	}
	if from > to {
		from, to = to, from
	}
	h.redirect(w, r, diffPath(id, from, to))
}

// versionNumber parses a version number from a URL: 1 or more.
func versionNumber(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("version %q is not a version number (1, 2, …)", s)
	}
	return n, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func withQuery(path, rawQuery string) string {
	if rawQuery == "" {
		return path
	}
	return path + "?" + rawQuery
}
