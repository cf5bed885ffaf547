package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestSplitSite(t *testing.T) {
	tests := []struct {
		name, headline, site, url, wantHead, wantSite string
	}{
		{"declared site suffix", "How to Build a Terrarium | eHow", "eHow", "https://www.ehow.com/x", "How to Build a Terrarium", "eHow"},
		{"en dash suffix", "These Weeks in Firefox: Issue 85 \u2013 Firefox Nightly News", "Firefox Nightly News", "https://blog.nightly.mozilla.org/x", "These Weeks in Firefox: Issue 85", "Firefox Nightly News"},
		{"host brand without a declared site", "Friday Facts #282 - 0.17 in sight | Factorio", "", "https://www.factorio.com/blog/post/fff-282", "Friday Facts #282 - 0.17 in sight", "Factorio"},
		{"site first", "The Post | Bridge stays shut after crash", "The Post", "https://127.0.0.1/a", "Bridge stays shut after crash", "The Post"},
		{"section then site", "Samantha and The Great Big Lie - John C. Welch - Medium", "Medium", "https://medium.com/x", "Samantha and The Great Big Lie - John C. Welch", "Medium"},
		{"own dash kept", "Bridge stays shut - for now", "The Post", "https://thepost.example.com/a", "Bridge stays shut - for now", "The Post"},
		{"own dash kept on an IP host", "Storm hits coast - live", "", "http://127.0.0.1/live", "Storm hits coast - live", ""},
		{"site name alone is the headline", "eHow | How", "eHow", "https://www.ehow.com/x", "eHow | How", "eHow"},
		{"typography of the site name", "\u201cWe\u2019re ready\u201d \u2013 The Mayor\u2019s Post", "The Mayor's Post", "https://127.0.0.1/a", "\u201cWe\u2019re ready\u201d", "The Mayor's Post"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, site := splitSite(tt.headline, tt.site, tt.url)
			if head != tt.wantHead || site != tt.wantSite {
				t.Errorf("splitSite(%q, %q) = %q, %q; want %q, %q", tt.headline, tt.site, head, site, tt.wantHead, tt.wantSite)
			}
		})
	}
}

// Class 8: the headline is the article's own, the site's name is recorded
// apart, and neither is the page's title as a whole.
func TestExtract_siteNameApart(t *testing.T) {
	page := fidelityPage(`<title>Bridge stays shut after crash | The Daily Example</title>
<meta property="og:title" content="Bridge stays shut after crash | The Daily Example">
<meta property="og:site_name" content="The Daily Example">`, "<h1>Bridge stays shut after crash</h1>", storyParagraphs[:6], "")
	a, err := mustNew(t, Options{}).Extract(page, "https://127.0.0.1/bridge")
	if err != nil {
		t.Fatal(err)
	}
	if a.Headline != "Bridge stays shut after crash" || a.Site != "The Daily Example" {
		t.Errorf("headline %q site %q, want the headline without the site and the site apart", a.Headline, a.Site)
	}
	if a.Paragraphs[0] != storyParagraphs[0] {
		t.Errorf("first paragraph %q: the repeated headline was not recognised", a.Paragraphs[0])
	}
}

// TestExtractor_CorpusSiteNames measures the headline against the corpus
// reference titles with the site's name cut, as issue 12 scores it, and
// the site name against the reference siteName.
func TestExtractor_CorpusSiteNames(t *testing.T) {
	const dir = "../../shared/corpus/readability/pages"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	e := mustNew(t, Options{})
	pages, heads, sites, withSite := 0, 0, 0, 0
	for _, ent := range entries {
		src, err := os.ReadFile(filepath.Join(dir, ent.Name(), "source.html"))
		if err != nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, ent.Name(), "expected-metadata.json"))
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Title    string `json:"title"`
			SiteName string `json:"siteName"`
		}
		if err := json.Unmarshal(raw, &meta); err != nil {
			t.Fatalf("%s: %v", ent.Name(), err)
		}
		a, err := e.Extract(src, "http://fakehost/test/page.html")
		if err != nil {
			t.Errorf("%s: %v", ent.Name(), err)
			continue
		}
		pages++
		want := Normalize(meta.Title)
		for _, sep := range siteSeparators {
			if sn := Normalize(meta.SiteName); sn != "" {
				want = strings.TrimSuffix(want, sep+sn)
			}
		}
		if redline.Fold(a.Headline) == redline.Fold(want) {
			heads++
		} else {
			t.Logf("%s: headline %q, want %q", ent.Name(), a.Headline, want)
		}
		if meta.SiteName != "" {
			withSite++
			if strings.EqualFold(a.Site, Normalize(meta.SiteName)) {
				sites++
			} else {
				t.Logf("%s: site %q, want %q", ent.Name(), a.Site, meta.SiteName)
			}
		}
	}
	headRate, siteRate := float64(heads)/float64(pages), float64(sites)/float64(max(withSite, 1))
	t.Logf("headline exact against titles without the site name %d/%d (%.2f), site name %d/%d (%.2f)", heads, pages, headRate, sites, withSite, siteRate)
	if headRate < minHeadlineRate {
		t.Errorf("headline rate %.2f, want >= %.2f", headRate, minHeadlineRate)
	}
	if siteRate < 0.80 {
		t.Errorf("site name rate %.2f, want >= 0.80", siteRate)
	}
}
