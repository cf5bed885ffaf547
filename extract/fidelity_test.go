package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"golang.org/x/text/encoding/charmap"
)

// fidelityPage is a plain news page: head goes in <head>, lead above the
// body paragraphs and tail after them, inside the article.
func fidelityPage(head, lead string, paras []string, tail string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">%s</head><body>\n<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n<main><article>\n%s\n", head, lead)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	fmt.Fprintf(&b, "%s\n</article></main>\n<footer><p>Copyright Example Media.</p></footer></body></html>", tail)
	return []byte(b.String())
}

// Class 7: the stored text is the published text. Quotes, guillemets and
// no-break spaces are kept as written, and the rules still read them
// (a curly "Editor’s note" is a note), on the full and the re-check path.
func TestExtract_keepsPublishedTypography(t *testing.T) {
	paras := append([]string{
		"\u201cWe are not going to take any chances with public safety,\u201d the commissioner said on Thursday, and the council\u2019s engineers agreed with her.",
		"Le maire a d\u00e9clar\u00e9\u00a0: \u00ab\u202fLe pont restera ferm\u00e9 deux semaines\u202f\u00bb, devant la mairie.",
	}, storyParagraphs[:5]...)
	page := fidelityPage("<title>Bridge stays shut</title>", "<h1>Bridge stays shut</h1>", paras,
		"<p>Editor\u2019s note: an earlier version of this story misnamed the commissioner.</p>")
	e := mustNew(t, Options{})
	a, err := e.Extract(page, "https://127.0.0.1/bridge")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range paras[:2] {
		if !slices.Contains(a.Paragraphs, want) {
			t.Errorf("paragraph not stored as published: %q\ngot %q", want, a.Paragraphs)
		}
	}
	if len(a.Notes) != 1 || !strings.HasPrefix(a.Notes[0], "Editor\u2019s note:") {
		t.Errorf("notes = %q, want the curly editor\u2019s note", a.Notes)
	}
	h, hint, err := e.ExtractWithHint(page, "https://127.0.0.1/bridge", "")
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := e.ExtractWithHint(page, "https://127.0.0.1/bridge", hint)
	if err != nil {
		t.Fatal(err)
	}
	sameArticle(t, h, a)
	if !slices.Equal(again.Paragraphs, a.Paragraphs) {
		t.Errorf("re-check path paragraphs differ:\n got %q\nwant %q", again.Paragraphs, a.Paragraphs)
	}
}

// Class 6: a correction's label and its sentence are one note, whether the
// label is a heading or a bold line of its own; neither stays in the body.
func TestExtract_correctionLabelAndSentenceAreOneNote(t *testing.T) {
	const sentence = "An earlier version of this story misstated the number of columns inspected by the engineers."
	tests := []struct{ name, tail, want string }{
		{"bold label paragraph", "<p><strong>Correction:</strong></p><p>" + sentence + "</p>", "Correction: " + sentence},
		{"heading label", "<h3>Correction</h3><p>" + sentence + "</p>", "Correction " + sentence},
		{"curly editor\u2019s note", "<p><b>Editor\u2019s note:</b></p><p>The commissioner\u2019s title was corrected on Friday after publication.</p>",
			"Editor\u2019s note: The commissioner\u2019s title was corrected on Friday after publication."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := fidelityPage("<title>Bridge stays shut</title>", "<h1>Bridge stays shut</h1>", storyParagraphs[:6], tt.tail)
			a, err := mustNew(t, Options{}).Extract(page, "https://127.0.0.1/bridge")
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Notes) != 1 || a.Notes[0] != tt.want {
				t.Errorf("notes = %q, want [%q]", a.Notes, tt.want)
			}
			for _, p := range a.Paragraphs {
				if strings.Contains(p, "misstated") || strings.Contains(p, "corrected on Friday") || strings.HasPrefix(p, "Correction") {
					t.Errorf("correction text left in the body: %q", p)
				}
			}
		})
	}
}

// Class 6: the dek holds a standfirst only. A description that is a
// paragraph of the body or the whole entry is not a dek, and a one-
// paragraph entry above its byline keeps its paragraph as the body.
func TestExtract_dekIsNotBodyText(t *testing.T) {
	t.Run("description repeats a later paragraph", func(t *testing.T) {
		head := `<title>Bridge stays shut</title><meta name="description" content="` + storyParagraphs[3] + `">`
		a, err := mustNew(t, Options{}).Extract(fidelityPage(head, "<h1>Bridge stays shut</h1>", storyParagraphs[:6], ""), "https://127.0.0.1/bridge")
		if err != nil {
			t.Fatal(err)
		}
		if a.Dek != "" {
			t.Errorf("dek = %q, want none: it is the fourth paragraph", a.Dek)
		}
	})
	t.Run("description cut with an ellipsis", func(t *testing.T) {
		head := `<title>Bridge stays shut</title><meta name="description" content="` + storyParagraphs[0][:90] + `…">`
		a, err := mustNew(t, Options{}).Extract(fidelityPage(head, "<h1>Bridge stays shut</h1>", storyParagraphs[:6], ""), "https://127.0.0.1/bridge")
		if err != nil {
			t.Fatal(err)
		}
		if a.Dek != "" {
			t.Errorf("dek = %q, want none: it is the lede cut short", a.Dek)
		}
	})
	t.Run("one-paragraph entry above its byline", func(t *testing.T) {
		entry := strings.Join(storyParagraphs[:3], " ")
		page := fidelityPage("<title>Bridge stays shut</title>", "<h1>Bridge stays shut</h1>", []string{entry}, "<p>By Jane Doe</p>")
		a, err := mustNew(t, Options{}).Extract(page, "https://127.0.0.1/bridge")
		if err != nil {
			t.Fatal(err)
		}
		if a.Dek != "" || len(a.Paragraphs) != 1 || a.Paragraphs[0] != entry {
			t.Errorf("dek %q, paragraphs %q; want the entry as the body", a.Dek, a.Paragraphs)
		}
	})
}

// Class 8: a dek that repeats the headline is dropped, and one holding
// markup written out as text is cleaned.
func TestExtract_dekRepeatsHeadlineOrHoldsMarkup(t *testing.T) {
	tests := []struct{ name, description, want string }{
		{"repeats the headline", "Bridge stays shut after crash", ""},
		{"literal markup", "&lt;p&gt;The harbour bridge stays shut while &lt;em&gt;engineers&lt;/em&gt; inspect the damage.&lt;/p&gt;", "The harbour bridge stays shut while engineers inspect the damage."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := `<title>Bridge stays shut after crash</title><meta name="description" content="` + tt.description + `">`
			a, err := mustNew(t, Options{}).Extract(fidelityPage(head, "<h1>Bridge stays shut after crash</h1>", storyParagraphs[:6], ""), "https://127.0.0.1/bridge")
			if err != nil {
				t.Fatal(err)
			}
			if a.Dek != tt.want {
				t.Errorf("dek = %q, want %q", a.Dek, tt.want)
			}
		})
	}
}

// Class 8: a comment form's "Name *" is never the byline.
func TestExtract_formLabelIsNoByline(t *testing.T) {
	form := `<form class="comment-form"><p><label class="comment-author" for="author">Name *</label><input id="author" name="author"></p></form>`
	page := fidelityPage("<title>Bridge stays shut</title>", "<h1>Bridge stays shut</h1>", storyParagraphs[:6],
		`<p class="author-box"><a href="/author/jane">View all posts by Jane Doe</a></p>`+form)
	a, err := mustNew(t, Options{}).Extract(page, "https://127.0.0.1/bridge")
	if err != nil {
		t.Fatal(err)
	}
	if a.Byline != "Jane Doe" {
		t.Errorf("byline = %q, want %q", a.Byline, "Jane Doe")
	}
}

// Class 9: a page whose UTF-8 was decoded twice reads as the same article
// as the sound page, and says it was repaired.
func TestExtract_repairsMojibake(t *testing.T) {
	paras := append([]string{
		"\u201cWe are not going to take any chances,\u201d the commissioner said on Thursday \u2014 and the council\u2019s engineers agreed with her in Espa\u00f1ol.",
	}, storyParagraphs[:5]...)
	sound := fidelityPage("<title>Caf\u00e9 owners wait for the bridge</title>", "<h1>Caf\u00e9 owners wait for the bridge</h1>", paras, "")
	garbled, err := charmap.Windows1252.NewDecoder().Bytes(sound) // UTF-8 read as windows-1252
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(garbled), "Espa\u00c3\u00b1ol") || !strings.Contains(string(garbled), "\u00e2\u20ac\u0153") {
		t.Fatalf("the garbled page is not mojibake: %.300s", garbled)
	}
	e := mustNew(t, Options{})
	want, err := e.Extract(sound, "https://127.0.0.1/cafe")
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Extract(garbled, "https://127.0.0.1/cafe")
	if err != nil {
		t.Fatal(err)
	}
	if want.Mojibake || !got.Mojibake {
		t.Errorf("Mojibake: sound page %t, garbled page %t; want false, true", want.Mojibake, got.Mojibake)
	}
	if got.Hash() != want.Hash() || got.Headline != want.Headline || !slices.Equal(got.Paragraphs, want.Paragraphs) {
		t.Errorf("repaired article differs from the sound one:\n got %q %q\nwant %q %q", got.Headline, got.Paragraphs, want.Headline, want.Paragraphs)
	}
}

// homepage is a news front: a lead story, sections of teasers (some in
// capitals), navigation and footer; order rotates the teasers.
func homepage(order int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Daily Example \u2013 News, sport and weather</title>
<meta property="og:site_name" content="The Daily Example"><meta property="og:type" content="website"></head><body>
<header><a href="/">The Daily Example</a><nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
<main><section class="lead"><h2><a href="/news/harbour-bridge-stays-shut-after-crash">Harbour bridge stays shut after crash</a></h2>
<p>Engineers will inspect the damaged columns for two more weeks.</p></section>
`)
	items := []string{
		"Mayor unveils new budget plan for the city", "STORM WARNING ISSUED FOR THE WHOLE COAST", "Local team wins the cup after extra time",
		"Prices rise again at the pump this week", "Museum reopens after two years of repairs", "FERRY OPERATORS WARN OF LONG QUEUES",
		"School term to start a week later", "New cycle lanes open on the river road", "Hospital waiting times fall for a third month",
		"Council votes to keep the old market hall", "Rail strike called off after late talks", "Festival line-up announced for the summer",
	}
	for i := range items {
		it := items[(i+order)%len(items)]
		fmt.Fprintf(&b, "<article class=\"teaser\"><h3><a href=\"/news/story-%d\">%s</a></h3></article>\n", i, it)
	}
	b.WriteString(`</main><footer><p>Copyright The Daily Example.</p><a href="/privacy">Privacy</a></footer></body></html>`)
	return []byte(b.String())
}

// Class 10: a homepage is not an article. It says so, and when tracked
// anyway every item is kept, capitals and lead story included.
func TestExtract_listingSaysNotAnArticle(t *testing.T) {
	e := mustNew(t, Options{})
	a, err := e.Extract(homepage(0), "https://127.0.0.1/")
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != redline.KindListing {
		t.Fatalf("kind = %q, want %q (paragraphs %q)", a.Kind, redline.KindListing, a.Paragraphs)
	}
	for _, want := range []string{"Harbour bridge stays shut after crash", "Engineers will inspect the damaged columns for two more weeks.", "STORM WARNING ISSUED FOR THE WHOLE COAST", "FERRY OPERATORS WARN OF LONG QUEUES", "Festival line-up announced for the summer"} {
		if !slices.Contains(a.Paragraphs, want) {
			t.Errorf("listing lost %q: %q", want, a.Paragraphs)
		}
	}
	if slices.Contains(a.Paragraphs, "Sport") || slices.Contains(a.Paragraphs, "Privacy") {
		t.Errorf("navigation or footer kept as items: %q", a.Paragraphs)
	}
	article, err := e.Extract(fidelityPage("<title>Bridge stays shut after the crash</title>", "<h1>Bridge stays shut after the crash</h1>", storyParagraphs[:6], ""), "https://127.0.0.1/bridge")
	if err != nil {
		t.Fatal(err)
	}
	if article.Kind != "" {
		t.Errorf("an article page is %q", article.Kind)
	}
	// The re-check path gives the same listing.
	h, hint, err := e.ExtractWithHint(homepage(0), "https://127.0.0.1/", "")
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := e.ExtractWithHint(homepage(0), "https://127.0.0.1/", hint)
	if err != nil {
		t.Fatal(err)
	}
	if h.Kind != redline.KindListing || again.Kind != redline.KindListing || !slices.Equal(again.Paragraphs, a.Paragraphs) {
		t.Errorf("re-check path: kind %q/%q, paragraphs %q", h.Kind, again.Kind, again.Paragraphs)
	}
}
