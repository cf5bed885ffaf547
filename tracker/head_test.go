package tracker

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/redline-news/redline/discover"
	"github.com/redline-news/redline/internal/newsroom"
)

func TestPageHead(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"cut at the end tag", `<html><head><link rel="canonical" href="/a"></head><body><p>x</p></body></html>`,
			`<html><head><link rel="canonical" href="/a">`},
		{"end tag in capitals", `<HTML><HEAD><TITLE>t</TITLE></HEAD><BODY>x</BODY>`, `<HTML><HEAD><TITLE>t</TITLE>`},
		{"end tag with space", `<head><base href="/x/"></head ><body>`, `<head><base href="/x/">`},
		{"first end tag wins", `<head></head><body><p>"</head>"</p></body>`, `<head>`},
		{"no end tag keeps the page", `<title>t</title><link rel=canonical href=/a><p>body`, `<title>t</title><link rel=canonical href=/a><p>body`},
		{"tag cut short at the end", `<head><title>t</title></he`, `<head><title>t</title></he`},
		{"a header is not the head", `<head><title>t</title><header>nav</header></head><p>x`, `<head><title>t</title><header>nav</header>`},
		{"end tag at the very end", `<head><title>t</title></head`, `<head><title>t</title>`},
		{"empty", ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(pageHead([]byte(tt.page))); got != tt.want {
				t.Errorf("pageHead(%q) = %q, want %q", tt.page, got, tt.want)
			}
		})
	}
}

func TestHeadTags(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"nothing to leave out", `<head><link rel="canonical" href="/a">`, `<head><link rel="canonical" href="/a">`},
		{"script contents", `<head><script>var s = '<link rel="canonical" href="/fake">';</script><link rel="canonical" href="/a">`,
			`<head><script></script><link rel="canonical" href="/a">`},
		{"JSON-LD and style", `<script type="application/ld+json">{"url":"/x"}</script><STYLE>a{}</STYLE><base href="/b/">`,
			`<script type="application/ld+json"></script><STYLE></STYLE><base href="/b/">`},
		{"end tag in capitals", `<script>x</SCRIPT ><meta property="og:url" content="/o">`, `<script></SCRIPT ><meta property="og:url" content="/o">`},
		{"comment", `<!-- <link rel="canonical" href="/old"> --><link rel="canonical" href="/a">`, `<link rel="canonical" href="/a">`},
		{"script in a comment", `<!-- <script> --><link rel="canonical" href="/a"><script>y</script>`, `<link rel="canonical" href="/a"><script></script>`},
		{"a scripts tag is not a script", `<scripts>x</scripts><link rel=canonical href=/a>`, `<scripts>x</scripts><link rel=canonical href=/a>`},
		{"unclosed script", `<link rel=canonical href=/a><script>var x = "</scrip`, `<link rel=canonical href=/a><script>`},
		{"unclosed comment", `<link rel=canonical href=/a><!-- x`, `<link rel=canonical href=/a>`},
		{"empty", ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(headTags([]byte(tt.head))); got != tt.want {
				t.Errorf("headTags(%q) = %q, want %q", tt.head, got, tt.want)
			}
		})
	}
}

// The canonical URL read from the tags alone is the one read from the
// whole head, on every newsroom template.
func TestHeadTags_sameCanonical(t *testing.T) {
	site := newsroom.NewSite(newsroom.Options{Seed: 4})
	h := site.Handler()
	for _, tmpl := range newsroom.Templates() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/t/"+tmpl+"/storm-surge-floods-harbor-district", nil))
		head := pageHead(rec.Body.Bytes())
		want := discover.CanonicalFromHTML(head, "http://127.0.0.1/t/"+tmpl+"/x")
		if want == "" {
			t.Fatalf("%s: no canonical URL in the head; the test needs one", tmpl)
		}
		tags := headTags(head)
		if got := discover.CanonicalFromHTML(tags, "http://127.0.0.1/t/"+tmpl+"/x"); got != want {
			t.Errorf("%s: canonical %q from the tags, %q from the head", tmpl, got, want)
		}
		if len(tags) >= len(head) {
			t.Errorf("%s: %d bytes of tags from a head of %d: nothing left out", tmpl, len(tags), len(head))
		}
	}
}
