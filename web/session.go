package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
)

// SessionCookie is the name of the pages' login cookie.
const SessionCookie = "redline_session"

// ErrBadToken is the login error for a token that is neither of this
// redline's tokens.
var ErrBadToken = errors.New("the token is not this redline's read or write token")

// Session is a browser's login: a random ID and what its token allowed.
// The cookie holds the ID, the role and an HMAC keyed by the token, never
// the token itself, so the server keeps no session state, sessions
// survive a restart, and changing a token logs out everyone who used it.
type Session struct {
	ID    string
	Write bool
}

// Login checks a token typed into the login form and returns a new
// session and the cookie value that carries it.
func (acc Access) Login(token string) (Session, string, error) {
	sum := tokenSum(strings.TrimSpace(token))
	var sess Session
	switch {
	case sum == nil:
		return Session{}, "", ErrBadToken
	case acc.WriteToken != "" && subtle.ConstantTimeCompare(sum, tokenSum(acc.WriteToken)) == 1:
		sess.Write = true
	case acc.ReadToken != "" && subtle.ConstantTimeCompare(sum, tokenSum(acc.ReadToken)) == 1:
	default:
		return Session{}, "", ErrBadToken
	}
	id := make([]byte, 18)
	_, _ = rand.Read(id) // never fails since Go 1.24
	sess.ID = base64.RawURLEncoding.EncodeToString(id)
	return sess, acc.sessionValue(sess), nil
}

// SessionOf returns the valid login session the request's cookie carries.
func (acc Access) SessionOf(r *http.Request) (Session, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return Session{}, false
	}
	id, rest, ok := strings.Cut(c.Value, ".")
	if !ok || id == "" {
		return Session{}, false
	}
	role, _, ok := strings.Cut(rest, ".")
	if !ok || role != "r" && role != "w" {
		return Session{}, false
	}
	sess := Session{ID: id, Write: role == "w"}
	want := acc.sessionValue(sess)
	if want == "" || !hmac.Equal([]byte(c.Value), []byte(want)) {
		return Session{}, false
	}
	return sess, true
}

// sessionValue is "ID.role.MAC", or "" when the role's token is not set.
func (acc Access) sessionValue(s Session) string {
	token, role := acc.ReadToken, "r"
	if s.Write {
		token, role = acc.WriteToken, "w"
	}
	if token == "" {
		return ""
	}
	// The key is derived from the token with a label, so the MAC is of no
	// use as a token and cannot be confused with any other MAC redline makes.
	key := sha256.Sum256([]byte("redline session key\x00" + token))
	mac := hmac.New(sha256.New, key[:])
	mac.Write([]byte(s.ID + "." + role))
	return s.ID + "." + role + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
