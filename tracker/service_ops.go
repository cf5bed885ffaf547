package tracker

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/redline-news/redline"
)

// Backup writes a consistent copy of the whole database to w.
func (s *Service) Backup(ctx context.Context, w io.Writer, size func(int64)) (int64, error) {
	return s.Store.BackupTo(w, size)
}

// Check runs the store's full consistency check.
func (s *Service) Check(ctx context.Context) (redline.CheckReport, error) {
	r := redline.CheckReport{DB: s.Store.Path(), Problems: []string{}}
	problems, err := s.Store.Problems()
	if err != nil {
		return r, err
	}
	for _, p := range problems {
		r.Problems = append(r.Problems, p.Error())
	}
	r.OK = len(problems) == 0
	if r.OK {
		// Counting reads every record header, which a damaged file may not
		// allow; the problems are the report then.
		stats, err := s.Store.Stats()
		if err != nil {
			return r, err
		}
		r.Stories, r.Versions, r.Pages, r.Size = stats.Stories, stats.Versions, stats.Pages, stats.FileSize
	}
	return r, nil
}

// Compact applies keep_pages, then rewrites the file to its live size.
func (s *Service) Compact(ctx context.Context) (redline.CompactReport, error) {
	r := redline.CompactReport{DB: s.Store.Path()}
	if s.KeepPages > 0 {
		pr, err := s.Store.DropPagesBefore(time.Now().Add(-s.KeepPages))
		r.Dropped = redline.PagesDropped{Stories: pr.Stories, Pages: pr.Pages, Bytes: pr.Bytes}
		if err != nil {
			return r, fmt.Errorf("compact: keep_pages: %w", err)
		}
	}
	res, err := s.Store.Compact()
	r.Before, r.After = res.Before, res.After
	return r, err
}
