package ui

import (
	"errors"
	"net/http"

	"github.com/redline-news/redline/web"
)

// guardOptions adapt the API's guard to pages: form bodies, the login
// cookie, and refusals drawn as pages (the login form for a browser
// without credentials).
func (h *Handler) guardOptions(public bool) web.GuardOptions {
	return web.GuardOptions{Cookie: true, Forms: true, Public: public, Refuse: h.refuse}
}

func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	w.Header().Set("Content-Security-Policy", pageCSP)
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		h.renderLogin(w, r, http.StatusUnauthorized, r.URL.RequestURI(), "")
		return
	}
	h.fail(w, r, status, msg)
}

func (h *Handler) auth(r *http.Request) authState {
	a := authState{Enforced: h.access.Enforced(), Write: !h.access.Enforced()}
	if s, ok := h.access.SessionOf(r); ok {
		a.LoggedIn, a.Write = true, s.Write
	}
	return a
}

type loginPage struct {
	Next  string
	Error string
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	if !h.access.Enforced() {
		h.redirect(w, r, localPath(r.URL.Query().Get("next")))
		return
	}
	h.renderLogin(w, r, http.StatusOK, r.URL.Query().Get("next"), "")
}

func (h *Handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, next, msg string) {
	h.renderStatus(w, r, status, "login", "Log in", "", loginPage{Next: localPath(next), Error: msg})
}

// login swaps a token for a session cookie; the token itself is never
// stored in the browser.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostFormValue("next"))
	if !h.checkCSRF(r) {
		h.renderLogin(w, r, http.StatusForbidden, next, "The form expired (or came from another page). Enter the token again.")
		return
	}
	if !h.access.Enforced() {
		h.redirect(w, r, next)
		return
	}
	_, value, err := h.access.Login(r.PostFormValue("token"))
	if errors.Is(err, web.ErrBadToken) {
		h.renderLogin(w, r, http.StatusUnauthorized, next, "That is not this redline's read or write token.")
		return
	}
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	// A week: a desk logs in once, not at every shift; logging out or a
	// new token ends it sooner.
	h.setCookie(w, r, web.SessionCookie, value, 7*24*3600)
	h.redirect(w, r, next)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if !h.checkCSRF(r) {
		h.fail(w, r, http.StatusForbidden, "logout refused: the form expired or came from another page; reload and try again")
		return
	}
	h.setCookie(w, r, web.SessionCookie, "", -1)
	to := "/login"
	if !h.access.Enforced() {
		to = "/stories"
	}
	h.redirect(w, r, to)
}
