package extract

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestNew_invalidRule(t *testing.T) {
	tests := []struct {
		name      string
		opts      Options
		wantInMsg []string
		wantField string
	}{
		{"bad body selector", Options{Rules: []SiteRule{{Host: "example.com", Body: "div[["}}}, []string{"example.com", "body", "div[["}, "body"},
		{"bad headline selector", Options{Rules: []SiteRule{{Host: "news.example", Headline: "h1:nope(x)"}}}, []string{"news.example", "headline", "h1:nope(x)"}, "headline"},
		{"bad remove selector", Options{Rules: []SiteRule{{Host: "example.org", Remove: []string{".ok", ">>"}}}}, []string{"example.org", "remove", ">>"}, "remove"},
		{"bad drop regexp", Options{Rules: []SiteRule{{Host: "example.net", Drop: []string{"(unclosed"}}}}, []string{"example.net", "drop", "(unclosed"}, "drop"},
		{"empty host", Options{Rules: []SiteRule{{Body: "article"}}}, []string{"host"}, "host"},
		{"bad ignore regexp", Options{Ignore: []string{"[z-a]"}}, []string{"ignore", "[z-a]"}, "ignore"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts)
			if err == nil {
				t.Fatal("New succeeded, want an error")
			}
			var re *RuleError
			if !errors.As(err, &re) || re.Field != tt.wantField {
				t.Errorf("err = %#v, want *RuleError for field %q", err, tt.wantField)
			}
			for _, s := range tt.wantInMsg {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

const rulePage = `<html><head><title>Generic title - Example</title>
<meta property="og:title" content="Generic og title">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"JSON-LD headline","author":{"name":"LD Author"}}</script></head>
<body><div class="top"><h1>Generic h1</h1></div>
<div class="story"><h2 class="hed">Rule headline</h2><span class="who">By Rule Author</span><p class="standfirst">Rule dek text.</p>
<div class="content">
<p>First real paragraph of the story, with enough words to be read as text.</p>
<div class="inline-promo"><p>Inline promo that only the site rule knows about.</p></div>
<p>Second real paragraph, which mentions the weather and nothing else.</p>
<p>Sponsored by Example Bank</p>
<p>Third real paragraph closes the story with a quote from an official.</p>
</div></div>
<div class="sidebar"><p>Sidebar text that the generic extractor might take.</p></div>
</body></html>`

func TestExtractor_Extract_siteRule(t *testing.T) {
	rule := SiteRule{
		Host: "example.com", Headline: "h2.hed", Byline: ".who", Dek: ".standfirst",
		Body: ".content", Remove: []string{".inline-promo"}, Drop: []string{`^Sponsored by`},
	}
	want := []string{
		"First real paragraph of the story, with enough words to be read as text.",
		"Second real paragraph, which mentions the weather and nothing else.",
		"Third real paragraph closes the story with a quote from an official.",
	}
	tests := []struct {
		name, url string
		wantRule  bool
	}{
		{"exact host", "https://example.com/story", true},
		{"subdomain", "https://www.news.example.com/story", true},
		{"other host", "https://notexample.com/story", false},
	}
	e := mustNew(t, Options{Rules: []SiteRule{{Host: "unrelated.org", Body: "main"}, rule}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, dropped, err := e.Explain([]byte(rulePage), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.wantRule {
				if a.Extractor == PathRule || a.Headline == "Rule headline" {
					t.Errorf("rule for example.com applied to %s: %+v", tt.url, a)
				}
				return
			}
			if a.Extractor != PathRule {
				t.Errorf("Extractor = %q, want %q", a.Extractor, PathRule)
			}
			if a.Headline != "Rule headline" || a.Byline != "Rule Author" || a.Dek != "Rule dek text." {
				t.Errorf("Headline, Byline, Dek = %q, %q, %q; want the rule's", a.Headline, a.Byline, a.Dek)
			}
			if !slices.Equal(a.Paragraphs, want) {
				t.Errorf("Paragraphs = %q, want %q", a.Paragraphs, want)
			}
			if len(dropped) != 1 || !strings.Contains(dropped[0].Rule, "example.com") {
				t.Errorf("dropped = %+v, want the Sponsored line dropped by the site rule", dropped)
			}
		})
	}
}

func TestExtractor_Extract_siteRuleWithoutBody(t *testing.T) {
	// A rule with only Remove still applies, and the generic path runs.
	e := mustNew(t, Options{Rules: []SiteRule{{Host: "example.com", Remove: []string{".sidebar"}, Body: ".does-not-exist"}}})
	a, err := e.Extract([]byte(rulePage), "https://example.com/story")
	if err != nil {
		t.Fatal(err)
	}
	if a.Extractor == PathRule {
		t.Errorf("Extractor = %q, want the generic path when the rule body matches nothing", a.Extractor)
	}
	if strings.Contains(a.Text(), "Sidebar text") {
		t.Errorf("removed sidebar text is in the body: %q", a.Paragraphs)
	}
	if a.Headline != "JSON-LD headline" {
		t.Errorf("Headline = %q, want the JSON-LD one", a.Headline)
	}
}
