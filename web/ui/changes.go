package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/redline-news/redline/web"
)

// Changes page limits: a day by default, at most a month, and no more
// rows than a desk reads at once (each row costs a diff).
const (
	defaultChangeHours = 24
	maxChangeHours     = 24 * 31
	maxChangeRows      = 200
)

// changesData is the Changes page, the desk's front page: what changed in
// the last N hours across every story, newest first.
type changesData struct {
	Hours   int
	Since   time.Time
	Items   []changeRow
	Limited bool // more changes than maxChangeRows happened
	// Choices are the usual windows, offered as links.
	Choices []int
}

type changeRow struct {
	web.ChangeItem
	When     When
	DiffURL  string
	StoryURL string
}

// changesPage serves GET /.
func (h *Handler) changesPage(w http.ResponseWriter, r *http.Request) {
	hours := defaultChangeHours
	if s := r.URL.Query().Get("hours"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxChangeHours {
			h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: changes: hours %q: want a whole number of hours from 1 to %d", s, maxChangeHours))
			return
		}
		hours = n
	}
	since := h.now().Add(-time.Duration(hours) * time.Hour)
	items, err := web.RecentChanges(r.Context(), h.svc, since, web.ChangeFilter{Limit: maxChangeRows + 1})
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	d := changesData{Hours: hours, Since: since, Choices: []int{1, 6, 24, 72, 168}}
	if len(items) > maxChangeRows {
		items, d.Limited = items[:maxChangeRows], true
	}
	at := h.at()
	for _, it := range items {
		d.Items = append(d.Items, changeRow{
			ChangeItem: it, When: at(it.At),
			DiffURL:  diffPath(it.Story.ID, it.From, it.To),
			StoryURL: fmt.Sprintf("/stories/%d", it.Story.ID),
		})
	}
	h.render(w, r, "changes", "Changes", "changes", d)
}
