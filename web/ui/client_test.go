package ui

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// browserClient is a plain HTTP client that behaves like a browser for
// the guard: a cookie jar, redirects not followed (the tests look at them),
// and a same-origin Origin on every POST, as browsers send.
type browserClient struct {
	t      testing.TB
	base   string
	http   *http.Client
	bearer string
	header http.Header // extra headers on every request
}

func newClient(t testing.TB, base string) *browserClient {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browserClient{t: t, base: base, header: http.Header{}, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type result struct {
	status int
	header http.Header
	body   string
}

func (c *browserClient) do(req *http.Request) result {
	c.t.Helper()
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return result{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (c *browserClient) get(path string) result {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form as a browser would, from a page of this site.
func (c *browserClient) post(path string, form url.Values) result {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf loads path and returns the CSRF token of its forms.
func (c *browserClient) csrf(path string) string {
	c.t.Helper()
	r := c.get(path)
	m := csrfField.FindStringSubmatch(r.body)
	if m == nil {
		c.t.Fatalf("GET %s (%d) has no CSRF field:\n%s", path, r.status, r.body)
	}
	return m[1]
}

// login logs in with token through the form and fails unless it worked.
func (c *browserClient) login(token string) {
	c.t.Helper()
	r := c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "token": {token}, "next": {"/stories"}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/stories" {
		c.t.Fatalf("login: %d to %q, want 303 to /stories\n%s", r.status, r.header.Get("Location"), r.body)
	}
}

// flash follows a form's redirect and returns the flash message shown.
func (c *browserClient) flash(r result) string {
	c.t.Helper()
	if r.status != http.StatusSeeOther {
		c.t.Fatalf("form answered %d, want 303 to a page with a message\n%s", r.status, r.body)
	}
	page := c.get(r.header.Get("Location"))
	m := regexp.MustCompile(`(?s)<p class="flash flash-(\w+)" role="status">(.*?)</p>`).FindStringSubmatch(page.body)
	if m == nil {
		return ""
	}
	return m[1] + ": " + m[2]
}

// formCSRF is a form holding only the session's CSRF token.
func formCSRF(c *browserClient) url.Values { return url.Values{"csrf": {c.csrf("/stories")}} }

// withCSRF is a form of key/value pairs plus the CSRF token.
func withCSRF(c *browserClient, kv ...string) url.Values {
	f := formCSRF(c)
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}
