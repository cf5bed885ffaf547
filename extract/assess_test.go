package extract

import (
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestAssess(t *testing.T) {
	body := func(n int) []string {
		var ps []string
		for i := 0; i < n; i++ {
			ps = append(ps, "The council met again on Friday to discuss the bridge and the ferries that replace it.")
		}
		return ps
	}
	prev := redline.Article{Headline: "Bridge stays closed", Paragraphs: body(10)} // 160 words
	tests := []struct {
		name       string
		prev, cur  redline.Article
		wantSus    bool
		wantReason string
	}{
		{"unchanged", prev, prev, false, ""},
		{"paragraph added", prev, redline.Article{Headline: prev.Headline, Paragraphs: body(11)}, false, ""},
		{"modest cut", prev, redline.Article{Headline: prev.Headline, Paragraphs: body(6)}, false, ""},
		{"shrank by more than half", prev, redline.Article{Headline: prev.Headline, Paragraphs: body(4)}, true, "shrank"},
		{"paywall", prev, redline.Article{Headline: prev.Headline, Paragraphs: []string{"The council met again on Friday.", "Subscribe to continue reading. Already a subscriber? Log in."}}, true, "paywall"},
		{"consent wall", prev, redline.Article{Headline: "Before you continue", Paragraphs: []string{"We use cookies and data to deliver and maintain our services.", "Accept all cookies"}}, true, "consent wall"},
		{"login wall", prev, redline.Article{Headline: prev.Headline, Paragraphs: []string{"Please sign in to continue reading this article."}}, true, "login wall"},
		{"error page", prev, redline.Article{Headline: "Oops", Paragraphs: []string{"Something went wrong. Please try again later."}}, true, "error page"},
		{"headline vanished", prev, redline.Article{Paragraphs: body(10)}, true, "headline"},
		{"first version, wall", redline.Article{}, redline.Article{Headline: "Subscribe", Paragraphs: []string{"You have reached your free article limit this month."}}, true, "paywall"},
		{"first version, short real story", redline.Article{}, redline.Article{Headline: "Road closed", Paragraphs: []string{"The coast road is closed after a landslide, police said."}}, false, ""},
		{"long article mentioning cookies", prev, redline.Article{Headline: prev.Headline, Paragraphs: append(body(10), "The bakery said it would accept cookies from customers for the charity sale, and we use cookies as the main prize.")}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sus, reason := Assess(tt.prev, tt.cur)
			if sus != tt.wantSus {
				t.Fatalf("Assess = %v (%q), want %v", sus, reason, tt.wantSus)
			}
			if !strings.Contains(reason, tt.wantReason) {
				t.Errorf("reason = %q, want it to mention %q", reason, tt.wantReason)
			}
		})
	}
}
