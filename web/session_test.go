package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAccess_Login: the session cookie names its role and is signed with
// that role's token, so a read session cannot be turned into a write one,
// a token change ends the sessions it issued, and the token never appears.
func TestAccess_Login(t *testing.T) {
	acc := Access{ReadToken: "read-token-0123456789", WriteToken: "write-token-0123456789"}
	for _, bad := range []string{"", "  ", "read-token", "write-token-0123456789x"} {
		if _, _, err := acc.Login(bad); !errors.Is(err, ErrBadToken) {
			t.Errorf("Login(%q): %v, want ErrBadToken", bad, err)
		}
	}
	sess, value, err := acc.Login(" read-token-0123456789 ")
	if err != nil || sess.Write || sess.ID == "" {
		t.Fatalf("Login(read token): %+v, %v", sess, err)
	}
	if strings.Contains(value, acc.ReadToken) {
		t.Fatalf("cookie value %q holds the token", value)
	}
	withCookie := func(v string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/stories", nil)
		r.AddCookie(&http.Cookie{Name: SessionCookie, Value: v})
		return r
	}
	if got, ok := acc.SessionOf(withCookie(value)); !ok || got != sess {
		t.Errorf("SessionOf(issued cookie) = %+v, %v; want %+v", got, ok, sess)
	}
	forged := strings.Replace(value, ".r.", ".w.", 1)
	if _, ok := acc.SessionOf(withCookie(forged)); ok {
		t.Error("a read session relabelled as write was accepted")
	}
	rotated := Access{ReadToken: "read-token-rotated-0123", WriteToken: acc.WriteToken}
	if _, ok := rotated.SessionOf(withCookie(value)); ok {
		t.Error("a session survived the change of its token")
	}
	if _, ok := (Access{}).SessionOf(withCookie(value)); ok {
		t.Error("a redline without tokens accepted a session cookie")
	}
}

// TestAccess_Guard_cookie: Guard (pages, feeds, metrics) takes the login
// cookie and holds a read session to GET; the API's guard does not take
// it at all.
func TestAccess_Guard_cookie(t *testing.T) {
	acc := Access{Hosts: []string{"redline.test"}, ReadToken: "read-token-0123456789", WriteToken: "write-token-0123456789"}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	_, readV, _ := acc.Login(acc.ReadToken)
	_, writeV, _ := acc.Login(acc.WriteToken)
	for _, tc := range []struct {
		name   string
		h      http.Handler
		method string
		value  string
		want   int
	}{
		{"guard read GET", acc.Guard(ok), http.MethodGet, readV, http.StatusNoContent},
		{"guard write GET", acc.Guard(ok), http.MethodGet, writeV, http.StatusNoContent},
		{"guard read POST", acc.GuardWith(ok, GuardOptions{Cookie: true, Forms: true}), http.MethodPost, readV, http.StatusForbidden},
		{"guard write POST", acc.GuardWith(ok, GuardOptions{Cookie: true, Forms: true}), http.MethodPost, writeV, http.StatusNoContent},
		{"api write GET", acc.guard(ok), http.MethodGet, writeV, http.StatusUnauthorized},
		{"public without cookie", acc.GuardWith(ok, GuardOptions{Public: true}), http.MethodGet, "", http.StatusNoContent},
	} {
		r := httptest.NewRequest(tc.method, "http://127.0.0.1:8080/x", nil)
		if tc.method == http.MethodPost {
			r = httptest.NewRequest(tc.method, "http://127.0.0.1:8080/x", strings.NewReader("a=b"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		r.Host = "redline.test"
		if tc.value != "" {
			r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tc.value})
		}
		w := httptest.NewRecorder()
		tc.h.ServeHTTP(w, r)
		if w.Code != tc.want {
			t.Errorf("%s: %d, want %d: %s", tc.name, w.Code, tc.want, w.Body)
		}
	}
}
