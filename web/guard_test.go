package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// TestAccess_refusesForgedRequests: what a page on another site can make
// a browser send is refused before any handler runs, so nothing is
// tracked or crawled; the CLI's requests and same-origin ones work.
func TestAccess_refusesForgedRequests(t *testing.T) {
	api := serveAPI(t, web.Access{Hosts: []string{"redline.newsroom.org"}})
	u, _ := url.Parse(api.URL)
	port := u.Port()
	story := api.site.StoryURL(api.siteURL, api.site.Slugs()[0])
	track := `{"url": "` + story + `-new"}`
	// One story is tracked already, so a crawl that slipped through would
	// leave a check behind.
	if _, err := api.local.Tracker.Track(story, tracker.TrackOptions{}); err != nil {
		t.Fatal(err)
	}

	refused := []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
		code                     string
	}{
		{"text/plain form posting a story", "POST", "/api/v1/stories", track,
			map[string]string{"Content-Type": "text/plain", "Origin": "http://attacker.example"}, http.StatusForbidden, "cross_origin"},
		{"text/plain without Origin", "POST", "/api/v1/stories", track,
			map[string]string{"Content-Type": "text/plain"}, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"urlencoded form running a crawl", "POST", "/api/v1/crawl", "all=true",
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"no Content-Type", "POST", "/api/v1/crawl", `{"all": true}`, nil, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"rebound foreign Host", "GET", "/api/v1/stories", "",
			map[string]string{"Host": "attacker.example:" + port}, http.StatusMisdirectedRequest, "bad_host"},
		{"foreign Host on a write", "POST", "/api/v1/stories", track,
			map[string]string{"Host": "attacker.example:" + port, "Content-Type": "application/json"}, http.StatusMisdirectedRequest, "bad_host"},
		{"right name, wrong port", "GET", "/api/v1/health", "",
			map[string]string{"Host": "127.0.0.1:1"}, http.StatusMisdirectedRequest, "bad_host"},
		{"foreign Origin with JSON", "POST", "/api/v1/stories", track,
			map[string]string{"Content-Type": "application/json", "Origin": "http://attacker.example"}, http.StatusForbidden, "cross_origin"},
		{"same host, other scheme", "POST", "/api/v1/stories", track,
			map[string]string{"Content-Type": "application/json", "Origin": "https://127.0.0.1:" + port}, http.StatusForbidden, "cross_origin"},
		{"Origin null", "POST", "/api/v1/crawl", `{}`,
			map[string]string{"Content-Type": "application/json", "Origin": "null"}, http.StatusForbidden, "cross_origin"},
		{"Sec-Fetch-Site cross-site read", "GET", "/api/v1/stories", "",
			map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden, "cross_origin"},
		{"Sec-Fetch-Site same-site write", "DELETE", "/api/v1/stories/1", "",
			map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden, "cross_origin"},
		{"preflight from another site", "OPTIONS", "/api/v1/stories", "",
			map[string]string{"Origin": "http://attacker.example", "Access-Control-Request-Method": "POST"}, http.StatusForbidden, "cross_origin"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := api.call(t, tt.method, tt.path, tt.body, tt.header)
			if status != tt.status || !strings.Contains(body, `"code": "`+tt.code+`"`) {
				t.Errorf("%d %s; want %d with code %s", status, body, tt.status, tt.code)
			}
			for k := range header {
				if strings.HasPrefix(k, "Access-Control-") {
					t.Errorf("CORS header %s: %s", k, header.Get(k))
				}
			}
		})
	}
	if got := api.stories(t); len(got) != 1 {
		t.Fatalf("refused requests tracked stories: %+v", got)
	}
	if checks, err := api.local.Store.Checks(1, 0); err != nil || len(checks) != 0 {
		t.Fatalf("refused requests ran a crawl: %d checks, %v", len(checks), err)
	}

	allowed := []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
	}{
		{"CLI: JSON, no Origin", "POST", "/api/v1/stories", track, jsonBody, http.StatusCreated},
		{"CLI: crawl", "POST", "/api/v1/crawl", `{"ids": [1]}`, jsonBody, http.StatusOK},
		{"same origin with charset", "POST", "/api/v1/stories", `{"url": "` + story + `-2"}`,
			map[string]string{"Content-Type": "application/json; charset=utf-8", "Origin": api.URL, "Sec-Fetch-Site": "same-origin"}, http.StatusCreated},
		{"localhost name", "GET", "/api/v1/stories", "", map[string]string{"Host": "localhost:" + port}, http.StatusOK},
		{"IPv6 loopback name", "GET", "/api/v1/stories", "", map[string]string{"Host": "[::1]:" + port}, http.StatusOK},
		{"configured name behind a proxy", "POST", "/api/v1/stories", `{"url": "` + story + `-3"}`,
			map[string]string{"Host": "redline.newsroom.org", "Origin": "https://redline.newsroom.org", "Content-Type": "application/json"}, http.StatusCreated},
		{"address bar", "GET", "/api/v1/health", "", map[string]string{"Sec-Fetch-Site": "none"}, http.StatusOK},
		{"same-origin preflight gets no CORS", "OPTIONS", "/api/v1/stories", "", map[string]string{"Origin": api.URL}, http.StatusNotFound},
	}
	for _, tt := range allowed {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := api.call(t, tt.method, tt.path, tt.body, tt.header)
			if status != tt.status {
				t.Errorf("%d %s; want %d", status, body, tt.status)
			}
			if v := header.Get("Access-Control-Allow-Origin"); v != "" {
				t.Errorf("Access-Control-Allow-Origin: %s", v)
			}
		})
	}
	if got := api.stories(t); len(got) != 4 {
		t.Errorf("allowed requests tracked %d stories, want 3 more than 1", len(got))
	}
	if checks, err := api.local.Store.Checks(1, 0); err != nil || len(checks) != 1 {
		t.Errorf("the allowed crawl left %d checks, %v; want 1", len(checks), err)
	}
}

// TestAccess_tokens: with tokens set every route needs one; the read
// token reads, only the write token writes.
func TestAccess_tokens(t *testing.T) {
	const readTok, writeTok = "read-0123456789abcdef", "write-0123456789abcdef"
	api := serveAPI(t, web.Access{ReadToken: readTok, WriteToken: writeTok})
	story := api.site.StoryURL(api.siteURL, api.site.Slugs()[0])
	track := `{"url": "` + story + `"}`
	auth := func(tok string) map[string]string {
		return map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + tok}
	}
	tests := []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
		code                     string
	}{
		{"no token", "GET", "/api/v1/stories", "", nil, http.StatusUnauthorized, "unauthorized"},
		{"health needs a token too", "GET", "/api/v1/health", "", nil, http.StatusUnauthorized, "unauthorized"},
		{"wrong token", "GET", "/api/v1/stories", "", auth("read-0123456789abcdeX"), http.StatusUnauthorized, "unauthorized"},
		{"token prefix", "GET", "/api/v1/stories", "", auth(readTok[:8]), http.StatusUnauthorized, "unauthorized"},
		{"basic auth is not a bearer token", "GET", "/api/v1/stories", "",
			map[string]string{"Authorization": "Basic " + readTok}, http.StatusUnauthorized, "unauthorized"},
		{"read token cannot track", "POST", "/api/v1/stories", track, auth(readTok), http.StatusForbidden, "forbidden"},
		{"read token cannot crawl", "POST", "/api/v1/crawl", `{"all": true}`, auth(readTok), http.StatusForbidden, "forbidden"},
		{"no token cannot track", "POST", "/api/v1/stories", track, jsonBody, http.StatusUnauthorized, "unauthorized"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := api.call(t, tt.method, tt.path, tt.body, tt.header)
			if status != tt.status || !strings.Contains(body, `"code": "`+tt.code+`"`) {
				t.Errorf("%d %s; want %d with code %s", status, body, tt.status, tt.code)
			}
			if status == http.StatusUnauthorized && !strings.HasPrefix(header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: Bearer: %q", header.Get("WWW-Authenticate"))
			}
			if strings.Contains(body, readTok) || strings.Contains(body, writeTok) {
				t.Errorf("an error body repeats a token: %s", body)
			}
		})
	}
	if got := api.stories(t); len(got) != 0 {
		t.Fatalf("refused requests tracked %d stories", len(got))
	}
	if status, _, body := api.call(t, "GET", "/api/v1/stories", "", auth(readTok)); status != http.StatusOK {
		t.Errorf("read token reading: %d %s", status, body)
	}
	if status, _, body := api.call(t, "POST", "/api/v1/stories", track, auth(writeTok)); status != http.StatusCreated {
		t.Errorf("write token tracking: %d %s", status, body)
	}
	if status, _, body := api.call(t, "GET", "/api/v1/stories", "", auth(writeTok)); status != http.StatusOK {
		t.Errorf("write token reading: %d %s", status, body)
	}

	// The CLI's client: the sentinels tell a caller which token is wrong.
	ctx := context.Background()
	if _, err := web.NewClient(api.URL).Stories(ctx); !errors.Is(err, web.ErrUnauthorized) {
		t.Errorf("client without token: %v; want ErrUnauthorized", err)
	}
	reader := web.NewClient(api.URL, web.WithToken(readTok))
	if all, err := reader.Stories(ctx); err != nil || len(all) != 1 {
		t.Errorf("client with read token: %d stories, %v", len(all), err)
	}
	if _, err := reader.Track(ctx, redline.TrackRequest{URL: story + "-2"}); !errors.Is(err, web.ErrForbidden) {
		t.Errorf("client with read token tracking: %v; want ErrForbidden", err)
	}
	writer := web.NewClient(api.URL, web.WithToken(writeTok))
	if _, err := writer.Track(ctx, redline.TrackRequest{URL: story + "-2"}); err != nil {
		t.Errorf("client with write token tracking: %v", err)
	}
	if h, err := writer.Health(ctx); err != nil || h.Role != "daemon" {
		t.Errorf("client health with write token: %+v, %v", h, err)
	}
}
