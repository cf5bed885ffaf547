package web

import "github.com/redline-news/redline"

// ExportLine is one version as `redline export --jsonl` writes it: the
// fields of `show --json` and the story it belongs to.
type ExportLine struct {
	Story redline.StoryID `json:"story"`
	VersionView
}

// ExportLineOf is the line renderer the service's JSON-lines export is
// wired with (tracker.Service.Line), so the shape stays defined here.
func ExportLineOf(id redline.StoryID, v redline.Version) any {
	return ExportLine{Story: id, VersionView: NewVersionView(v)}
}
