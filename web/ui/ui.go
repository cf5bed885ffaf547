// Package ui serves redline's web pages: server-rendered html/template
// pages over the same redline.Service the API and the CLI call, behind the
// API's access guard, with a strict Content-Security-Policy and no
// framework. Each page lives in its own file and its own template.
package ui

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

// Options are the dependencies of the pages; Service is required.
type Options struct {
	Service redline.Service
	// Access is the API's guard: pages answer to the same hosts and need
	// the same tokens (by login cookie or Bearer).
	Access web.Access
	// Location is the newsroom's time zone (serve.timezone); nil is the
	// machine's.
	Location *time.Location
	// Now is the clock; nil is time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Handler serves every page; it holds what the pages depend on.
type Handler struct {
	svc     redline.Service
	access  web.Access
	tmpl    *engine
	loc     *time.Location
	now     func() time.Time
	logger  *slog.Logger
	csrfKey []byte
	// openKey signs the anonymous sessions of a redline without tokens,
	// which exist only to carry the CSRF token.
	openKey []byte
	strips  stripCache
}

// New parses the templates (once: a broken template fails at start, not
// at the first request) and builds the handler.
func New(opts Options) (*Handler, error) {
	if opts.Service == nil {
		return nil, fmt.Errorf("ui: new handler: no service")
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	h := &Handler{
		svc: opts.Service, access: opts.Access, tmpl: tmpl,
		loc: opts.Location, now: opts.Now, logger: opts.Logger,
		csrfKey: randomKey(), openKey: randomKey(),
	}
	if h.loc == nil {
		h.loc = time.Local
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	return h, nil
}

// randomKey is a per-process secret: restarting redline invalidates the
// forms open in browsers (they say so and can be sent again), not logins.
func randomKey() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k) // crypto/rand.Read never fails (Go 1.24+)
	return k
}

// Register adds every page route to mux. Pages stand behind the API's
// guard; the login page and the static assets need no token, as a browser
// that has none must be able to reach the form that takes one.
func (h *Handler) Register(mux *http.ServeMux) {
	page := func(pattern string, fn http.HandlerFunc) {
		mux.Handle(pattern, h.access.GuardWith(h.secure(fn), h.guardOptions(false)))
	}
	public := func(pattern string, fn http.HandlerFunc) {
		mux.Handle(pattern, h.access.GuardWith(h.secure(fn), h.guardOptions(true)))
	}
	public("GET /static/{file}", h.static)
	public("GET /login", h.loginPage)
	public("POST /login", h.login)
	public("POST /logout", h.logout)

	page("GET /{$}", h.changesPage)
	page("GET /stories", h.storiesPage)
	page("POST /stories", h.addStory)
	page("POST /stories/{id}/untrack", h.untrackStory)
	page("POST /stories/{id}/crawl", h.crawlStory)
	page("GET /stories/{id}", h.storyPage)
	page("GET /stories/{id}/diff", h.compareForm)
	page("GET /stories/{id}/diff/{from}/{to}", h.diffPage)
	// The evidence page alone may frame: its own raw page, sandboxed.
	mux.Handle("GET /stories/{id}/versions/{n}/evidence", h.access.GuardWith(h.secureWith(EvidenceCSP, h.evidencePage), h.guardOptions(false)))
	page("GET /stories/{id}/versions/{n}/evidence/raw", h.evidenceRaw)
	page("GET /sources", h.sourcesPage)
	// The least specific pattern: any path no page, feed or API route
	// claims gets a page saying so, behind the same guard.
	page("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, http.StatusNotFound, fmt.Sprintf("there is no page %s %s", r.Method, r.URL.Path))
	})
}
