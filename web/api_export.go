package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/redline-news/redline"
)

// An export streams for as long as it takes, so its outcome comes after
// the body, in HTTP trailers: a summary when it finished, an error when it
// broke off. A body without the summary trailer is incomplete.
const (
	trailerSummary = "X-Redline-Export-Summary"
	trailerError   = "X-Redline-Export-Error"
)

var exportTypes = map[string]string{redline.FormatJSONL: "application/x-ndjson", redline.FormatWARC: "application/warc"}

// exportHandler serves GET /api/v1/export.jsonl and export.warc:
// ?ids=1,2 (default every story), and for a WARC gzip=true, filename=.
func (a *API) exportHandler(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		req := redline.ExportRequest{Format: format, Filename: q.Get("filename"), Software: "redline/" + a.health.Version}
		ids, err := parseIDs(q.Get("ids"))
		if err != nil {
			writeError(w, http.StatusBadRequest, "bad_request", err.Error(), nil)
			return
		}
		req.IDs = ids
		if g := q.Get("gzip"); g != "" {
			if req.Gzip, err = strconv.ParseBool(g); err != nil {
				writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("gzip=%q is not a boolean", g), nil)
				return
			}
		}
		sw := &startWriter{w: w, start: func() {
			w.Header().Set("Content-Type", exportTypes[format])
			w.Header().Set("Trailer", trailerSummary+", "+trailerError)
			w.WriteHeader(http.StatusOK)
		}}
		sum, err := a.svc.Export(r.Context(), req, sw)
		if err != nil && !sw.started {
			a.respond(w, nil, err)
			return
		}
		sw.begin()
		if err != nil {
			a.logger.Warn("export broke off", "format", format, "error", err)
			w.Header().Set(trailerError, strings.Join(strings.Fields(err.Error()), " "))
			return
		}
		b, _ := json.Marshal(sum)
		w.Header().Set(trailerSummary, string(b))
	}
}

// startWriter sends the response header on the first write, so an export
// that fails before writing anything still gets a proper error response.
type startWriter struct {
	w       http.ResponseWriter
	start   func()
	started bool
}

func (s *startWriter) begin() {
	if !s.started {
		s.started = true
		s.start()
	}
}

func (s *startWriter) Write(p []byte) (int, error) {
	s.begin()
	return s.w.Write(p)
}

func parseIDs(s string) ([]redline.StoryID, error) {
	if s == "" {
		return nil, nil
	}
	var ids []redline.StoryID
	for _, part := range strings.Split(s, ",") {
		id, err := strconv.ParseUint(strings.TrimSpace(part), 10, 64)
		if err != nil || id == 0 {
			return nil, fmt.Errorf("story id %q in ids=%s is not a number from 1", part, s)
		}
		ids = append(ids, redline.StoryID(id))
	}
	return ids, nil
}

// errExportIncomplete is returned by Client.Export when the body ended
// without the summary trailer: the connection broke, or the server died.
var errExportIncomplete = errors.New("export ended before the server said it was complete")
