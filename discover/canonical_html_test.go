package discover

import (
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/redline-news/redline/storyurl"
)

func TestCanonicalFromHTML(t *testing.T) {
	const story = "https://www.example.com/news/2024/05/12/flood-warning"
	tests := []struct {
		name    string
		html    string
		pageURL string
		want    string
	}{
		{"rel canonical", `<head><link rel="canonical" href="https://www.example.com/news/2024/05/12/flood-warning?utm_source=x"></head>`, story + "?ocid=1", story},
		{"relative canonical", `<link rel="canonical" href="/news/2024/05/12/flood-warning">`, story + "?page=2", story},
		{"scheme-relative canonical", `<link rel="canonical" href="//www.example.com/news/2024/05/12/flood-warning">`, "http://www.example.com/x/y", "http://www.example.com/news/2024/05/12/flood-warning"},
		{"rel with several tokens, any case", `<link rel="Canonical nofollow" href="/news/2024/05/12/flood-warning">`, story, story},
		{"resolved against base href", `<base href="https://www.example.com/news/2024/"><link rel="canonical" href="05/12/flood-warning">`, "https://www.example.com/other/page", story},
		{"og:url when no canonical", `<meta property="og:url" content="https://www.example.com/news/2024/05/12/flood-warning#x">`, story + "/amp", story},
		{"og:url via name attribute", `<meta name="og:url" content="/news/2024/05/12/flood-warning">`, story + "?x=1", story},
		{"canonical preferred over og:url", `<meta property="og:url" content="https://www.example.com/news/og"><link rel="canonical" href="/news/2024/05/12/flood-warning">`, story, story},
		{"amp page points at the article", `<link rel="canonical" href="https://www.example-daily.com/news/2024/05/12/flood-warning">`, "https://amp.example-daily.com/news/2024/05/12/flood-warning", "https://www.example-daily.com/news/2024/05/12/flood-warning"},
		{"placeholder domain from a template", `<link rel="canonical" href="https://www.example.com/news/2024/05/12/flood-warning">`, "https://www.example-daily.com/news/2024/05/12/flood-warning", ""},
		{"syndicated copy points at the original", `<link rel="canonical" href="https://www.wire.example.org/story/abc-123">`, "https://news.portal.example.net/syndicated/abc-123", "https://www.wire.example.org/story/abc-123"},
		{"bogus root falls back to og:url", `<link rel="canonical" href="/"><meta property="og:url" content="/news/2024/05/12/flood-warning">`, story, story},
		{"none", `<html><head><title>x</title></head></html>`, story, ""},
		{"empty href", `<link rel="canonical" href="  ">`, story, ""},
		{"site root", `<link rel="canonical" href="https://www.example.com/">`, story, ""},
		{"site root without slash", `<link rel="canonical" href="https://www.example.com">`, story, ""},
		{"other host's home page", `<link rel="canonical" href="https://portal.example.net/">`, story, ""},
		{"section front for a deeper page", `<link rel="canonical" href="https://www.example.com/es/">`, "https://www.example.com/es/2019/02/21/story.html", ""},
		{"section front on another host", `<link rel="canonical" href="//us.example.net/news/">`, "https://www.example.com/news/story-123.html", ""},
		{"section page canonical to itself", `<link rel="canonical" href="https://www.example.com/news/">`, "https://www.example.com/news/?ref=nav", "https://www.example.com/news/"},
		{"top-level slug kept", `<link rel="canonical" href="https://www.example.com/flood-warning-issued">`, "https://www.example.com/2024/05/flood-warning-issued", "https://www.example.com/flood-warning-issued"},
		{"unfilled template", `<link rel="canonical" href="{{ page.url }}">`, story, ""},
		{"unfilled template on real host", `<link rel="canonical" href="https://www.example.com/${slug}">`, story, ""},
		{"localhost leak", `<link rel="canonical" href="http://localhost:3000/news/2024/05/12/flood-warning">`, story, ""},
		{"private address leak", `<link rel="canonical" href="http://10.0.0.12/news/2024/05/12/flood-warning">`, story, ""},
		{"loopback allowed for a loopback page", `<link rel="canonical" href="/news/a-b">`, "http://127.0.0.1:8080/news/a-b?x=1", "http://127.0.0.1:8080/news/a-b"},
		{"non-web scheme", `<link rel="canonical" href="ftp://www.example.com/news/a">`, story, ""},
		{"no page URL, absolute canonical", `<link rel="canonical" href="https://www.example.com/news/a">`, "", "https://www.example.com/news/a"},
		{"no page URL, relative canonical", `<link rel="canonical" href="/news/a">`, "", ""},
		{"garbage", "\x00\x01<<<>>>", story, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalFromHTML([]byte(tt.html), tt.pageURL); got != tt.want {
				t.Errorf("CanonicalFromHTML = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCanonicalFromHTML_corpus runs the real pages of the shared corpus,
// whose canonical tags were checked by hand: most point at their article,
// nytimes-5 points at a section front and yahoo-2 at another host's
// section, and msn's syndicated copy points at the publisher.
func TestCanonicalFromHTML_corpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "readability", "pages")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not present: %v", err)
	}
	tests := []struct {
		page    string
		pageURL string
		want    string
	}{
		{"nytimes-1", "https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html?smid=tw-share", "https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html"},
		{"nytimes-5", "https://www.nytimes.com/es/2019/01/01/some-story.html", ""},
		{"yahoo-2", "https://www.yahoo.com/news/some-story-123.html", ""},
		{"msn", "http://www.msn.com/en-us/news/technology/nintendos-first-iphone-game-will-launch-in-december-for-dollar10/ar-AAkm7Xj", "http://www.businessinsider.com/super-mario-run-december-15-2016-11"},
		{"heise", "http://www.heise.de/mac-and-i/meldung/x.html", "http://www.heise.de/mac-and-i/meldung/1Password-fuer-Mac-generiert-Einmal-Passwoerter-2596987.html"},
		{"bbc-1", "http://www.bbc.co.uk/news/world-us-canada-33646704.amp", "http://www.bbc.com/news/world-us-canada-33646704"},
		{"lwn-1", "https://lwn.net/Articles/610174/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			html, err := os.ReadFile(filepath.Join(dir, tt.page, "source.html"))
			if err != nil {
				t.Skipf("page not present: %v", err)
			}
			if got := CanonicalFromHTML(html, tt.pageURL); got != tt.want {
				t.Errorf("CanonicalFromHTML = %q, want %q", got, tt.want)
			}
		})
	}

	// Whatever a page declares, the answer is empty or a canonical,
	// non-root URL: never a value that would merge a whole site.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		html, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		got := CanonicalFromHTML(html, "https://fakehost.example/test/page.html")
		if got == "" {
			continue
		}
		u, err := url.Parse(got)
		if again, cerr := storyurl.Canonicalize(got); err != nil || cerr != nil || again != got || u.Path == "/" {
			t.Errorf("%s: CanonicalFromHTML = %q is not a canonical story URL", e.Name(), got)
		}
	}
}

func TestIsLiveBlog(t *testing.T) {
	tests := []struct {
		name string
		html string
		want bool
	}{
		{"json-ld object", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"x"}</script>`, true},
		{"json-ld type array", `<script type="application/ld+json">{"@type":["NewsArticle","LiveBlogPosting"]}</script>`, true},
		{"json-ld top-level array", `<script type="application/ld+json">[{"@type":"Organization"},{"@type":"LiveBlogPosting"}]</script>`, true},
		{"json-ld graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"LiveBlogPosting"}]}</script>`, true},
		{"nested under mainEntity", `<script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"LiveBlogPosting"}}</script>`, true},
		{"full IRI type", `<script type="application/ld+json">{"@type":"http://schema.org/LiveBlogPosting"}</script>`, true},
		{"type attribute with charset", `<script type="Application/LD+JSON; charset=utf-8">{"@type":"LiveBlogPosting"}</script>`, true},
		{"comment-wrapped json", "<script type=\"application/ld+json\"><!--\n{\"@type\":\"LiveBlogPosting\"}\n--></script>", true},
		{"second script after a broken one", `<script type="application/ld+json">{broken</script><script type="application/ld+json">{"@type":"LiveBlogPosting"}</script>`, true},
		{"microdata", `<article itemscope itemtype="https://schema.org/LiveBlogPosting"><h1>x</h1></article>`, true},
		{"news article", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"LiveBlogPosting explained"}</script>`, false},
		{"type only in prose", `<p>Our LiveBlogPosting markup guide</p>`, false},
		{"type in a non-json-ld script", `<script>var t = {"@type":"LiveBlogPosting"};</script>`, false},
		{"broken json", `<script type="application/ld+json">{"@type":"LiveBlogPosting"</script>`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsLiveBlog([]byte(tt.html)); got != tt.want {
				t.Errorf("IsLiveBlog = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFeedLinks(t *testing.T) {
	got := FeedLinks(readTestdata(t, "section.html"), "https://www.example-daily.com/world")
	want := []string{"https://www.example-daily.com/world/rss", "https://www.example-daily.com/world/atom.xml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FeedLinks = %q, want %q", got, want)
	}
	if got := FeedLinks([]byte(`<link rel="stylesheet" type="text/css" href="/a.css">`), "https://example.com/"); len(got) != 0 {
		t.Errorf("FeedLinks(stylesheet only) = %q, want none", got)
	}
}
