package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/redline-news/redline/web"
)

// Tokens for the enforced-access tests (16+ characters, as config wants).
const (
	readToken  = "read-token-0123456789"
	writeToken = "write-token-0123456789"
)

var tokens = web.Access{ReadToken: readToken, WriteToken: writeToken}

// TestPages_tokens: with tokens set, every page needs one, by Bearer or
// by the login cookie; without one a browser gets the login form (401),
// a wrong token or a forged cookie gets nothing, and the read token reads.
func TestPages_tokens(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	e.track(t, e.site.Slugs()[0])
	cases := []struct {
		name   string
		setup  func(c *browserClient)
		status int
		want   string
	}{
		{"none", func(*browserClient) {}, http.StatusUnauthorized, `action="/login"`},
		{"wrong bearer", func(c *browserClient) { c.bearer = "not-the-token-at-all" }, http.StatusUnauthorized, `action="/login"`},
		{"read bearer", func(c *browserClient) { c.bearer = readToken }, http.StatusOK, `href="/stories/1"`},
		{"write bearer", func(c *browserClient) { c.bearer = writeToken }, http.StatusOK, `href="/stories/1"`},
		{"read login", func(c *browserClient) { c.login(readToken) }, http.StatusOK, `href="/stories/1"`},
		{"write login", func(c *browserClient) { c.login(writeToken) }, http.StatusOK, `action="/stories/1/untrack"`},
		{"forged cookie", func(c *browserClient) {
			u, _ := url.Parse(c.base)
			c.http.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: "abc.w.bm90IGEgbWFj", Path: "/"}})
		}, http.StatusUnauthorized, `action="/login"`},
		{"login token as bearer-less cookie from another redline", func(c *browserClient) {
			other := web.Access{WriteToken: "another-redline-write-token"}
			_, v, err := other.Login("another-redline-write-token")
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(c.base)
			c.http.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: v, Path: "/"}})
		}, http.StatusUnauthorized, `action="/login"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, e.srv.URL)
			tc.setup(c)
			for _, path := range []string{"/stories", "/sources"} {
				r := c.get(path)
				if r.status != tc.status {
					t.Errorf("GET %s: %d, want %d\n%s", path, r.status, tc.status, r.body)
				}
				if path == "/stories" && !strings.Contains(r.body, tc.want) {
					t.Errorf("GET %s lacks %q", path, tc.want)
				}
			}
		})
	}
	// The read login shows no forms that write.
	c := newClient(t, e.srv.URL)
	c.login(readToken)
	if r := c.get("/stories"); strings.Contains(r.body, `/untrack"`) || strings.Contains(r.body, `method="post" action="/stories"`) {
		t.Error("the read login's stories page offers forms that write")
	}
}

// TestPages_writes: the forms that change something need the write
// token's login and the session's CSRF token; the read login, Bearer
// without a session, a missing or another session's CSRF token, and a
// cross-site origin are all refused before anything changes.
func TestPages_writes(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	st := e.track(t, e.site.Slugs()[0])
	writer := newClient(t, e.srv.URL)
	writer.login(writeToken)
	csrf := writer.csrf("/stories")
	reader := newClient(t, e.srv.URL)
	reader.login(readToken)
	other := newClient(t, e.srv.URL)
	other.login(writeToken)
	otherCSRF := other.csrf("/stories")

	untrack := "/stories/1/untrack"
	cases := []struct {
		name   string
		c      *browserClient
		form   url.Values
		prep   func(*browserClient) func()
		status int
	}{
		{"no login", newClient(t, e.srv.URL), url.Values{"csrf": {csrf}}, nil, http.StatusUnauthorized},
		{"read login", reader, url.Values{"csrf": {reader.csrf("/stories")}}, nil, http.StatusForbidden},
		{"write login without csrf", writer, url.Values{}, nil, http.StatusForbidden},
		{"write login with another session's csrf", writer, url.Values{"csrf": {otherCSRF}}, nil, http.StatusForbidden},
		{"write bearer without a session", func() *browserClient {
			c := newClient(t, e.srv.URL)
			c.bearer = writeToken
			return c
		}(), url.Values{"csrf": {csrf}}, nil, http.StatusForbidden},
		{"write login from another site", writer, url.Values{"csrf": {csrf}}, func(c *browserClient) func() {
			c.header.Set("Sec-Fetch-Site", "cross-site")
			return func() { c.header.Del("Sec-Fetch-Site") }
		}, http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.prep != nil {
				defer tc.prep(tc.c)()
			}
			for _, path := range []string{untrack, "/stories/1/crawl", "/stories"} {
				form := url.Values{"url": {e.site.StoryURL(e.siteSrv.URL, "another")}}
				for k, v := range tc.form {
					form[k] = v
				}
				if r := tc.c.post(path, form); r.status != tc.status {
					t.Errorf("POST %s: %d, want %d\n%s", path, r.status, tc.status, r.body)
				}
			}
		})
	}
	if got, _ := e.svc.Story(t.Context(), "1"); got.Status != st.Status {
		t.Fatalf("a refused untrack changed the story: status %s, was %s", got.Status, st.Status)
	}
	if all, _ := e.svc.Stories(t.Context()); len(all) != 1 {
		t.Fatalf("a refused add tracked a story: %d stories", len(all))
	}
	if msg := writer.flash(writer.post(untrack, url.Values{"csrf": {csrf}})); !strings.HasPrefix(msg, "ok: Stopped checking story 1") {
		t.Errorf("untrack with the write login: flash %q", msg)
	}
	if got, _ := e.svc.Story(t.Context(), "1"); got.Status != "paused" {
		t.Errorf("after untrack the story is %s, want paused", got.Status)
	}
}

// TestLogin: a wrong token is refused on the form with a message; the
// form needs its CSRF token (no login CSRF); next= stays on this site;
// logout ends the session in this browser.
func TestLogin(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	c := newClient(t, e.srv.URL)
	r := c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "token": {"wrong-token-0123456789"}})
	if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "not this redline") {
		t.Errorf("wrong token: %d\n%s", r.status, r.body)
	}
	if r := c.post("/login", url.Values{"token": {writeToken}}); r.status != http.StatusForbidden || c.get("/stories").status != http.StatusUnauthorized {
		t.Errorf("login without CSRF: %d, and it logged in", r.status)
	}
	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		r := c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "token": {readToken}, "next": {next}})
		if loc := r.header.Get("Location"); r.status != http.StatusSeeOther || loc != "/stories" {
			t.Errorf("login with next=%q: %d to %q, want 303 to /stories", next, r.status, loc)
		}
	}
	r = c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "token": {readToken}, "next": {"/stories?tag=metro"}})
	if loc := r.header.Get("Location"); loc != "/stories?tag=metro" {
		t.Errorf("login with a local next went to %q", loc)
	}
	for _, ck := range c.http.Jar.Cookies(mustURL(t, e.srv.URL)) {
		if ck.Name == web.SessionCookie && (strings.Contains(ck.Value, readToken) || strings.Contains(ck.Value, writeToken)) {
			t.Errorf("the session cookie holds the token: %q", ck.Value)
		}
	}
	if r := c.post("/logout", url.Values{"csrf": {c.csrf("/stories")}}); r.status != http.StatusSeeOther {
		t.Fatalf("logout: %d\n%s", r.status, r.body)
	}
	if r := c.get("/stories"); r.status != http.StatusUnauthorized {
		t.Errorf("after logout GET /stories: %d, want 401", r.status)
	}
}

// TestLogin_cookieAttributes: the session cookie is HttpOnly and
// SameSite=Strict always, and Secure when the browser came over HTTPS
// (here: through a proxy that says so).
func TestLogin_cookieAttributes(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	for _, proto := range []string{"", "https"} {
		c := newClient(t, e.srv.URL)
		csrf := c.csrf("/login")
		if proto != "" {
			c.header.Set("X-Forwarded-Proto", proto)
		}
		r := c.post("/login", url.Values{"csrf": {csrf}, "token": {writeToken}})
		var got *http.Cookie
		for _, ck := range (&http.Response{Header: r.header}).Cookies() {
			if ck.Name == web.SessionCookie {
				got = ck
			}
		}
		if got == nil {
			t.Fatalf("proto %q: login set no session cookie: %v", proto, r.header)
		}
		if !got.HttpOnly || got.SameSite != http.SameSiteStrictMode || got.Secure != (proto == "https") || got.Path != "/" {
			t.Errorf("proto %q: cookie %+v, want HttpOnly, SameSite=Strict, Secure=%v, Path=/", proto, got, proto == "https")
		}
	}
}

// TestAPI_refusesTheLoginCookie: the JSON API stays Bearer-only, so the
// login cookie a browser holds can never be spent on the API's writes.
func TestAPI_refusesTheLoginCookie(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	c := newClient(t, e.srv.URL)
	c.login(writeToken)
	if r := c.get("/api/v1/stories"); r.status != http.StatusUnauthorized {
		t.Errorf("GET /api/v1/stories with the login cookie: %d, want 401", r.status)
	}
	// The static assets need no token: the login page uses them.
	anon := newClient(t, e.srv.URL)
	if r := anon.get("/static/redline.css"); r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("GET /static/redline.css without a token: %d %s", r.status, r.header.Get("Content-Type"))
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
