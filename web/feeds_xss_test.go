package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/redline-news/redline/web"
)

const (
	xssHeadline = `</title><script>alert("headline")</script>`
	xssImg      = `<img src=x onerror=alert("img")>`
	xssLink     = `<a href="javascript:alert('link')">click</a>`
)

// hostile is a story whose every scraped field is a payload, including
// characters XML cannot hold, tracked under a URL that is no web address
// and one that tries to break out of an attribute.
var hostile = []changeFixture{
	{url: "javascript:alert('url')", tags: []string{`<b onmouseover=alert(1)>tag</b>`}, versions: []fixtureVersion{
		{ago: 2 * time.Hour, art: article(xssHeadline, xssImg, "plain \x01\x0c\ufffe text")},
		{ago: time.Hour, art: article(xssHeadline+" again", xssImg+" "+xssLink, "plain text", `]]><script>alert("cdata")</script>`)},
	}},
	{url: `http://127.0.0.1:1/a"><script>alert('attr')</script>`, versions: []fixtureVersion{
		{ago: 2 * time.Hour, art: article("Quiet", "One.")},
		{ago: time.Hour, art: article("Quiet", "One.", xssLink)},
	}},
}

func TestFeeds_scrapedTextArrivesInert(t *testing.T) {
	fs := serveFeeds(t, web.Access{}, web.FeedOptions{}, hostile)
	for _, path := range []string{"/feeds/changes.atom", "/feeds/stories/1.atom", "/feeds/stories/2.atom"} {
		status, h, raw := fs.call(t, http.MethodGet, path, "", nil)
		if status != http.StatusOK || h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
			t.Fatalf("GET %s = %d, nosniff %q, CSP %q", path, status, h.Get("X-Content-Type-Options"), h.Get("Content-Security-Policy"))
		}
		for _, markup := range []string{"<script", "<img", "<b ", "<a "} {
			if strings.Contains(raw, markup) {
				t.Errorf("%s: %q appears as markup in the XML itself", path, markup)
			}
		}
		f, sf, _ := fs.getFeed(t, path, nil)
		if path == "/feeds/stories/1.atom" && sf.Title != "redline: "+xssHeadline+" again" {
			t.Errorf("story feed title %q: want the headline as text", sf.Title)
		}
		for i, e := range f.Entries {
			if sf.Entries[i].Title != "" && !strings.HasPrefix(sf.Entries[i].Title, "Quiet") && !strings.HasPrefix(sf.Entries[i].Title, xssHeadline) {
				t.Errorf("%s entry %d title %q: want the headline as text", path, i, sf.Entries[i].Title)
			}
			checkInertHTML(t, path, e.Content.Value)
			for _, l := range e.Links {
				if !strings.HasPrefix(l.Href, "http://") {
					t.Errorf("%s entry %d links to %q", path, i, l.Href)
				}
			}
		}
	}
	// The payloads are still there to read, as text.
	f, _, _ := fs.getFeed(t, "/feeds/stories/1.atom", nil)
	text := htmlText(t, f.Entries[0].Content.Value)
	for _, want := range []string{xssImg, "javascript:alert('link')", `]]><script>alert("cdata")</script>`} {
		if !strings.Contains(text, want) {
			t.Errorf("content text lacks %q as text:\n%s", want, text)
		}
	}
	if len(f.Entries[0].Categories) != 1 || f.Entries[0].Categories[0].Term != `<b onmouseover=alert(1)>tag</b>` {
		t.Errorf("categories = %+v, want the tag as text", f.Entries[0].Categories)
	}
}

// checkInertHTML parses an entry's content as a feed reader would and
// fails on any element or attribute that could run or load something.
func checkInertHTML(t *testing.T, where, content string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(content))
	if err != nil {
		t.Fatalf("%s: content is not HTML: %v", where, err)
	}
	allowed := map[string]bool{"html": true, "head": true, "body": true, "p": true, "div": true, "span": true, "ins": true, "del": true, "br": true, "a": true, "strong": true}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if !allowed[n.Data] {
			t.Errorf("%s: content holds a <%s> element", where, n.Data)
		}
		for _, a := range n.Attr {
			switch {
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: <%s %s=%q>", where, n.Data, a.Key, a.Val)
			case a.Key == "href" && !strings.HasPrefix(a.Val, "http://"):
				t.Errorf("%s: <%s href=%q>", where, n.Data, a.Val)
			case a.Key != "href" && a.Key != "class" && a.Key != "style":
				t.Errorf("%s: <%s> has attribute %s", where, n.Data, a.Key)
			}
		}
	}
}

func htmlText(t *testing.T, content string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	}
	return b.String()
}
