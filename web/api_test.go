package web_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// testAPI is the API served on 127.0.0.1 over a real store, crawler and
// extractor, with the simulated newsroom as the site being tracked.
type testAPI struct {
	URL     string // of the API server
	local   *tracker.Service
	site    *newsroom.Site
	siteURL string
}

// newAPI serves the API with the loopback defaults and returns its client.
func newAPI(t *testing.T) (client *web.Client, site *newsroom.Site, siteURL string) {
	t.Helper()
	api := serveAPI(t, web.Access{})
	return web.NewClient(api.URL), api.site, api.siteURL
}

func serveAPI(t *testing.T, acc web.Access) *testAPI {
	t.Helper()
	site := newsroom.NewSite(newsroom.Options{Seed: 3})
	siteSrv := httptest.NewServer(site.Handler())
	t.Cleanup(siteSrv.Close)
	local := newService(t, true)
	apiSrv := serveService(t, local, acc)
	return &testAPI{URL: apiSrv.URL, local: local, site: site, siteURL: siteSrv.URL}
}

// newService is the application service over a real store, crawler and
// extractor; allowPrivate opens the outbound guard, as the tests' sites
// are on loopback.
func newService(t *testing.T, allowPrivate bool) *tracker.Service {
	t.Helper()
	st := testutil.MustOpenStore(t)
	cr, err := crawler.New(crawler.Options{HostDelay: -1, AllowPrivate: allowPrivate})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cr.Close() })
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tracker.New(tracker.Options{Store: st, Crawler: cr, Extractor: ex})
	if err != nil {
		t.Fatal(err)
	}
	return &tracker.Service{Store: st, Tracker: tr, Line: web.ExportLineOf}
}

// serveService serves the API over svc on 127.0.0.1, as serve does.
func serveService(t *testing.T, svc *tracker.Service, acc web.Access) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	web.NewAPI(svc, web.Health{Version: "test", DB: svc.Store.Path(), Role: "daemon"}, nil).Restrict(acc).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// call sends one raw request, as a browser or curl would, and returns the
// status, the headers and the body.
func (api *testAPI) call(t *testing.T, method, path, body string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, api.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(data)
}

// stories is what the store holds, read directly rather than through the
// API under test.
func (api *testAPI) stories(t *testing.T) []redline.Story {
	t.Helper()
	all, err := api.local.Store.Stories()
	if err != nil {
		t.Fatal(err)
	}
	return all
}

var jsonBody = map[string]string{"Content-Type": "application/json"}

func TestClient_roundTrip(t *testing.T) {
	c, site, base := newAPI(t)
	ctx := context.Background()
	url := site.StoryURL(base, site.Slugs()[0])

	h, err := c.Health(ctx)
	if err != nil || h.Role != "daemon" || h.PID == 0 {
		t.Fatalf("health = %+v, %v", h, err)
	}
	st, err := c.Track(ctx, redline.TrackRequest{URL: url + "?utm_source=x", Tags: []string{"Metro"}})
	if err != nil || st.ID != 1 || st.URL != url || st.Tags[0] != "metro" {
		t.Fatalf("track = %+v, %v", st, err)
	}
	again, err := c.Track(ctx, redline.TrackRequest{URL: url})
	if !errors.Is(err, redline.ErrStoryExists) || again.ID != st.ID {
		t.Fatalf("second track = %+v, %v; want ErrStoryExists with story %d", again, err, st.ID)
	}
	if _, err := c.Track(ctx, redline.TrackRequest{URL: "ftp://example.com/x"}); !errors.Is(err, redline.ErrBadURL) || !strings.Contains(err.Error(), "ftp://example.com/x") {
		t.Errorf("bad URL: %v; want ErrBadURL naming it", err)
	}
	if _, err := c.Track(ctx, redline.TrackRequest{URL: url + "-2", Every: "5s"}); !errors.Is(err, redline.ErrBadRequest) {
		t.Errorf("impolite interval: %v; want ErrBadRequest", err)
	}

	report, err := c.Crawl(ctx, redline.CrawlRequest{All: true})
	if err != nil || report.Changed != 1 || report.Stories[0].Result != redline.ResultNew {
		t.Fatalf("crawl = %+v, %v", report, err)
	}
	byURL, err := c.Story(ctx, url)
	if err != nil || byURL.ID != st.ID || byURL.Versions != 1 {
		t.Fatalf("lookup by URL = %+v, %v", byURL, err)
	}
	v, err := c.Version(ctx, st.ID, 0)
	if err != nil || v.N != 1 || len(v.Article.Paragraphs) == 0 {
		t.Fatalf("latest version = %+v, %v", v, err)
	}
	raw, err := c.RawHTML(ctx, st.ID, 1)
	if err != nil || !strings.Contains(string(raw), "<html") {
		t.Fatalf("raw HTML: %d bytes, %v", len(raw), err)
	}
	log, err := c.Log(ctx, st.ID, true)
	if err != nil || len(log.Versions) != 1 || len(log.Checks) != 1 {
		t.Fatalf("log = %+v, %v", log, err)
	}
	if _, err := c.Version(ctx, st.ID, 9); !errors.Is(err, redline.ErrVersionNotFound) {
		t.Errorf("missing version: %v; want ErrVersionNotFound", err)
	}
	if _, err := c.Story(ctx, "42"); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("missing story: %v; want ErrStoryNotFound", err)
	}
	paused, err := c.Untrack(ctx, st.ID, false)
	if err != nil || paused.Status != redline.StatusPaused {
		t.Fatalf("untrack = %+v, %v", paused, err)
	}
	if _, err := c.Untrack(ctx, st.ID, true); err != nil {
		t.Fatal(err)
	}
	if all, err := c.Stories(ctx); err != nil || len(all) != 0 {
		t.Errorf("after purge: %+v, %v", all, err)
	}
}

func TestAPI_errors(t *testing.T) {
	api := serveAPI(t, web.Access{})
	tests := []struct {
		method, path, body string
		status             int
		code               string
	}{
		{"GET", "/api/v1/nothing", "", http.StatusNotFound, `"not_found"`},
		{"GET", "/api/v1/stories/abc", "", http.StatusBadRequest, `"bad_url"`},
		{"GET", "/api/v1/stories/7", "", http.StatusNotFound, `"story_not_found"`},
		{"DELETE", "/api/v1/stories/abc", "", http.StatusBadRequest, "is not a number"},
		{"GET", "/api/v1/stories/1/versions/0", "", http.StatusBadRequest, `\"latest\"`},
		{"POST", "/api/v1/stories", "{not json", http.StatusBadRequest, "invalid JSON body"},
		{"POST", "/api/v1/stories", `{"url": "https://a.example/x", "colour": "red"}`, http.StatusBadRequest, `unknown field \"colour\"`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			status, header, body := api.call(t, tt.method, tt.path, tt.body, jsonBody)
			if status != tt.status || !strings.Contains(body, tt.code) {
				t.Errorf("%d %s; want %d containing %s", status, body, tt.status, tt.code)
			}
			if ct := header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}
