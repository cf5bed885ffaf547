package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
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
