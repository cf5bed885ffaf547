package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/redline-news/redline"
)

// Payloads that would run, or break out of their element, if any page
// put scraped text into HTML unescaped.
const (
	xssHeadline = `</title><script>alert("headline")</script><img src=x onerror=alert("img")>`
	xssBody     = `Read <a href="javascript:alert('link')">this</a> </textarea><svg onload=alert("svg")>`
	xssTag      = `<script>alert(1)</script>`
)

// xssPath is the payload story's path, itself a payload; xssTags its tags.
const xssPath = `/news/"><script>alert("url")</script>`

var xssTags = []string{xssTag, `" onmouseover="alert(2)`}

// xssSite serves xssHandler for one test.
func xssSite(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(xssHandler())
	t.Cleanup(srv.Close)
	return srv
}

// xssHandler serves one article whose headline and body carry the
// payloads, at any path.
func xssHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		esc := func(s string) string {
			return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
		}
		var paras strings.Builder
		for i := range 8 {
			fmt.Fprintf(&paras, "<p>%s Paragraph %d of a developing story about a storm that closed roads, schools and the airport for most of the day.</p>\n", esc(xssBody), i)
		}
		fmt.Fprintf(w, `<!doctype html><html><head><title>%[1]s</title>
<meta property="og:title" content="%[1]s"></head><body><article><h1>%[1]s</h1>%[2]s</article></body></html>`, esc(xssHeadline), paras.String())
	})
}

// trackXSS tracks and checks the payload story.
func (e *env) trackXSS(t testing.TB, srv *httptest.Server) redline.Story {
	t.Helper()
	st, err := e.svc.Track(context.Background(), redline.TrackRequest{
		URL:  srv.URL + xssPath,
		Tags: xssTags,
	})
	if err != nil {
		t.Fatalf("track the payload story: %v", err)
	}
	if _, err := e.svc.Crawl(context.Background(), redline.CrawlRequest{IDs: []redline.StoryID{st.ID}}); err != nil {
		t.Fatal(err)
	}
	st, err = e.svc.Story(context.Background(), fmt.Sprint(st.ID))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.Headline, "<script>") {
		t.Fatalf("the payload story's headline is %q: the test would prove nothing", st.Headline)
	}
	return st
}

// TestPages_xss: a story whose headline, URL and tags hold markup shows
// it as text on every page that shows it, also in the flash message after
// a form and in the filter echoed back.
// activeMarkup parses a page as a browser would and lists what in it could
// run script: event-handler attributes, inline or foreign scripts,
// javascript: URLs, and elements only a payload would bring.
func activeMarkup(t testing.TB, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				problems = append(problems, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
			case (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(v, "javascript:"):
				problems = append(problems, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
			}
		}
		switch n.Data {
		case "script":
			src := ""
			for _, a := range n.Attr {
				if a.Key == "src" {
					src = a.Val
				}
			}
			if !strings.HasPrefix(src, "/static/") || n.FirstChild != nil {
				problems = append(problems, fmt.Sprintf("<script src=%q> with %v inside", src, n.FirstChild != nil))
			}
		case "img", "iframe", "object", "embed", "textarea":
			problems = append(problems, "a <"+n.Data+"> element")
		}
	}
	return problems
}

func TestPages_xss(t *testing.T) {
	e := newEnv(t, envOptions{})
	st := e.trackXSS(t, xssSite(t))
	c := newClient(t, e.srv.URL)
	pages := map[string]string{
		"stories":  c.get("/stories").body,
		"filtered": c.get("/stories?q=" + `%3Cscript%3E` + "&tag=" + `%3Cscript%3Ealert(1)%3C%2Fscript%3E`).body,
		"flash":    "",
	}
	pages["flash"] = strings.Join([]string{c.flash(c.post(fmt.Sprintf("/stories/%d/crawl", st.ID), formCSRF(c))),
		c.flash(c.post("/stories", withCSRF(c, "url", st.URL)))}, "\n")
	for name, body := range pages {
		for _, problem := range activeMarkup(t, body) {
			t.Errorf("%s page: %s", name, problem)
		}
	}
	if !strings.Contains(pages["stories"], "&lt;/title&gt;&lt;script&gt;") {
		t.Error("the stories page does not show the headline's markup as text")
	}
	if !strings.Contains(pages["filtered"], "story-1") {
		t.Error("filtering by the payload tag and text did not find the story")
	}
}

// TestActiveMarkup: the check sees the payloads when they are not escaped,
// so TestPages_xss can fail.
func TestActiveMarkup(t *testing.T) {
	raw := "<p>" + xssHeadline + xssBody + "</p><script>alert(1)</script>"
	if got := activeMarkup(t, raw); len(got) < 4 {
		t.Errorf("activeMarkup of the raw payloads found only %q", got)
	}
}
