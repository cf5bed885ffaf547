package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tailPage puts the body in one container and the end matter (the
// developing marker, notes) in a sibling after it, as some CMSs do. after
// is markup placed after that sibling.
func tailPage(ld, end, after string, variant int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><title>%s</title><script type="application/ld+json">%s</script></head><body>
<h1>%s</h1><section class="content"><div class="rich-text">`, storyHeadline, ld, storyHeadline)
	for i, p := range storyParagraphs[:7] {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
		if i == variant%5 {
			fmt.Fprintf(&b, `<div class="newsletter-signup"><p>Sign up for our newsletter</p></div>`)
		}
	}
	fmt.Fprintf(&b, `</div><div class="rich-text article-end">%s</div>%s</section></body></html>`, end, after)
	return []byte(b.String())
}

const marker = "This is a developing story and will be updated."

func TestExtractor_Extract_articleTail(t *testing.T) {
	body := make([]string, 7)
	for i, p := range storyParagraphs[:7] {
		body[i] = Normalize(p)
	}
	tests := []struct {
		name, ld, end, after string
		wantParas, wantNotes []string
		wantDeveloping       bool
	}{
		{"marker in a sibling", "", `<p class="developing-note"><em>` + marker + `</em></p>`, "",
			append(slices.Clone(body), marker), nil, true},
		{"marker and a correction", "", `<p><em>` + marker + `</em></p><p class="correction">Correction: An earlier version misstated the bridge's age.</p>`, "",
			append(slices.Clone(body), marker), []string{"Correction: An earlier version misstated the bridge's age."}, true},
		{"empty end, then a rail", "", "", `<div class="rail"><p>Most read: ferry fares rise again</p></div>`,
			body, nil, false},
	}
	e := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hint string
			for v := range 5 {
				page := tailPage(tt.ld, tt.end, tt.after, v)
				a, err := e.Extract(page, storyURL)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(a.Paragraphs, tt.wantParas) || !slices.Equal(a.Notes, tt.wantNotes) {
					t.Fatalf("render %d: Paragraphs = %q, Notes = %q; want %q, %q", v, a.Paragraphs, a.Notes, tt.wantParas, tt.wantNotes)
				}
				if a.Developing != tt.wantDeveloping {
					t.Errorf("render %d: Developing = %v, want %v", v, a.Developing, tt.wantDeveloping)
				}
				hinted, h, err := e.ExtractWithHint(page, storyURL, hint)
				if err != nil {
					t.Fatal(err)
				}
				sameArticle(t, hinted, a)
				hint = h
			}
		})
	}
}

func TestArticleTail(t *testing.T) {
	tests := []struct {
		name, after string
		want        int
	}{
		{"marker", `<div class="end"><p>` + marker + `</p></div>`, 1},
		{"empty div, then marker", `<div class="x"></div><div class="end"><p>` + marker + `</p></div>`, 1},
		{"ad, then note", `<div class="ad-slot">Advertisement</div><p class="correction">Correction: The bridge opened in 1962.</p>`, 1},
		// Near misses: other text ends the tail.
		{"marker with a teaser", `<div class="end"><p>` + marker + `</p><p>Ferry fares to rise 40 cents</p></div>`, 0},
		{"a box before the marker", `<div class="box"><p>Most read today</p></div><div class="end"><p>` + marker + `</p></div>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse([]byte(`<html><body><main><div id="c"><p>Body text.</p></div>`+tt.after+`</main></body></html>`), storyURL)
			if err != nil {
				t.Fatal(err)
			}
			c := findFirst(doc, func(n *html.Node) bool { return attr(n, "id") == "c" })
			if got := articleTail(c); len(got) != tt.want {
				t.Errorf("articleTail found %d elements, want %d", len(got), tt.want)
			}
		})
	}
}

func TestExtractor_Extract_liveBlogCoverage(t *testing.T) {
	ld := func(extra string) string {
		return `{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"` + storyHeadline + `",
"datePublished":"2024-03-07T09:30:00Z","dateModified":"2024-03-07T12:00:00Z"` + extra + `}`
	}
	tests := []struct {
		name string
		ld   string
		want bool
	}{
		{"open coverage", ld(`,"coverageStartTime":"2024-03-07T09:30:00Z"`), true},
		{"ended before the last modification", ld(`,"coverageEndTime":"2024-03-07T11:00:00Z"`), false},
		{"ended at the last modification", ld(`,"coverageEndTime":"2024-03-07T12:00:00Z"`), false},
		{"unreadable end", ld(`,"coverageEndTime":"yesterday"`), false},
		{"end announced for later", ld(`,"coverageEndTime":"2024-03-08T18:00:00Z"`), true},
	}
	e := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The body carries no marker: only the live blog markup can
			// make the story developing.
			a, err := e.Extract(tailPage(tt.ld, "", "", 0), storyURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.Developing != tt.want {
				t.Errorf("Developing = %v, want %v", a.Developing, tt.want)
			}
		})
	}
}

func TestExtractor_Extract_authorList(t *testing.T) {
	ld := func(names ...string) string {
		var ps []string
		for _, n := range names {
			ps = append(ps, `{"@type":"Person","name":"`+n+`"}`)
		}
		return `{"@type":"NewsArticle","headline":"` + storyHeadline + `","author":[` + strings.Join(ps, ",") + `]}`
	}
	tests := []struct {
		name, ld, visible, want string
	}{
		{"two, no visible byline", ld("Ann Lee", "Bo Diaz"), "", "Ann Lee, Bo Diaz"},
		{"three, no visible byline", ld("Ann Lee", "Bo Diaz", "Cy Park"), "", "Ann Lee, Bo Diaz, Cy Park"},
		// The printed wording varies by template; the list does not.
		{"visible byline names the same people", ld("Ann Lee", "Bo Diaz"), `<p class="byline">By Ann Lee with Bo Diaz</p>`, "Ann Lee, Bo Diaz"},
		{"visible byline names others", ld("Ann Lee", "Bo Diaz"), `<p class="byline">By Ann Lee and Cy Park</p>`, "Ann Lee, Bo Diaz"},
		// A login in the structured data is not what readers see.
		{"author is a login", `{"@type":"NewsArticle","headline":"` + storyHeadline + `","creator":"CC7567"}`, `<span class="author-name">James Akinaka</span>`, "James Akinaka"},
		{"author is a handle", `{"@type":"NewsArticle","headline":"` + storyHeadline + `","author":"@annlee"}`, `<span class="author-name">Ann Lee</span>`, "Ann Lee"},
		{"one-word author stays", `{"@type":"NewsArticle","headline":"` + storyHeadline + `","author":"Reuters"}`, `<span class="author-name">Ann Lee</span>`, "Reuters"},
	}
	e := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := strings.Replace(string(tailPage(tt.ld, "", "", 0)), "<section", tt.visible+"<section", 1)
			a, err := e.Extract([]byte(page), storyURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.Byline != tt.want {
				t.Errorf("Byline = %q, want %q", a.Byline, tt.want)
			}
		})
	}
}
