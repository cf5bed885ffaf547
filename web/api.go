package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/redline-news/redline"
)

// Health is the body of GET /api/v1/health; the CLI reads it to confirm it
// reached the redline that holds its database.
type Health struct {
	Version string    `json:"version"`
	PID     int       `json:"pid"`
	DB      string    `json:"db"`
	Started time.Time `json:"started"`
	// Role is "daemon" for `redline serve`, "crawl" for a one-shot crawl
	// that serves the API while it holds the database.
	Role string `json:"role"`
}

// API serves /api/v1 over the service.
type API struct {
	svc    redline.Service
	health Health
	logger *slog.Logger
	access Access
	// reports, when set, runs deliveries for `redline report`.
	reports redline.Reporter
}

// NewAPI builds the JSON API handler.
func NewAPI(svc redline.Service, health Health, logger *slog.Logger) *API {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if health.PID == 0 {
		health.PID = os.Getpid()
	}
	return &API{svc: svc, health: health, logger: logger}
}

// Restrict sets who may use the API (see Access) and returns a; call it
// before Register. Without it the loopback defaults apply.
func (a *API) Restrict(acc Access) *API {
	a.access = acc
	return a
}

// Register adds every API route to mux, each behind the access guard.
func (a *API) Register(mux *http.ServeMux) {
	handle := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, a.access.guard(h)) }
	// Health needs a token too when tokens are set: it names the database
	// path and the pid, which are nobody else's business.
	handle("GET /api/v1/health", a.getHealth)
	handle("GET /api/v1/stories", a.listStories)
	handle("POST /api/v1/stories", a.trackStory)
	handle("GET /api/v1/stories/lookup", a.lookupStory)
	handle("GET /api/v1/stories/{id}", a.getStory)
	handle("DELETE /api/v1/stories/{id}", a.untrackStory)
	handle("GET /api/v1/stories/{id}/versions", a.storyLog)
	handle("GET /api/v1/stories/{id}/versions/{n}", a.getVersion)
	handle("GET /api/v1/stories/{id}/versions/{n}/raw", a.getRaw)
	handle("GET /api/v1/stories/{id}/diff/{from}/{to}", a.getDiff)
	handle("GET /api/v1/changes", a.listChanges)
	handle("POST /api/v1/crawl", a.crawl)
	handle("POST /api/v1/discover", a.discover)
	handle("GET /api/v1/hosts", a.listHosts)
	handle("GET /api/v1/feeds", a.listFeeds)
	handle("POST /api/v1/backup", a.backup)
	handle("POST /api/v1/compact", a.compact)
	handle("GET /api/v1/check", a.check)
	handle("GET /api/v1/export.jsonl", a.exportHandler(redline.FormatJSONL))
	handle("GET /api/v1/export.warc", a.exportHandler(redline.FormatWARC))
	a.registerReports(handle)
	handle("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no API route %s %s", r.Method, r.URL.Path), nil)
	})
}

func (a *API) getHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.health)
}

func (a *API) listStories(w http.ResponseWriter, r *http.Request) {
	stories, err := a.svc.Stories(r.Context())
	a.respond(w, NewStoryViews(stories), err)
}

func (a *API) lookupStory(w http.ResponseWriter, r *http.Request) {
	st, err := a.svc.Story(r.Context(), r.URL.Query().Get("ref"))
	a.respond(w, NewStoryView(st), err)
}

func (a *API) getStory(w http.ResponseWriter, r *http.Request) {
	st, err := a.svc.Story(r.Context(), r.PathValue("id"))
	a.respond(w, NewStoryView(st), err)
}

func (a *API) trackStory(w http.ResponseWriter, r *http.Request) {
	var req TrackRequest
	if !decodeBody(w, r, &req) {
		return
	}
	story, err := a.svc.Track(r.Context(), redline.TrackRequest(req))
	st := NewStoryView(story)
	if errors.Is(err, redline.ErrStoryExists) {
		writeError(w, http.StatusConflict, "exists", err.Error(), &st)
		return
	}
	if err == nil {
		writeJSON(w, http.StatusCreated, st)
		return
	}
	a.respond(w, st, err)
}

func (a *API) untrackStory(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(w, r)
	if !ok {
		return
	}
	purge, _ := strconv.ParseBool(r.URL.Query().Get("purge"))
	st, err := a.svc.Untrack(r.Context(), id, purge)
	a.respond(w, NewStoryView(st), err)
}

func (a *API) storyLog(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(w, r)
	if !ok {
		return
	}
	checks, _ := strconv.ParseBool(r.URL.Query().Get("checks"))
	log, err := a.svc.Log(r.Context(), id, checks)
	a.respond(w, NewStoryLog(log), err)
}

func (a *API) getVersion(w http.ResponseWriter, r *http.Request) {
	id, n, ok := versionRef(w, r)
	if !ok {
		return
	}
	v, err := a.svc.Version(r.Context(), id, n)
	a.respond(w, NewVersionView(v), err)
}

func (a *API) getRaw(w http.ResponseWriter, r *http.Request) {
	id, n, ok := versionRef(w, r)
	if !ok {
		return
	}
	raw, err := a.svc.RawHTML(r.Context(), id, n)
	if err != nil {
		a.respond(w, nil, err)
		return
	}
	// Evidence is served as text so a browser never runs the page's scripts.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	w.Write(raw)
}

func (a *API) crawl(w http.ResponseWriter, r *http.Request) {
	var req CrawlRequest
	if !decodeBody(w, r, &req) {
		return
	}
	report, err := a.svc.Crawl(r.Context(), redline.CrawlRequest(req))
	if errors.Is(err, redline.ErrBusy) {
		writeError(w, http.StatusConflict, "busy", fmt.Sprintf("%v in redline pid %d; its results will show in redline list", err, a.health.PID), nil)
		return
	}
	if report.Stories == nil {
		report.Stories = []redline.StoryResult{}
	}
	a.respond(w, report, err)
}

func (a *API) listHosts(w http.ResponseWriter, r *http.Request) {
	hosts, err := a.svc.Hosts(r.Context())
	a.respond(w, hosts, err)
}

func (a *API) listFeeds(w http.ResponseWriter, r *http.Request) {
	feeds, err := a.svc.FeedStatuses(r.Context())
	a.respond(w, feeds, err)
}

func (a *API) discover(w http.ResponseWriter, r *http.Request) {
	report, err := a.svc.Discover(r.Context())
	a.respond(w, report, err)
}

// respond writes v, or maps err to a status and a stable code.
func (a *API) respond(w http.ResponseWriter, v any, err error) {
	if err == nil {
		writeJSON(w, http.StatusOK, v)
		return
	}
	status, code := http.StatusInternalServerError, "internal"
	switch {
	case errors.Is(err, redline.ErrStoryNotFound):
		status, code = http.StatusNotFound, "story_not_found"
	case errors.Is(err, redline.ErrVersionNotFound):
		status, code = http.StatusNotFound, "version_not_found"
	case errors.Is(err, redline.ErrPageDropped):
		status, code = http.StatusGone, "page_dropped"
	case errors.Is(err, redline.ErrBadURL):
		status, code = http.StatusBadRequest, "bad_url"
	case errors.Is(err, redline.ErrForbiddenTarget):
		status, code = http.StatusBadRequest, "forbidden_target"
	case errors.Is(err, redline.ErrBadRequest):
		status, code = http.StatusBadRequest, "bad_request"
	}
	if status == http.StatusInternalServerError {
		a.logger.Error("api request failed", "error", err)
	}
	writeError(w, status, code, err.Error(), nil)
}

func storyID(w http.ResponseWriter, r *http.Request) (redline.StoryID, bool) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("story id %q is not a number", r.PathValue("id")), nil)
		return 0, false
	}
	return redline.StoryID(id), true
}

func versionRef(w http.ResponseWriter, r *http.Request) (redline.StoryID, int, bool) {
	id, ok := storyID(w, r)
	if !ok {
		return 0, 0, false
	}
	ref := r.PathValue("n")
	if ref == "latest" {
		return id, 0, true
	}
	n, err := strconv.Atoi(ref)
	if err != nil || n < 1 {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("version %q is not a number from 1 or \"latest\"", ref), nil)
		return 0, 0, false
	}
	return id, n, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string, st *StoryView) {
	writeJSON(w, status, ErrorBody{Error: msg, Code: code, Story: st})
}
