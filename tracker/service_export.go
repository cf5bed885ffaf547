package tracker

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/export"
)

// Export streams every version of the requested stories to w, one story
// at a time, so the history is never held in memory at once. Every story
// is looked up before anything is written, so an unknown ID fails cleanly.
func (s *Service) Export(ctx context.Context, req redline.ExportRequest, w io.Writer) (redline.ExportSummary, error) {
	var sum redline.ExportSummary
	if req.Format != redline.FormatJSONL && req.Format != redline.FormatWARC {
		return sum, fmt.Errorf("%w: export format %q (want %s or %s)", redline.ErrBadRequest, req.Format, redline.FormatJSONL, redline.FormatWARC)
	}
	ids, err := s.exportIDs(req.IDs)
	if err != nil {
		return sum, err
	}
	var write func(id redline.StoryID, v redline.Version, raw []byte) error
	pages := req.Format == redline.FormatWARC
	var warc *export.WARC
	if pages {
		if warc, err = export.NewWARC(w, export.WARCOptions{Gzip: req.Gzip, Software: req.Software, Filename: req.Filename}); err != nil {
			return sum, err
		}
		write = warc.Write
	} else {
		if s.Line == nil {
			return sum, fmt.Errorf("export: %s: the service was built without a line renderer", req.Format)
		}
		enc := json.NewEncoder(w)
		write = func(id redline.StoryID, v redline.Version, _ []byte) error {
			if err := enc.Encode(s.Line(id, v)); err != nil {
				return fmt.Errorf("export: story %d version %d: %w", id, v.N, err)
			}
			return nil
		}
	}
	for _, id := range ids {
		err := s.Store.EachVersion(id, pages, func(v redline.Version, raw []byte) error {
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

func (s *Service) exportIDs(ids []redline.StoryID) ([]redline.StoryID, error) {
	if len(ids) > 0 {
		for _, id := range ids {
			if _, err := s.Store.Story(id); err != nil {
				return nil, fmt.Errorf("export: story %d: %w", id, err)
			}
		}
		return ids, nil
	}
	stories, err := s.Store.Stories()
	if err != nil {
		return nil, err
	}
	out := make([]redline.StoryID, len(stories))
	for i, st := range stories {
		out[i] = st.ID
	}
	return out, nil
}
