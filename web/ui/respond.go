package ui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/redline-news/redline"
)

// pageCSP is the policy of every page: nothing but this origin's own
// stylesheet, script and images, no framing, no foreign form targets.
// Scraped text is escaped by html/template; the policy is the second
// wall should anything slip through.
const pageCSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// EvidenceCSP is pageCSP for the one page that frames the stored evidence
// (itself served sandboxed).
const EvidenceCSP = pageCSP + "; frame-src 'self'"

// maxForm caps a form body: a URL of at most 8 KiB, tags and a token.
const maxForm = 64 << 10

// secure sets the headers every page carries, with pageCSP.
func (h *Handler) secure(next http.HandlerFunc) http.HandlerFunc {
	return h.secureWith(pageCSP, next)
}

// secureWith is secure with another policy.
func (h *Handler) secureWith(csp string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		// Story links lead to news sites, which need not learn the
		// internal address of the desk's redline. Not no-referrer: under
		// it browsers send "Origin: null" with our own forms, which the
		// guard rightly refuses.
		hd.Set("Referrer-Policy", "same-origin")
		if r.Method == http.MethodPost {
			// A form of ours is a few fields; parsing it here, capped,
			// means a handler never sees a half-read one.
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
			if err := r.ParseForm(); err != nil {
				h.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("ui: %s %s: the form could not be read (at most %d KiB): %v", r.Method, r.URL.Path, maxForm>>10, err))
				return
			}
		}
		next(w, r)
	}
}

// page is what the layout needs besides the page's own data.
type page struct {
	Title  string
	Nav    string // the nav entry to mark current
	CSRF   string
	Flash  flash
	Auth   authState
	Now    When
	Page   any
	Status int
}

type authState struct {
	Enforced bool // tokens are set, so there is a login
	LoggedIn bool
	Write    bool // may use the forms that change something
}

// render writes a page with status 200.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, name, title, nav string, data any) {
	h.renderStatus(w, r, http.StatusOK, name, title, nav, data)
}

func (h *Handler) renderStatus(w http.ResponseWriter, r *http.Request, status int, name, title, nav string, data any) {
	sess := h.session(w, r)
	p := page{
		Title: title, Nav: nav, CSRF: h.csrfToken(sess.ID), Flash: h.takeFlash(w, r),
		Auth: h.auth(r), Now: when(h.now(), h.now(), h.loc), Page: data, Status: status,
	}
	body, err := h.tmpl.execute(name, p)
	if err != nil {
		h.logger.Error("ui: render failed", "page", name, "error", err)
		http.Error(w, "redline: this page could not be drawn; the log has the reason", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Pages show live state and may hold a CSRF token: never cache them.
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// errorPage explains a failure in words; status says what kind.
type errorPage struct {
	Code    int
	Message string
	Back    string
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if status >= 500 {
		h.logger.Error("ui: request failed", "path", r.URL.Path, "error", msg)
	}
	h.renderStatus(w, r, status, "error", http.StatusText(status), "", errorPage{Code: status, Message: msg, Back: "/stories"})
}

// failErr maps a service error to a status, as the API does.
func (h *Handler) failErr(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, redline.ErrStoryNotFound), errors.Is(err, redline.ErrVersionNotFound):
		status = http.StatusNotFound
	case errors.Is(err, redline.ErrPageDropped):
		status = http.StatusGone
	case errors.Is(err, redline.ErrBadURL), errors.Is(err, redline.ErrForbiddenTarget), errors.Is(err, redline.ErrBadRequest):
		status = http.StatusBadRequest
	case errors.Is(err, redline.ErrStoryExists), errors.Is(err, redline.ErrBusy):
		status = http.StatusConflict
	}
	h.fail(w, r, status, err.Error())
}

// redirect answers a form with 303, so reload does not send it again.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// localPath keeps a ?next= target on this site: a login form must not
// become a way to send people elsewhere.
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/stories"
	}
	return u.RequestURI()
}
