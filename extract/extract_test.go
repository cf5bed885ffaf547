package extract

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/redline-news/redline"
)

const storyURL = "https://www.dailyexample.com/news/2024/03/07/bridge"

const storyHeadline = "Harbour bridge to stay closed for two more weeks"

func TestExtractor_Extract_noisyPage(t *testing.T) {
	e := mustNew(t, Options{})
	a, dropped, err := e.Explain(noisyPage(storyHeadline, storyParagraphs, 0), storyURL)
	if err != nil {
		t.Fatalf("Explain: %v", err)
	}
	if a.Headline != storyHeadline {
		t.Errorf("Headline = %q, want %q", a.Headline, storyHeadline)
	}
	if a.Byline != "Jane Doe, John Roe" {
		t.Errorf("Byline = %q, want the two JSON-LD authors", a.Byline)
	}
	if want := time.Date(2024, 3, 7, 9, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", a.Published, want)
	}
	if !a.Developing {
		t.Error("Developing = false, want true (the page says it is a developing story)")
	}
	want := make([]string, len(storyParagraphs))
	for i, p := range storyParagraphs {
		want[i] = Normalize(p)
	}
	if !slices.Equal(a.Paragraphs, want) {
		t.Errorf("Paragraphs =\n%s\nwant\n%s", strings.Join(a.Paragraphs, "\n"), strings.Join(want, "\n"))
	}
	rules := map[string]bool{}
	for _, d := range dropped {
		rules[d.Rule] = true
	}
	for _, r := range []string{"all-caps-promo", "promo-click-here", "furniture div.ad-container"} {
		if !rules[r] {
			t.Errorf("Explain did not report rule %q; dropped: %+v", r, dropped)
		}
	}
}

// TestExtractor_Extract_noiseIsNotAnEdit renders the same story with
// different ads, timestamps, most-read lists and promos: every render must
// give the same version.
func TestExtractor_Extract_noiseIsNotAnEdit(t *testing.T) {
	e := mustNew(t, Options{})
	base, err := e.Extract(noisyPage(storyHeadline, storyParagraphs, 0), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 6; v++ {
		t.Run(fmt.Sprintf("variant %d", v), func(t *testing.T) {
			a, err := e.Extract(noisyPage(storyHeadline, storyParagraphs, v), storyURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.Hash() != base.Hash() {
				t.Errorf("Hash = %s, want %s\n got: %q\nwant: %q", a.Hash(), base.Hash(), a.Paragraphs, base.Paragraphs)
			}
		})
	}
	t.Run("a real edit changes the hash", func(t *testing.T) {
		edited := slices.Clone(storyParagraphs)
		edited[3] = strings.Replace(edited[3], "Two showed cracks", "Three showed cracks", 1)
		a, err := e.Extract(noisyPage(storyHeadline, edited, 2), storyURL)
		if err != nil {
			t.Fatal(err)
		}
		if a.Hash() == base.Hash() {
			t.Error("editing a paragraph did not change the hash")
		}
	})
	t.Run("removing the developing line is an edit", func(t *testing.T) {
		a, err := e.Extract(noisyPage(storyHeadline, storyParagraphs[:len(storyParagraphs)-1], 0), storyURL)
		if err != nil {
			t.Fatal(err)
		}
		if a.Hash() == base.Hash() || a.Developing {
			t.Errorf("Hash changed = %v, Developing = %v; want a new hash and Developing false", a.Hash() != base.Hash(), a.Developing)
		}
	})
}

// TestExtractor_Extract_seedStory runs the real developing story with its
// inline promos through the extractor.
func TestExtractor_Extract_seedStory(t *testing.T) {
	raw, err := os.ReadFile("../../shared/seed/developing-story.txt")
	if err != nil {
		t.Skipf("seed story not available: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	var b strings.Builder
	b.WriteString("<html><head><title>Biden and Putin to speak Thursday - Washington Examiner</title></head><body><article><h1>Biden and Putin to speak Thursday</h1>")
	for _, l := range lines {
		fmt.Fprintf(&b, "<p>%s</p>\n", l)
	}
	b.WriteString("</article></body></html>")
	e := mustNew(t, Options{})
	a, dropped, err := e.Explain([]byte(b.String()), "https://www.washingtonexaminer.com/news/biden-putin")
	if err != nil {
		t.Fatal(err)
	}
	text := a.Text()
	for _, noise := range []string{"WHAT IS VLADIMIR PUTIN AFRAID OF?", "CLICK HERE TO READ MORE"} {
		if strings.Contains(text, noise) {
			t.Errorf("body contains promo %q", noise)
		}
	}
	if !strings.Contains(text, "This is a developing story and will be updated") {
		t.Error("the developing-story line was dropped; it is article text")
	}
	if !a.Developing {
		t.Error("Developing = false, want true")
	}
	var promos []string
	for _, d := range dropped {
		if d.Rule != "repeats-headline" {
			promos = append(promos, d.Text)
		}
	}
	if len(a.Paragraphs) != len(lines)-2 || len(promos) != 2 {
		t.Errorf("got %d paragraphs and promos %q, want %d paragraphs and the 2 promos", len(a.Paragraphs), promos, len(lines)-2)
	}
}

func TestExtractor_Extract_notes(t *testing.T) {
	paras := append(slices.Clone(storyParagraphs[:7]),
		"Correction: An earlier version of this story misstated the number of columns on the eastern span.",
		"This story has been updated to include comment from the shipping company.",
		"Update: The council session has been moved to Saturday morning.")
	e := mustNew(t, Options{})
	a, err := e.Extract(noisyPage(storyHeadline, paras, 0), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	wantNotes := []string{paras[7], paras[8]}
	if !slices.Equal(a.Notes, wantNotes) {
		t.Errorf("Notes = %q, want %q", a.Notes, wantNotes)
	}
	if last := a.Paragraphs[len(a.Paragraphs)-1]; last != paras[9] {
		t.Errorf("last paragraph = %q, want the Update line kept in the body", last)
	}
}

func TestExtractor_Extract_developing(t *testing.T) {
	page := func(extraHead, para string) []byte {
		var b strings.Builder
		b.WriteString("<html><head><title>Storm hits the coast</title>" + extraHead + "</head><body><article><h1>Storm hits the coast</h1>")
		for _, p := range storyParagraphs[:6] {
			fmt.Fprintf(&b, "<p>%s</p>", p)
		}
		fmt.Fprintf(&b, "<p>%s</p></article></body></html>", para)
		return []byte(b.String())
	}
	liveBlog := `<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Storm hits the coast"}</script>`
	tests := []struct {
		name       string
		head, para string
		markers    []string
		want       bool
	}{
		{"developing story sentence", "", "This is a developing story. Check back for updates.", nil, true},
		{"will be updated", "", "This article will be updated as more information becomes available.", nil, true},
		{"BREAKING label", "", "BREAKING: Power has been cut to 20,000 homes.", nil, true},
		{"live updates", "", "Follow our live updates for the latest.", nil, true},
		{"LiveBlogPosting", liveBlog, "Power has been restored to most homes.", nil, true},
		{"configured marker", "", "More to follow on this story.", []string{"More to follow"}, true},
		{"configured marker absent", "", "Power has been restored to most homes.", []string{"More to follow"}, false},
		{"breaking in a sentence", "", "The company was accused of breaking the law on emissions.", nil, false},
		{"updated in a sentence", "", "The agency updated its forecast on Monday night.", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustNew(t, Options{DevelopingMarkers: tt.markers})
			a, err := e.Extract(page(tt.head, tt.para), storyURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.Developing != tt.want {
				t.Errorf("Developing = %v, want %v", a.Developing, tt.want)
			}
			if !strings.Contains(a.Text(), Normalize(tt.para)) {
				t.Errorf("marker paragraph %q missing from body", tt.para)
			}
		})
	}
}

func TestExtractor_Extract_jsonLD(t *testing.T) {
	ld := `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
		{"@type":"Organization","name":"Example News"},
		{"@type":"WebPage","name":"Example News - Home","mainEntity":{"@type":["ReportageNewsArticle"],"headline":"Council approves new ferry routes","author":{"@type":"Person","name":"Ana Lopez"},"datePublished":"2023-11-02T08:00:00+01:00","dateModified":"2023-11-02T12:30:00+01:00","description":"Three routes will start in spring."}}]}</script>
		<script type="application/ld+json">{ broken json</script>`
	var b strings.Builder
	b.WriteString("<html><head><title>Ferries | Example News</title><meta property=\"og:title\" content=\"Wrong title from og\">" + ld + "</head><body><main>")
	for _, p := range storyParagraphs[:6] {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</main></body></html>")
	a, err := mustNew(t, Options{}).Extract([]byte(b.String()), "https://example.com/ferries")
	if err != nil {
		t.Fatal(err)
	}
	loc := time.FixedZone("", 3600)
	checks := []struct {
		field, got, want string
	}{
		{"Headline", a.Headline, "Council approves new ferry routes"},
		{"Byline", a.Byline, "Ana Lopez"},
		{"Dek", a.Dek, "Three routes will start in spring."},
		{"Published", a.Published.String(), time.Date(2023, 11, 2, 8, 0, 0, 0, loc).String()},
		{"Modified", a.Modified.String(), time.Date(2023, 11, 2, 12, 30, 0, 0, loc).String()},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

func TestExtractor_Extract_empty(t *testing.T) {
	consent := "<html><head><title>Before you continue</title></head><body><div class=\"consent\"><h1>We value your privacy</h1><p>We use cookies and similar technologies to personalise content. Accept all cookies or manage your privacy settings.</p><button>Accept all</button></div></body></html>"
	tests := []struct {
		name string
		page string
	}{
		{"empty", ""},
		{"whitespace", "   \n\t "},
		{"no text", "<html><head><title></title></head><body><div><img src=x.png></div></body></html>"},
		{"404 page", "<html><head><title>Page not found | Example News</title></head><body><nav><a href=/>Home</a></nav><h1>Page not found</h1><p>Sorry, the page you were looking for does not exist.</p><p><a href=/>Go to the homepage</a></p></body></html>"},
		{"navigation only", "<html><body><nav><ul><li><a href=/a>News</a></li><li><a href=/b>Sport</a></li></ul></nav><footer><a href=/c>Privacy</a></footer></body></html>"},
	}
	e := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Extract([]byte(tt.page), "https://example.com/gone")
			if !errors.Is(err, redline.ErrEmptyArticle) {
				t.Fatalf("err = %v, want ErrEmptyArticle", err)
			}
			if !strings.Contains(err.Error(), "https://example.com/gone") {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
	t.Run("consent wall is suspect", func(t *testing.T) {
		prev, err := e.Extract(noisyPage(storyHeadline, storyParagraphs, 0), storyURL)
		if err != nil {
			t.Fatal(err)
		}
		cur, err := e.Extract([]byte(consent), storyURL)
		if err != nil && !errors.Is(err, redline.ErrEmptyArticle) {
			t.Fatalf("err = %v", err)
		}
		if err == nil {
			if suspect, reason := Assess(prev, cur); !suspect {
				t.Errorf("Assess(consent wall) = not suspect, want suspect")
			} else if !strings.Contains(reason, "consent") {
				t.Errorf("reason = %q, want it to name the consent wall", reason)
			}
		}
	})
}

func TestExtractor_Extract_invalidUTF8(t *testing.T) {
	page := noisyPage("Bridge \xff\xfe closed", append([]string{"Broken \xc3\x28 bytes \xed\xa0\x80 in a paragraph that is long enough to count as article text for the extractor."}, storyParagraphs...), 0)
	inputs := map[string][]byte{
		"page with bad bytes": page,
		"random bytes":        {0xff, 0xfe, 0x00, '<', 'p', '>', 0x80, 0x81},
		"truncated tag":       []byte("<html><body><p>Unclosed <a href=\"x"),
	}
	e := mustNew(t, Options{})
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			a, err := e.Extract(in, storyURL)
			if err != nil && !errors.Is(err, redline.ErrEmptyArticle) {
				t.Fatalf("err = %v", err)
			}
			for _, s := range append([]string{a.Headline, a.Byline, a.Dek}, a.Paragraphs...) {
				if !utf8.ValidString(s) {
					t.Errorf("invalid UTF-8 in output: %q", s)
				}
			}
		})
	}
}
