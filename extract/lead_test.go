package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// brPage renders an old table layout whose paragraphs are separated by
// <br><br>, with a weather masthead, a byline run into a dateline with a
// relative time, a comment counter and a copyright line: every piece of
// chrome that changes per request varies with variant.
func brPage(byline string, paras []string, variant int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><title>%s | The Old Gazette</title><meta property="og:title" content="%s"></head>
<body><table><tr><td colspan="2" class="banner"><a href="/"><b>The Old Gazette</b></a> | <a href="/news/">News</a> | Lakeview %d°F</td></tr>
<tr><td class="storytext" id="storytext">
<h1>%s</h1>
<i>Crews worked through the night to shore up the levee.</i><br><br>
`, storyHeadline, storyHeadline, 40+variant, storyHeadline)
	if byline != "" {
		fmt.Fprintf(&b, "<b>By %s</b><br>\n", byline)
	}
	fmt.Fprintf(&b, "<font size=\"-1\">Posted March 7, 2024, 9:30 a.m. EST (Updated %d minutes ago)</font><br><br>\n", 3+variant*7)
	for i, p := range paras {
		fmt.Fprintf(&b, "%s<br><br>\n", p)
		if i == 1 {
			fmt.Fprintf(&b, `<span id="ad-%d" class="ad"></span>`+"\n", variant*977)
		}
	}
	fmt.Fprintf(&b, `<font size="-2">%d comments | <a href="/print">Print</a></font>
</td><td class="sidebar"><b>Most read</b><br><a href="/a">Story %d</a><br></td></tr>
<tr><td colspan="2" class="footer"><font size="-2">Copyright © 2024 The Old Gazette</font></td></tr></table></body></html>`, 100+variant*13, variant)
	return []byte(b.String())
}

func TestExtractor_Extract_brSeparatedPage(t *testing.T) {
	e := mustNew(t, Options{})
	want := make([]string, len(storyParagraphs))
	for i, p := range storyParagraphs {
		want[i] = Normalize(p)
	}
	for _, byline := range []string{"", "Jane Doe and John Roe"} {
		t.Run("byline="+byline, func(t *testing.T) {
			first, hint, err := e.ExtractWithHint(brPage(byline, storyParagraphs, 0), storyURL, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(first.Paragraphs, want) {
				t.Errorf("Paragraphs =\n%s\nwant\n%s", strings.Join(first.Paragraphs, "\n"), strings.Join(want, "\n"))
			}
			// Printed "A and B" is written as a list of names, the same
			// string a structured author list gives (see bylineNames).
			if wantBy := strings.ReplaceAll(byline, " and ", ", "); first.Byline != wantBy {
				t.Errorf("Byline = %q, want %q", first.Byline, wantBy)
			}
			if d := "Crews worked through the night to shore up the levee."; first.Dek != d {
				t.Errorf("Dek = %q, want %q", first.Dek, d)
			}
			for v := 1; v <= 3; v++ {
				page := brPage(byline, storyParagraphs, v)
				full, err := e.Extract(page, storyURL)
				if err != nil {
					t.Fatal(err)
				}
				sameArticle(t, full, first)
				hinted, _, err := e.ExtractWithHint(page, storyURL, hint)
				if err != nil {
					t.Fatal(err)
				}
				if hinted.Extractor != PathHint {
					t.Errorf("render %d: re-check took the %q path, want the hint", v, hinted.Extractor)
				}
				sameArticle(t, hinted, full)
			}
		})
	}
}

// deckPage is an article whose lead holds a dek paragraph before the body.
func deckPage(dekMarkup, description string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><title>%s</title><meta name="description" content="%s"></head><body>
<article class="story"><h1>%s</h1>%s<div class="body">`, storyHeadline, description, storyHeadline, dekMarkup)
	for _, p := range storyParagraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`</div></article></body></html>`)
	return []byte(b.String())
}

func TestExtractor_Extract_dek(t *testing.T) {
	const dek = "Engineers need two more weeks to inspect the damaged columns."
	lede := Normalize(storyParagraphs[0])
	tests := []struct {
		name, markup, description string
		wantDek, wantFirst        string
	}{
		{"dek class", `<p class="amp-dek">` + dek + `</p>`, "", dek, lede},
		{"standfirst heading", `<h2 class="standfirst">` + dek + `</h2>`, dek, dek, lede},
		{"description in an element of its own", `<p class="intro">` + dek + `</p>`, dek, dek, lede},
		// Near miss: the description repeats the lede, which shares its
		// markup with the rest of the body: it stays the first paragraph.
		{"description is the lede", "", storyParagraphs[0], "", lede},
		// Near miss: a plain paragraph before the body that is not the
		// description and has no dek class stays in the body.
		{"plain paragraph", `<p class="intro">` + dek + `</p>`, "Something else entirely.", "Something else entirely.", dek},
	}
	e := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Extract(deckPage(tt.markup, tt.description), storyURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.Dek != tt.wantDek {
				t.Errorf("Dek = %q, want %q", a.Dek, tt.wantDek)
			}
			if len(a.Paragraphs) == 0 || a.Paragraphs[0] != tt.wantFirst {
				t.Errorf("Paragraphs[0] = %.60q..., want %.60q...", first(a.Paragraphs), tt.wantFirst)
			}
		})
	}
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}
