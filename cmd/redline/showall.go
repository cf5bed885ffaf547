package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

// showEvery prints every version of one story in one process. It reads them
// through the service's JSON-lines export, the one streaming path that
// exists locally and over the daemon's API (GET /api/v1/export.jsonl), so
// a story with hundreds of versions costs one start-up and one request,
// and is never held in memory at once. Each line is re-encoded as the
// VersionView that `show N --json` prints, so a script sees the same
// object either way.
func showEvery(ctx context.Context, w io.Writer, s *session, st web.StoryView, asJSON bool) error {
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := s.svc.Export(ctx, redline.ExportRequest{Format: redline.FormatJSONL, IDs: []redline.StoryID{st.ID}}, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	err := printEach(w, pr, st, asJSON)
	// Unblock the exporter when printing stopped first (a closed stdout).
	pr.CloseWithError(errShowStopped)
	if exportErr := <-done; exportErr != nil && !errors.Is(exportErr, errShowStopped) && err == nil {
		err = exportErr
	}
	return err
}

var errShowStopped = errors.New("show: output stopped")

func printEach(w io.Writer, r io.Reader, st web.StoryView, asJSON bool) error {
	dec := json.NewDecoder(r)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := 0; ; i++ {
		var line web.ExportLine
		if err := dec.Decode(&line); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("show: story %d --all: %w", st.ID, err)
		}
		if asJSON {
			if err := enc.Encode(line.VersionView); err != nil {
				return err
			}
			continue
		}
		if i > 0 {
			// A form feed between versions lets a script split the text
			// without guessing where a paragraph ends.
			if _, err := io.WriteString(w, "\f\n"); err != nil {
				return err
			}
		}
		if err := printVersion(w, st, line.VersionView); err != nil {
			return err
		}
	}
}
