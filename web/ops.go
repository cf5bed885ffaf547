package web

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/redline-news/redline/store"
)

// CheckReport is `redline check --json` and GET /api/v1/check. OK is
// false, with Problems naming each, when the database is damaged.
type CheckReport struct {
	DB       string   `json:"db"`
	OK       bool     `json:"ok"`
	Stories  int      `json:"stories"`
	Versions int      `json:"versions"`
	Pages    int      `json:"pages"`
	Size     int64    `json:"size"`
	Problems []string `json:"problems"`
}

// CompactReport is `redline compact --json` and POST /api/v1/compact.
// Sizes are of the file on disk; Dropped is what keep_pages removed first.
type CompactReport struct {
	DB      string            `json:"db"`
	Before  int64             `json:"before"`
	After   int64             `json:"after"`
	Dropped store.PruneResult `json:"dropped"`
}

// Backup writes a consistent copy of the whole database to w.
func (l *Local) Backup(ctx context.Context, w io.Writer, size func(int64)) (int64, error) {
	return l.Store.BackupTo(w, size)
}

// Check runs the store's full consistency check.
func (l *Local) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{DB: l.Store.Path(), Problems: []string{}}
	problems, err := l.Store.Problems()
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
		st, err := l.Store.Stats()
		if err != nil {
			return r, err
		}
		r.Stories, r.Versions, r.Pages, r.Size = st.Stories, st.Versions, st.Pages, st.FileSize
	}
	return r, nil
}

// Compact applies keep_pages, then rewrites the file to its live size.
func (l *Local) Compact(ctx context.Context) (CompactReport, error) {
	r := CompactReport{DB: l.Store.Path()}
	if l.KeepPages > 0 {
		var err error
		if r.Dropped, err = l.Store.DropPagesBefore(time.Now().Add(-l.KeepPages)); err != nil {
			return r, fmt.Errorf("compact: keep_pages: %w", err)
		}
	}
	res, err := l.Store.Compact()
	r.Before, r.After = res.Before, res.After
	return r, err
}
