package ui

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

func get(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestStoriesPage_lists(t *testing.T) {
	e := newEnv(t, envOptions{})
	slugs := e.site.Slugs()
	st := e.track(t, slugs[0], "metro")
	resp, body := get(t, http.DefaultClient, e.srv.URL+"/stories")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /stories: %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{`href="/stories/1"`, st.Headline, `class="tag" href="/stories?tag=metro"`, `<svg class="strip"`} {
		if !strings.Contains(body, strings.ReplaceAll(want, "'", "&#39;")) {
			t.Errorf("stories page lacks %q", want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); csp != pageCSP {
		t.Errorf("CSP %q, want %q", csp, pageCSP)
	}
	// same-origin, not no-referrer: under no-referrer Chromium sends
	// "Origin: null" with the page's own forms (TestBrowser_addStory).
	if rp := resp.Header.Get("Referrer-Policy"); rp != "same-origin" {
		t.Errorf("Referrer-Policy %q, want same-origin", rp)
	}
}

// rowIDs lists the story rows of a stories page in order.
func rowIDs(body string) []string {
	var ids []string
	for _, m := range regexp.MustCompile(`<tr id="story-(\d+)"`).FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestStoriesPage_filterSortPage: the filters narrow by tag, site, status
// and text, together; rows come most recently changed first; 50 a page
// with links that keep the filter; a bad status is an error naming it.
func TestStoriesPage_filterSortPage(t *testing.T) {
	e := newEnv(t, envOptions{})
	slugs := e.site.Slugs()
	first := e.track(t, slugs[0], "metro")
	e.clock.Advance(time.Minute)
	second := e.track(t, slugs[1], "politics")
	e.clock.Advance(time.Minute)
	if _, err := e.svc.Untrack(t.Context(), second.ID, false); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, e.srv.URL)
	if got := rowIDs(c.get("/stories").body); strings.Join(got, ",") != "2,1" {
		t.Errorf("rows %v, want the later change first: 2,1", got)
	}
	var only string // a word of the first headline the second lacks
	for _, w := range strings.Fields(first.Headline) {
		if len(w) > 3 && !strings.Contains(strings.ToLower(second.Headline), strings.ToLower(w)) {
			only = w
			break
		}
	}
	cases := []struct {
		query string
		want  string
	}{
		{"tag=metro", "1"},
		{"tag=politics", "2"},
		{"tag=nothing", ""},
		{"status=paused", "2"},
		{"status=" + statusOf(first), "1"},
		{"site=127.0.0.1", "2,1"},
		{"site=other.example", ""},
		{"q=" + url.QueryEscape(strings.ToUpper(only)), "1"},
		{"q=" + slugs[1], "2"},
		{"tag=metro&status=paused", ""},
	}
	for _, tc := range cases {
		r := c.get("/stories?" + tc.query)
		if got := strings.Join(rowIDs(r.body), ","); r.status != http.StatusOK || got != tc.want {
			t.Errorf("?%s: %d, rows %q, want %q", tc.query, r.status, got, tc.want)
		}
	}
	if r := c.get("/stories?status=%3Cb%3Ebroken"); r.status != http.StatusBadRequest || !strings.Contains(r.body, "&lt;b&gt;broken") {
		t.Errorf("bad status: %d\n%s", r.status, r.body)
	}

	for i := range 60 {
		if _, err := e.svc.Track(t.Context(), redline.TrackRequest{URL: fmt.Sprintf("%s/news/extra-%02d", e.siteSrv.URL, i), Tags: []string{"extra"}}); err != nil {
			t.Fatal(err)
		}
	}
	p1 := c.get("/stories?tag=extra")
	p2 := c.get("/stories?tag=extra&page=2")
	if n1, n2 := len(rowIDs(p1.body)), len(rowIDs(p2.body)); n1 != storiesPerPage || n2 != 60-storiesPerPage {
		t.Errorf("pages hold %d and %d rows, want %d and %d", n1, n2, storiesPerPage, 60-storiesPerPage)
	}
	if !strings.Contains(p1.body, `rel="next" href="/stories?page=2&amp;tag=extra"`) || !strings.Contains(p2.body, `rel="prev" href="/stories?tag=extra"`) {
		t.Errorf("pager links lose the filter:\n%s", regexp.MustCompile(`(?s)<nav class="pager".*?</nav>`).FindString(p1.body+p2.body))
	}
	if got := rowIDs(c.get("/stories?tag=extra&page=99").body); len(got) != 60-storiesPerPage {
		t.Errorf("a page past the end shows %d rows, want the last page's %d", len(got), 60-storiesPerPage)
	}
}

func TestSiteOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.News.example/2026/x?y=1": "news.example",
		"http://127.0.0.1:8080/news/a":        "127.0.0.1",
		"http://[::1]:80/x":                   "::1",
		"https://user@host.example:443#f":     "host.example",
		"https://host.example?q":              "host.example",
		"not a url":                           "",
	} {
		if got := siteOf(in); got != want {
			t.Errorf("siteOf(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range []struct {
		s, q string
		want bool
	}{
		{"Storm Surge Floods", "surge", true},
		{"Storm", "storms", false},
		{"Zürich ÜBER alles", "über", true},
		{"abc", "", true},
	} {
		if got := containsFold(tc.s, tc.q); got != tc.want {
			t.Errorf("containsFold(%q, %q) = %v", tc.s, tc.q, got)
		}
	}
}
