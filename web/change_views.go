package web

import (
	"fmt"
	"time"

	"github.com/redline-news/redline"
)

// ChangeView is one change as GET /api/v1/changes lists it.
type ChangeView struct {
	Story    StoryView `json:"story"`
	From     int       `json:"from"`
	To       int       `json:"to"`
	At       time.Time `json:"at"`
	Headline string    `json:"headline"`
	// OldHeadline is version From's headline, set only when it differs.
	OldHeadline     string `json:"old_headline,omitempty"`
	HeadlineChanged bool   `json:"headline_changed"`
	Summary         string `json:"summary"`
	Added           int    `json:"added"`
	Removed         int    `json:"removed"`
	RevertOf        int    `json:"revert_of,omitempty"`
	// DiffPath is the web page of the redline; the API of the same diff
	// is /api/v1 in front of it.
	DiffPath string `json:"diff_path"`
}

// NewChangeView converts a change.
func NewChangeView(c ChangeItem) ChangeView {
	v := ChangeView{
		Story: NewStoryView(c.Story), From: c.From, To: c.To, At: c.At,
		Headline: c.Headline, HeadlineChanged: c.HeadlineChanged(), Summary: c.Summary,
		Added: c.Diff.Added, Removed: c.Diff.Removed, RevertOf: c.RevertOf,
		DiffPath: DiffPath(c.Story.ID, c.From, c.To),
	}
	if c.OldHeadline != c.Headline {
		v.OldHeadline = c.OldHeadline
	}
	return v
}

// ChangeList is the body of GET /api/v1/changes.
type ChangeList struct {
	Since   time.Time    `json:"since"`
	Hours   float64      `json:"hours"`
	Changes []ChangeView `json:"changes"`
}

// DiffPath is the web page of the diff from one version to another; the
// email reports link to the same path, so it must not change.
func DiffPath(id redline.StoryID, from, to int) string {
	return fmt.Sprintf("/stories/%d/diff/%d/%d", id, from, to)
}
