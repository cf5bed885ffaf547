package ui_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
	"github.com/redline-news/redline/web/ui"
)

// pagesNow is the clock of the page tests; versions sit relative to it.
var pagesNow = time.Date(2026, time.December, 1, 8, 0, 0, 0, time.UTC)

// xss are the payloads put into every field of the hostile story. None
// may reach a page as markup.
var xss = []string{
	`</title><script>alert("headline")</script>`,
	`<img src=x onerror=alert("byline")>`,
	`<svg onload=alert("dek")>`,
	`<script>alert("para")</script>`,
	`<a href="javascript:alert('note')">click</a>`,
}

// evidenceHTML is the stored page of the hostile story: a script that
// would open a dialog if the frame ran it.
const evidenceHTML = `<!doctype html><html><head><title>stored</title></head><body><h1 id="stored">Stored page</h1><script>alert(1)</script><img src=x onerror="alert(2)"></body></html>`

// fireStory is four versions of a developing story: an edit, a re-read,
// then a rewrite with a moved paragraph, a new headline and a correction.
func fireStory() []redline.Article {
	v1 := redline.Article{
		Headline: "Warehouse fire kills 12 in harbour district", Dek: "Officials say the cause is not yet known.", Developing: true,
		Paragraphs: []string{
			"A fire at a warehouse in the harbour district killed 12 people on Tuesday night.",
			"The blaze broke out shortly after nine and took four hours to bring under control.",
			"Mayor Ana Ruiz said the city would open an inquiry into safety at the site.",
			"The warehouse stored cleaning chemicals and paper goods.",
			"Roads around the harbour remain closed.",
		},
	}
	v2 := v1
	v2.Paragraphs = slices.Clone(v1.Paragraphs)
	v2.Paragraphs[0] = "A fire at a warehouse in the harbour district killed 15 people on Tuesday night."
	v2.Paragraphs = append(v2.Paragraphs, "Firefighters remained at the scene on Wednesday morning.")
	// A re-read: the same page, read by a newer extractor that now finds
	// the sign-off; the fixture marks it Reread by its Extractor.
	v3 := v2
	v3.Extractor = "reread"
	v3.Paragraphs = append(slices.Clone(v2.Paragraphs), "Reporting by the city desk.")
	v4 := v3
	v4.Extractor = ""
	v4.Headline = "Warehouse fire kills 15; owner arrested"
	v4.Developing = false
	v4.Paragraphs = slices.Clone(v3.Paragraphs)
	p := v4.Paragraphs[3]
	v4.Paragraphs = slices.Insert(slices.Delete(v4.Paragraphs, 3, 4), 1, p)
	v4.Paragraphs = slices.Delete(v4.Paragraphs, 5, 6)
	v4.Notes = []string{"Correction: An earlier version misstated the mayor's name."}
	return []redline.Article{v1, v2, v3, v4}
}

// hostileStory carries a payload in every field that reaches a page.
func hostileStory() []redline.Article {
	v1 := redline.Article{Headline: "Quiet start " + xss[0], Byline: "By Ann " + xss[1], Dek: "Dek " + xss[2],
		Paragraphs: []string{"First paragraph " + xss[3], "Second paragraph stays."}}
	v2 := v1
	v2.Headline = "Loud finish " + xss[0]
	v2.Byline = "By Bo " + xss[1]
	v2.Dek = "New dek " + xss[2]
	v2.Paragraphs = []string{"First paragraph edited " + xss[3], "Second paragraph stays.", "Added " + xss[4]}
	v2.Notes = []string{"Note " + xss[4]}
	return []redline.Article{v1, v2}
}

type pagesServer struct {
	URL   string
	store *store.Store

	mu   sync.Mutex
	hits map[string]int // requests by path, to see what a browser loaded
}

// Hits is how many requests reached path.
func (s *pagesServer) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// servePages fills a real store with the fire story (1) and the hostile
// story (2) and serves the pages and the API on 127.0.0.1 behind acc.
func servePages(t testing.TB, acc web.Access) *pagesServer {
	t.Helper()
	st := testutil.MustOpenStore(t)
	add := func(u string, arts []redline.Article, raw string, first time.Duration) {
		s := redline.Story{URL: u, AddedAt: pagesNow.Add(-first - time.Hour)}
		if err := st.AddStory(&s); err != nil {
			t.Fatal(err)
		}
		for i, a := range arts {
			v := redline.Version{StoryID: s.ID, FetchedAt: pagesNow.Add(-first + time.Duration(i)*time.Hour),
				URL: u, HTTPStatus: 200, Article: a, Reread: a.Extractor == "reread"}
			if _, err := st.SaveVersion(&v, []byte(raw)); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("http://127.0.0.1:9/news/warehouse-fire", fireStory(), "<html><body><p>fire</p></body></html>", 5*time.Hour)
	add("javascript:alert('url')", hostileStory(), evidenceHTML, 150*time.Minute)
	// Slug changes, as the tracker notes them on the check that saw them.
	for id, to := range map[redline.StoryID]string{
		1: "http://127.0.0.1:9/news/warehouse-fire-owner-arrested",
		2: "javascript:alert('moved')<script>alert(1)</script>",
	} {
		if err := st.AddCheck(id, redline.Check{At: pagesNow.Add(-90 * time.Minute), Result: redline.ResultUnchanged, Note: "story moved to " + to}); err != nil {
			t.Fatal(err)
		}
	}
	return serveStore(t, st, acc)
}

// serveStore serves the pages over st on 127.0.0.1 behind acc.
func serveStore(t testing.TB, st *store.Store, acc web.Access) *pagesServer {
	t.Helper()
	svc := &tracker.Service{Store: st, Line: web.ExportLineOf}
	h, err := ui.New(ui.Options{Service: svc, Access: acc, Location: time.UTC, Now: func() time.Time { return pagesNow }})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Register(mux)
	ps := &pagesServer{store: st, hits: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps.mu.Lock()
		ps.hits[r.URL.Path]++
		ps.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ps.URL = srv.URL
	return ps
}

// get fetches a page with an optional bearer token, not following
// redirects, and returns status, header and body.
func (s *pagesServer) get(t testing.TB, path, token string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// assertNoPayload fails when the page holds markup a payload could have
// made: a script that is not ours, an event handler, a javascript: link,
// an image, an SVG or a frame that is not the sandboxed evidence frame, or
// a second title. Payload words shown as text are fine.
func assertNoPayload(t testing.TB, what, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	titles := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Errorf("%s: page does not parse: %v", what, z.Err())
			}
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := map[string]string{}
		for _, a := range tok.Attr {
			attr[a.Key] = a.Val
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: <%s> has an event handler %s=%q", what, tok.Data, a.Key, a.Val)
			}
			if v := strings.ToLower(strings.TrimSpace(a.Val)); (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(v, "javascript:") {
				t.Errorf("%s: <%s %s=%q> is a javascript: URL", what, tok.Data, a.Key, a.Val)
			}
		}
		switch tok.Data {
		case "title":
			titles++
		case "script":
			if !strings.HasPrefix(attr["src"], "/static/") {
				t.Errorf("%s: a script that is not ours: %s", what, tok)
			}
		case "img", "svg", "object", "embed", "base", "meta":
			if tok.Data == "meta" && (attr["charset"] != "" || attr["name"] == "viewport") {
				continue
			}
			t.Errorf("%s: unexpected <%s> on the page: %s", what, tok.Data, tok)
		case "iframe":
			if v, ok := attr["sandbox"]; !ok || v != "" || !strings.HasPrefix(attr["src"], "/stories/") {
				t.Errorf("%s: a frame that is not the sandboxed evidence frame: %s", what, tok)
			}
		}
	}
	if titles != 1 {
		t.Errorf("%s: %d <title> elements, want 1", what, titles)
	}
}
