package web

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// Bounds of GET /api/v1/changes.
const (
	defaultChangeHours = 24
	maxChangeHours     = 24 * 366
	defaultChangeLimit = 100
	maxChangeLimit     = 1000
)

// getDiff answers GET /api/v1/stories/{id}/diff/{from}/{to} with what
// `redline diff --format json` prints. to is a version or "latest"; from
// is a version, "prev" (the one before to) or 0 (nothing, so the first
// version shows as all added). Content-Location names the versions that
// latest and prev resolved to, a permalink to this very diff.
func (a *API) getDiff(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(w, r)
	if !ok {
		return
	}
	fromRef, toRef := r.PathValue("from"), r.PathValue("to")
	to, ok := versionNumber(w, "to", toRef, "latest", 1)
	if !ok {
		return
	}
	from, ok := versionNumber(w, "from", fromRef, "prev", 0)
	if !ok {
		return
	}
	newer, err := a.svc.Version(r.Context(), id, to)
	if err != nil {
		a.respond(w, nil, err)
		return
	}
	if fromRef == "prev" {
		from = newer.N - 1
	}
	var older redline.Version // version 0: empty, as `redline diff` compares a first version
	if from > 0 {
		if older, err = a.svc.Version(r.Context(), id, from); err != nil {
			a.respond(w, nil, err)
			return
		}
	}
	var buf bytes.Buffer
	if err := diff.WriteJSON(&buf, diff.Compare(older.Article, newer.Article)); err != nil {
		a.respond(w, nil, fmt.Errorf("web: diff of story %d versions %d and %d: %w", id, from, newer.N, err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Location", "/api/v1"+DiffPath(id, from, newer.N))
	w.Write(buf.Bytes())
}

// versionNumber reads a version from a path: a number from min, or word,
// which is returned as 0 for the caller to resolve.
func versionNumber(w http.ResponseWriter, name, ref, word string, min int) (int, bool) {
	if ref == word {
		return 0, true
	}
	n, err := strconv.Atoi(ref)
	if err != nil || n < min {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("%s version %q is not a number from %d or %q", name, ref, min, word), nil)
		return 0, false
	}
	return n, true
}

// listChanges answers GET /api/v1/changes?hours=N&tag=&site=&story=&limit=
// with the changes fetched in the last N hours, newest first.
func (a *API) listChanges(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	hours, ok := queryHours(w, q.Get("hours"))
	if !ok {
		return
	}
	f := ChangeFilter{Tag: q.Get("tag"), Site: q.Get("site"), Limit: defaultChangeLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxChangeLimit {
			writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("limit %q is not a number from 1 to %d", s, maxChangeLimit), nil)
			return
		}
		f.Limit = n
	}
	if s := q.Get("story"); s != "" {
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil || id == 0 {
			writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("story %q is not a story ID", s), nil)
			return
		}
		f.Story = redline.StoryID(id)
	}
	since := time.Now().Add(-time.Duration(hours * float64(time.Hour))).UTC()
	items, err := RecentChanges(r.Context(), a.svc, since, f)
	out := ChangeList{Since: since, Hours: hours, Changes: make([]ChangeView, len(items))}
	for i, it := range items {
		out.Changes[i] = NewChangeView(it)
	}
	a.respond(w, out, err)
}

func queryHours(w http.ResponseWriter, s string) (float64, bool) {
	if s == "" {
		return defaultChangeHours, true
	}
	h, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(h) || h <= 0 || h > maxChangeHours {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("hours %q is not a number of hours above 0 and at most %d", s, maxChangeHours), nil)
		return 0, false
	}
	return h, true
}
