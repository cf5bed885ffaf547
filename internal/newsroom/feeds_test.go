package newsroom

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestSite_Handler_Feeds parses every feed with a real feed parser and
// checks it lists every story with its current headline.
func TestSite_Handler_Feeds(t *testing.T) {
	site, srv := startSite(t, Options{})
	site.SetRound(5)
	tests := []struct {
		path, contentType, feedType string
	}{
		{"/feeds/latest.xml", "application/rss+xml; charset=utf-8", "rss"},
		{"/feeds/atom.xml", "application/atom+xml; charset=utf-8", "atom"},
		{"/feeds/feed.json", "application/feed+json; charset=utf-8", "json"},
	}
	for _, tt := range tests {
		t.Run(tt.feedType, func(t *testing.T) {
			resp, body := fetch(t, srv, tt.path, nil)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != tt.contentType {
				t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if feed.FeedType != tt.feedType {
				t.Errorf("feed type %q, want %q", feed.FeedType, tt.feedType)
			}
			if len(feed.Items) != len(site.Slugs()) {
				t.Fatalf("%d items, want %d", len(feed.Items), len(site.Slugs()))
			}
			for i, slug := range site.Slugs() {
				it := feed.Items[i]
				want := site.Expected(slug)
				if it.Link != site.StoryURL(srv.URL, slug) || it.Title != want.Headline {
					t.Errorf("item %d = %q %q, want %q %q", i, it.Link, it.Title, site.StoryURL(srv.URL, slug), want.Headline)
				}
				if got := slices.Contains(it.Categories, "Developing"); got != want.Developing {
					t.Errorf("item %d: Developing category %v, want %v", i, got, want.Developing)
				}
				if it.PublishedParsed == nil {
					t.Errorf("item %d: no parsable publication date", i)
				}
			}
		})
	}
}

func TestSite_Handler_NewsSitemap(t *testing.T) {
	site, srv := startSite(t, Options{})
	resp, body := fetch(t, srv, "/sitemap-news.xml", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	// Decode by namespace URI, not prefix, as a sitemap consumer must.
	var set struct {
		URLs []struct {
			Loc  string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			News struct {
				Title string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
				Date  string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
				Pub   struct {
					Name string `xml:"http://www.google.com/schemas/sitemap-news/0.9 name"`
				} `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication"`
			} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(body, &set); err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(set.URLs) != len(site.Slugs()) {
		t.Fatalf("%d urls, want %d", len(set.URLs), len(site.Slugs()))
	}
	for i, slug := range site.Slugs() {
		u := set.URLs[i]
		if u.Loc != site.StoryURL(srv.URL, slug) || u.News.Title != site.Expected(slug).Headline || u.News.Pub.Name != DefaultName || u.News.Date == "" {
			t.Errorf("url %d = %+v", i, u)
		}
	}
}

func TestSite_Handler_Robots(t *testing.T) {
	tests := []struct {
		name     string
		disallow []string
		want     []string
	}{
		{"default", nil, []string{"Disallow: /search", "Disallow: /private/"}},
		{"custom", []string{"/news/council-budget-vote"}, []string{"Disallow: /news/council-budget-vote"}},
		{"allow all", []string{}, []string{"Disallow:\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := startSite(t, Options{Disallow: tt.disallow})
			resp, body := fetch(t, srv, "/robots.txt", nil)
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
			text := string(body)
			if !strings.HasPrefix(text, "User-agent: *\n") || !strings.Contains(text, "Sitemap: "+srv.URL+"/sitemap-news.xml") {
				t.Errorf("robots.txt:\n%s", text)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("robots.txt lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestSite_Handler_Section checks that the section page links every story,
// with tracking parameters on some links some of the time.
func TestSite_Handler_Section(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 9})
	tracked := 0
	for range 6 {
		_, body := fetch(t, srv, "/news/", nil)
		for _, slug := range site.Slugs() {
			if !bytes.Contains(body, []byte(`href="/news/`+slug)) {
				t.Errorf("section page does not link %s", slug)
			}
			if bytes.Contains(body, []byte(`href="/news/`+slug+`?utm_source=`)) {
				tracked++
			}
		}
		for _, feed := range []string{"/feeds/latest.xml", "/feeds/atom.xml", "/feeds/feed.json"} {
			if !bytes.Contains(body, []byte(`href="`+feed+`"`)) {
				t.Errorf("section page does not announce %s", feed)
			}
		}
	}
	if tracked == 0 || tracked == 6*len(site.Slugs()) {
		t.Errorf("%d of %d links tracked, want some but not all", tracked, 6*len(site.Slugs()))
	}
}

func TestSite_Handler_NotFound(t *testing.T) {
	_, srv := startSite(t, Options{})
	for _, path := range []string{"/news/no-such-story", "/t/classic/no-such-story", "/t/nope/council-budget-vote", "/t/99/council-budget-vote", "/sports/", "/news/a/b"} {
		t.Run(path, func(t *testing.T) {
			resp, body := fetch(t, srv, path, nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", resp.StatusCode)
			}
			if !bytes.Contains(body, []byte("Page not found")) {
				t.Error("404 page lacks its message")
			}
		})
	}
}
