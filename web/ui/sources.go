package ui

import (
	"net/http"

	"github.com/redline-news/redline"
)

type sourceRow struct {
	URL      string
	Tags     []string
	TrackAll bool
	Kind     string
	LastRead When
	Attempt  When
	Items    int
	Tracked  []redline.StoryID
	Error    string
}

type sourcesPage struct {
	Feeds []sourceRow
}

// sourcesPage shows the configured feeds (`feeds:`): when each was last
// read and what it found, so a feed that broke or went quiet is seen.
func (h *Handler) sourcesPage(w http.ResponseWriter, r *http.Request) {
	feeds, err := h.svc.FeedStatuses(r.Context())
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	now := h.now()
	var p sourcesPage
	for _, f := range feeds {
		p.Feeds = append(p.Feeds, sourceRow{
			URL: f.URL, Tags: f.Tags, TrackAll: f.TrackAll, Kind: f.Kind,
			LastRead: when(f.LastRead, now, h.loc), Attempt: when(f.LastAttempt, now, h.loc),
			Items: f.Items, Tracked: f.Tracked, Error: f.Error,
		})
	}
	h.render(w, r, "sources", "Sources", "sources", p)
}
