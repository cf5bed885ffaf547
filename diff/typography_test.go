package diff

import (
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

// A publisher switching quote styles or no-break spaces has not edited the
// story: the diff shows no change, and what it shows is the new text.
func TestCompare_typographyIsNotAnEdit(t *testing.T) {
	old := redline.Article{
		Headline:   `Mayor says "we're ready"`,
		Paragraphs: []string{`"It's over," she said.`, `Le maire : " oui ".`, "Unchanged paragraph here."},
	}
	published := redline.Article{
		Headline:   "Mayor says \u201cwe\u2019re ready\u201d",
		Paragraphs: []string{"\u201cIt\u2019s over,\u201d she said.", "Le maire\u00a0: \u00ab\u202foui\u202f\u00bb.", "Unchanged paragraph here."},
	}
	d := Compare(old, published)
	if d.Changed() || d.Added != 0 || d.Removed != 0 {
		t.Fatalf("typography counted as an edit: changed=%t +%d -%d %+v", d.Changed(), d.Added, d.Removed, d.Fields)
	}
	for _, p := range d.Paragraphs {
		if p.Op != ParagraphEqual {
			t.Errorf("paragraph %d/%d is %v, want equal", p.Old, p.New, p.Op)
		}
	}
	if got := d.Fields[0].Segments; len(got) != 1 || got[0].Text != published.Headline {
		t.Errorf("headline segments = %+v, want the new text %q as one equal segment", got, published.Headline)
	}
	if body := d.Fields[3]; !strings.Contains(body.Segments[0].Text, "\u201cIt\u2019s over") {
		t.Errorf("body shows %q, want the published quotes", body.Segments[0].Text)
	}
}

// A real edit next to a quote change shows only the edited word, and the
// unchanged words in their new typography.
func TestCompare_editBesideTypography(t *testing.T) {
	old := redline.Article{Headline: "H", Paragraphs: []string{`"It's over," she said on Monday.`}}
	published := redline.Article{Headline: "H", Paragraphs: []string{"\u201cIt\u2019s over,\u201d she said on Tuesday."}}
	d := Compare(old, published)
	if d.Added != 1 || d.Removed != 1 {
		t.Fatalf("+%d -%d, want +1 -1: %+v", d.Added, d.Removed, d.Paragraphs)
	}
	var ins, del, eq []string
	for _, s := range d.Paragraphs[0].Segments {
		switch s.Op {
		case Insert:
			ins = append(ins, s.Text)
		case Delete:
			del = append(del, s.Text)
		default:
			eq = append(eq, s.Text)
		}
	}
	if strings.Join(ins, "") != "Tuesday" || strings.Join(del, "") != "Monday" {
		t.Errorf("inserted %q deleted %q, want Tuesday for Monday", ins, del)
	}
	if !strings.HasPrefix(strings.Join(eq, ""), "\u201cIt\u2019s over,\u201d") {
		t.Errorf("equal text %q does not show the published quotes", eq)
	}
}
