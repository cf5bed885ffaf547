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
