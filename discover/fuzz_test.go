package discover

import (
	"regexp"
	"testing"

	"github.com/redline-news/redline/storyurl"
)

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
			if canon, err := storyurl.Canonicalize(it.URL); err != nil || canon != it.URL {
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
