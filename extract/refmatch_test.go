package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The generic extractors rebuild paragraphs their own way; the blocks of
// the page must still be found from their text.
func TestReference_match(t *testing.T) {
	ref := newReference([]string{
		"Car advice:When the tyre wears on its outer edge, the wheel leans out.",
		"Today the council met for the first time since",
		"The ferry leaves at nine. It returns at noon, weather allowing.",
		"Tickets cost four pounds for adults and two for children under twelve.",
		"Share",
	})
	tests := []struct {
		name  string
		block string
		want  bool
	}{
		{"equal", "Share", true},
		{"short and inside a paragraph", "The ferry", false},
		{"space dropped by the library", "Car advice: When the tyre wears on its outer edge, the wheel leans out.", true},
		{"cut short by the library", "Today the council met for the first time since the floods, and voted to rebuild the pier before the summer season.", true},
		{"made of two paragraphs", "The ferry leaves at nine. It returns at noon, weather allowing. Tickets cost four pounds for adults and two for children under twelve.", true},
		{"one paragraph inside a long block", "Residents of the island have asked for a later boat for years. The ferry leaves at nine. It returns at noon, weather allowing. The operator says it will consider one next spring.", false},
		{"pull quote repeating a sentence", "It returns at noon", false},
		{"unrelated", "Sign up for our newsletter to get the top stories every morning.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ref.match(tt.block); got != tt.want {
				t.Errorf("match(%q) = %v, want %v", tt.block, got, tt.want)
			}
		})
	}
}

// A page written in a word processor's markup: each paragraph opens with
// a bold label and a no-break space, which go-trafilatura drops
// ("diagnosis:When"). The paragraphs are still the article's.
func TestExtractor_Extract_labelledParagraphs(t *testing.T) {
	labels := []string{"Symptom", "Cause", "Check", "Repair", "Cost", "Timing", "Advice"}
	page := func(int) []byte {
		var b strings.Builder
		b.WriteString(`<div class="post"><div class="entry">`)
		for i, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<div class=\"MsoNormal\"><b>%s:</b>&nbsp;%s</div>\n", labels[i], p)
		}
		b.WriteString(`</div></div><div class="sidebar"><h3>Archive</h3><ul><li><a href="/a">March</a></li><li><a href="/b">April</a></li></ul></div>`)
		return classPage(b.String())
	}
	want := make([]string, 7)
	for i, p := range wantStory(7) {
		want[i] = Normalize(labels[i] + ":\u00a0" + p)
	}
	a, err := mustNew(t, Options{}).Extract(page(0), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Paragraphs, want) {
		t.Errorf("Paragraphs =\n%q\nwant\n%q", a.Paragraphs, want)
	}
	checkRenders(t, mustNew(t, Options{}), 2, page, want)
}
