package ui

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/redline-news/redline/web"
)

// flashCookie carries the message shown once after a form's redirect.
const flashCookie = "redline_flash"

// session is who the browser is, for CSRF: the login session when tokens
// are set and the browser logged in, else an anonymous one the pages
// issue, signed with a per-process key.
type session struct {
	ID    string
	Login bool
}

// session returns the request's session, issuing an anonymous one (as a
// cookie on w) when it has none, so every form can carry a CSRF token.
func (h *Handler) session(w http.ResponseWriter, r *http.Request) session {
	if s, ok := h.access.SessionOf(r); ok {
		return session{ID: s.ID, Login: true}
	}
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		if id, ok := h.anonID(c.Value); ok {
			return session{ID: id}
		}
	}
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	id := base64.RawURLEncoding.EncodeToString(b)
	h.setCookie(w, r, web.SessionCookie, id+".o."+h.mac(h.openKey, id), 0)
	return session{ID: id}
}

// existingSession is the request's session without issuing one: a POST
// without a session cannot hold a valid CSRF token anyway.
func (h *Handler) existingSession(r *http.Request) (session, bool) {
	if s, ok := h.access.SessionOf(r); ok {
		return session{ID: s.ID, Login: true}, true
	}
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		if id, ok := h.anonID(c.Value); ok {
			return session{ID: id}, true
		}
	}
	return session{}, false
}

func (h *Handler) anonID(v string) (string, bool) {
	id, rest, ok := strings.Cut(v, ".")
	if !ok || !strings.HasPrefix(rest, "o.") {
		return "", false
	}
	return id, hmac.Equal([]byte(rest[2:]), []byte(h.mac(h.openKey, id)))
}

func (h *Handler) mac(key []byte, msg string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfToken binds a form to the session that loaded it.
func (h *Handler) csrfToken(sessionID string) string {
	if sessionID == "" {
		return ""
	}
	return h.mac(h.csrfKey, "csrf\x00"+sessionID)
}

// checkCSRF reports whether a POST carries its session's CSRF token. The
// guard has already refused cross-site Origin and Sec-Fetch-Site; this is
// the wall for browsers or proxies that send neither.
func (h *Handler) checkCSRF(r *http.Request) bool {
	s, ok := h.existingSession(r)
	if !ok {
		return false
	}
	got := r.PostFormValue("csrf")
	return got != "" && hmac.Equal([]byte(got), []byte(h.csrfToken(s.ID)))
}

// setCookie sets an HttpOnly, SameSite=Strict cookie for the whole site;
// maxAge < 0 deletes it, 0 makes it last the browser session.
func (h *Handler) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secureRequest(r),
	})
}

// secureRequest reports whether the browser reached us over HTTPS, itself
// or through a proxy that says so. Only then are cookies marked Secure: on
// plain loopback HTTP a Secure cookie would never come back. Believing a
// forged X-Forwarded-Proto costs nothing: the cookie is then only withheld
// on plain HTTP, which makes logging in fail, not leak.
func secureRequest(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// flash is a one-time message after a redirect.
type flash struct {
	Kind string // "ok" or "error"
	Text string
}

// setFlash remembers a message for the next page; it is signed so another
// page on this host (cookies ignore ports) cannot plant words in ours.
func (h *Handler) setFlash(w http.ResponseWriter, r *http.Request, kind, text string) {
	if len(text) > 600 {
		text = text[:600] + "…"
	}
	v := base64.RawURLEncoding.EncodeToString([]byte(kind + "\x00" + text))
	h.setCookie(w, r, flashCookie, v+"."+h.mac(h.csrfKey, "flash\x00"+v), 0)
}

func (h *Handler) takeFlash(w http.ResponseWriter, r *http.Request) flash {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return flash{}
	}
	h.setCookie(w, r, flashCookie, "", -1)
	v, sig, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(h.mac(h.csrfKey, "flash\x00"+v))) {
		return flash{}
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return flash{}
	}
	kind, text, _ := strings.Cut(string(b), "\x00")
	return flash{Kind: kind, Text: text}
}
