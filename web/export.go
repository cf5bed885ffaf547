package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/export"
)

// Export formats.
const (
	FormatJSONL = "jsonl"
	FormatWARC  = "warc"
)

// ExportRequest asks for stored versions in a form other programs read.
type ExportRequest struct {
	Format string // FormatJSONL or FormatWARC
	// IDs are the stories to export, in this order; none means every story.
	IDs []redline.StoryID
	// Gzip compresses a WARC per record (.warc.gz).
	Gzip bool
	// Filename is the WARC-Filename the warcinfo record gives.
	Filename string
	// Software names the writer in a WARC's warcinfo record; the process
	// that writes the file sets it, so a daemon names itself.
	Software string
}

// ExportSummary counts what an export wrote.
type ExportSummary struct {
	Stories  int `json:"stories"`
	Versions int `json:"versions"`
	// Pages is the number of WARC response records; Skipped the versions
	// stored without a page, which a WARC cannot hold.
	Pages   int `json:"pages,omitempty"`
	Skipped int `json:"skipped,omitempty"`
}

// ExportLine is one version as `redline export --jsonl` writes it: the
// fields of `show --json` and the story it belongs to.
type ExportLine struct {
	Story redline.StoryID `json:"story"`
	VersionView
}

// Export streams every version of the requested stories to w, one story
// at a time, so the history is never held in memory at once. Every story
// is looked up before anything is written, so an unknown ID fails cleanly.
func (l *Local) Export(ctx context.Context, req ExportRequest, w io.Writer) (ExportSummary, error) {
	var sum ExportSummary
	if req.Format != FormatJSONL && req.Format != FormatWARC {
		return sum, fmt.Errorf("%w: export format %q (want %s or %s)", ErrBadRequest, req.Format, FormatJSONL, FormatWARC)
	}
	ids, err := l.exportIDs(req.IDs)
	if err != nil {
		return sum, err
	}
	var write func(id redline.StoryID, v redline.Version, raw []byte) error
	pages := req.Format == FormatWARC
	var warc *export.WARC
	if pages {
		if warc, err = export.NewWARC(w, export.WARCOptions{Gzip: req.Gzip, Software: req.Software, Filename: req.Filename}); err != nil {
			return sum, err
		}
		write = warc.Write
	} else {
		enc := json.NewEncoder(w)
		write = func(id redline.StoryID, v redline.Version, _ []byte) error {
			if err := enc.Encode(ExportLine{Story: id, VersionView: NewVersionView(v)}); err != nil {
				return fmt.Errorf("export: story %d version %d: %w", id, v.N, err)
			}
			return nil
		}
	}
	for _, id := range ids {
		err := l.Store.EachVersion(id, pages, func(v redline.Version, raw []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			sum.Versions++
			return write(id, v, raw)
		})
		if err != nil {
			return sum, err
		}
		sum.Stories++
	}
	if warc != nil {
		sum.Pages, sum.Skipped = warc.Responses(), warc.Skipped()
	}
	return sum, nil
}

func (l *Local) exportIDs(ids []redline.StoryID) ([]redline.StoryID, error) {
	if len(ids) > 0 {
		for _, id := range ids {
			if _, err := l.Store.Story(id); err != nil {
				return nil, fmt.Errorf("export: story %d: %w", id, err)
			}
		}
		return ids, nil
	}
	stories, err := l.Store.Stories()
	if err != nil {
		return nil, err
	}
	out := make([]redline.StoryID, len(stories))
	for i, st := range stories {
		out[i] = st.ID
	}
	return out, nil
}
