package web

import (
	"bufio"
	"net/http"
	"strconv"
)

// backup streams a consistent copy of the database. Content-Length is the
// copy's exact size, so a client sees a cut-off transfer as an error.
func (a *API) backup(w http.ResponseWriter, r *http.Request) {
	started := false
	bw := bufio.NewWriterSize(w, 256<<10)
	n, err := a.svc.Backup(r.Context(), bw, func(size int64) {
		started = true
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.WriteHeader(http.StatusOK)
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil && !started {
		a.respond(w, nil, err)
		return
	}
	if err != nil {
		// The status is sent; cutting the connection short of
		// Content-Length is how the client learns the copy is incomplete.
		a.logger.Error("backup stream failed", "written", n, "error", err)
		panic(http.ErrAbortHandler)
	}
}

func (a *API) compact(w http.ResponseWriter, r *http.Request) {
	report, err := a.svc.Compact(r.Context())
	a.respond(w, report, err)
}

func (a *API) check(w http.ResponseWriter, r *http.Request) {
	report, err := a.svc.Check(r.Context())
	a.respond(w, report, err)
}
