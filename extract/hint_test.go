package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestExtractor_ExtractWithHint_corpus checks, on every corpus page, that
// the hint made by the full path reads the same Article back from the page.
func TestExtractor_ExtractWithHint_corpus(t *testing.T) {
	pages := loadCorpus(t)
	e := mustNew(t, Options{})
	const u = "http://fakehost/test/page.html"
	hinted := 0
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			full, h, err := e.ExtractWithHint(pg.source, u, "")
			if err != nil {
				t.Skipf("full path fails on this page: %v", err)
			}
			if h == "" {
				return
			}
			again, h2, err := e.ExtractWithHint(pg.source, u, h)
			if err != nil {
				t.Fatalf("hint path: %v", err)
			}
			if again.Extractor == PathHint {
				hinted++
			}
			sameArticle(t, again, full)
			if h2 == "" {
				t.Error("hint path returned no hint for the next check")
			}
		})
	}
	t.Logf("%d of %d corpus pages re-read through the hint", hinted, len(pages))
	if hinted*10 < len(pages)*8 {
		t.Errorf("only %d of %d pages used the hint path, want at least 80%%", hinted, len(pages))
	}
}

func TestExtractor_ExtractWithHint_synthetic(t *testing.T) {
	e := mustNew(t, Options{})
	_, h, err := e.ExtractWithHint(noisyPage(storyHeadline, storyParagraphs, 0), storyURL, "")
	if err != nil {
		t.Fatal(err)
	}
	if h == "" {
		t.Fatal("full path made no hint for the synthetic page")
	}
	edited := slices.Clone(storyParagraphs)
	edited = slices.Insert(edited, 3, "A new paragraph: divers will inspect the underwater foundations on Saturday, weather permitting.")
	edited[0] = strings.Replace(edited[0], "two more weeks", "three more weeks", 1)

	moved := strings.NewReplacer(`<div class="story-body">`, `<section class="article-text">`, "</div>\n<div class=\"newsletter-box\">", "</section>\n<div class=\"newsletter-box\">")
	tests := []struct {
		name     string
		page     []byte
		hint     string
		wantPath string // "" = the full path's name
	}{
		{"same story, other noise", noisyPage(storyHeadline, storyParagraphs, 3), h, PathHint},
		{"other noise again", noisyPage(storyHeadline, storyParagraphs, 5), h, PathHint},
		{"edited and added paragraph", noisyPage(storyHeadline, edited, 4), h, PathHint},
		{"headline changed", noisyPage("Harbour bridge to stay closed for a month", storyParagraphs, 1), h, ""},
		{"body cut to one paragraph", noisyPage(storyHeadline, storyParagraphs[:1], 1), h, ""},
		{"layout changed", []byte(moved.Replace(string(noisyPage(storyHeadline, storyParagraphs, 2)))), h, ""},
		{"garbage hint", noisyPage(storyHeadline, storyParagraphs, 1), "not a hint", ""},
		{"empty hint", noisyPage(storyHeadline, storyParagraphs, 1), "", ""},
		{"hint from another version of the format", noisyPage(storyHeadline, storyParagraphs, 1), `{"v":999,"m":"c"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := e.Extract(tt.page, storyURL)
			if err != nil {
				t.Fatal(err)
			}
			got, next, err := e.ExtractWithHint(tt.page, storyURL, tt.hint)
			if err != nil {
				t.Fatal(err)
			}
			sameArticle(t, got, want)
			wantPath := tt.wantPath
			if wantPath == "" {
				wantPath = want.Extractor
			}
			if got.Extractor != wantPath {
				t.Errorf("Extractor = %q, want %q", got.Extractor, wantPath)
			}
			if next == "" {
				t.Error("no hint returned for the next check")
			}
		})
	}
}

func TestExtractor_ExtractWithHint_siteRule(t *testing.T) {
	e := mustNew(t, Options{Rules: []SiteRule{{Host: "example.com", Body: ".content"}}})
	want, err := e.Extract([]byte(rulePage), "https://example.com/a")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"", `{"v":1,"m":"c","p":["html","body"],"s":[">p"]}`} {
		t.Run(fmt.Sprintf("hint %q", h), func(t *testing.T) {
			got, _, err := e.ExtractWithHint([]byte(rulePage), "https://example.com/a", h)
			if err != nil {
				t.Fatal(err)
			}
			sameArticle(t, got, want)
			if got.Extractor != PathRule {
				t.Errorf("Extractor = %q, want the rule to win over any hint", got.Extractor)
			}
		})
	}
}

// A block of a kind the hint has never seen as article text, like a
// correction in its own wrapper, must not slip past the fast path.
func TestExtractor_ExtractWithHint_newKindOfBlock(t *testing.T) {
	e := mustNew(t, Options{})
	const url = "https://news.example/story"
	first := noisyPage("Harbour bridge closed", storyParagraphs, 1)
	_, hint, err := e.ExtractWithHint(first, url, "")
	if err != nil || hint == "" {
		t.Fatalf("first extraction: hint %q, err %v", hint, err)
	}
	const note = "Correction: An earlier version of this story misstated the length of the bridge."
	edited := strings.Replace(string(noisyPage("Harbour bridge closed", storyParagraphs, 2)), "</div>\n<div class=\"newsletter-box\">",
		"<div class=\"correction-note\"><em>"+note+"</em></div></div>\n<div class=\"newsletter-box\">", 1)
	got, _, err := e.ExtractWithHint([]byte(edited), url, hint)
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.Extract([]byte(edited), url)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Notes) != 1 || want.Notes[0] != note {
		t.Fatalf("full path notes = %q, want the correction", want.Notes)
	}
	sameArticle(t, got, want)
}

// Text that appears outside the remembered container, in a place of the
// page that held no text before (an update box under the story), is read
// by the full path on the first check that sees it, not some checks later:
// the hint path cannot see past its container.
func TestExtractor_ExtractWithHint_textInNewPlace(t *testing.T) {
	e := mustNew(t, Options{})
	const url = "https://news.example/story"
	_, hint, err := e.ExtractWithHint(noisyPage(storyHeadline, storyParagraphs, 1), url, "")
	if err != nil || hint == "" {
		t.Fatalf("first extraction: hint %q, err %v", hint, err)
	}
	const update = "Update, 4:10 p.m.: The transport commissioner said late on Thursday that a temporary ferry route to the old town would open on Saturday morning."
	withUpdate := func(variant int) []byte {
		return []byte(strings.Replace(string(noisyPage(storyHeadline, storyParagraphs, variant)),
			"</div>\n<div class=\"newsletter-box\">", "</div>\n<div class=\"story-update\"><p>"+update+"</p></div>\n<div class=\"newsletter-box\">", 1))
	}
	page := withUpdate(2)
	want, err := e.Extract(page, url)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(want.Paragraphs, update) {
		t.Fatalf("the full path does not read the update box (paragraphs %q): the page tests nothing", want.Paragraphs)
	}
	got, next, err := e.ExtractWithHint(page, url, hint)
	if err != nil {
		t.Fatal(err)
	}
	sameArticle(t, got, want)
	if got.Extractor == PathHint {
		t.Errorf("Extractor = %q, want the full path for text in a new place", got.Extractor)
	}
	// The next check of the same page in other noise is fast again, and
	// reads the update too.
	again, _, err := e.ExtractWithHint(withUpdate(3), url, next)
	if err != nil {
		t.Fatal(err)
	}
	if want3, err := e.Extract(withUpdate(3), url); err != nil {
		t.Fatal(err)
	} else {
		sameArticle(t, again, want3)
	}
	if again.Extractor != PathHint {
		t.Errorf("check after the update: Extractor = %q, want %q", again.Extractor, PathHint)
	}
}
