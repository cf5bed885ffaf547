package discover

import (
	"errors"
	"net/url"
	"regexp"
	"testing"

	"github.com/redline-news/redline"
)

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"https://Example.com:443/a/./b/../c/amp/?utm_source=x&b=2&a=1#frag",
		"http://[::1]:80/%7Euser/%2Fx?amp=1",
		"https://www.google.com/amp/s/example.com/story/amp",
		"https://example.com/a.amp.amp",
		"HTTP://EXAMPLE.COM",
		"https://bücher.example/straße?q=ä",
		"ftp://example.com/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := Canonicalize(raw)
		if err != nil {
			if !errors.Is(err, redline.ErrBadURL) {
				t.Fatalf("Canonicalize(%q) error %v does not wrap ErrBadURL", raw, err)
			}
			return
		}
		again, err := Canonicalize(got)
		if err != nil {
			t.Fatalf("Canonicalize(%q) = %q, which does not canonicalize again: %v", raw, got, err)
		}
		if again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, got, again)
		}
		if _, err := url.Parse(got); err != nil {
			t.Fatalf("Canonicalize(%q) = %q, not a URL: %v", raw, got, err)
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><item><title>a &amp;amp; b</title><link>/x/1</link></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="a"/></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"/a"}]}`,
		`<urlset><url><loc>/a</loc><news:news><news:title>t</news:title></news:news></url></urlset>`,
		`<sitemapindex><sitemap><loc>https://e.com/s.xml</loc></sitemap></sitemapindex>`,
		`<rss><channel><item><title>unterminated`,
		`{"items":[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, _, err := ParseFeed(body, "https://example.com/feed")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it.URL] {
				t.Fatalf("duplicate item URL %q", it.URL)
			}
			seen[it.URL] = true
			if canon, err := Canonicalize(it.URL); err != nil || canon != it.URL {
				t.Fatalf("item URL %q is not canonical (%q, %v)", it.URL, canon, err)
			}
		}
	})
}

func FuzzParseSection(f *testing.F) {
	f.Add([]byte(`<a href="/world/2024/05/12/a-b-c-d">A</a><a href="/world/2024/05/12/a-b-c-d#x"><h2>B</h2></a>`))
	f.Add([]byte(`<base href="//other.example.com/"><a href="x/2024-05-12-y">y</a>`))
	pattern := regexp.MustCompile(`/world/`)
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := ParseSection(body, "https://example.com/world", pattern); err != nil {
			t.Fatalf("ParseSection: %v", err)
		}
		_ = CanonicalFromHTML(body, "https://example.com/world/1")
		_ = IsLiveBlog(body)
	})
}
