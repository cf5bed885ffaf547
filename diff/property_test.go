package diff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

var vocabulary = strings.Fields(`the a fire police said on Tuesday people 12 15 1,500 mayor city
	warehouse harbour officials residents were evacuated blaze inquiry government would
	report roads closed and of to in was by from after before night, morning. "quoted"
	don't re-open café 東京 — (brackets) U.S. 3.5 killed injured hospital`)

func randomSentence(r *rand.Rand) string {
	n := 3 + r.IntN(12)
	words := make([]string, n)
	for i := range words {
		words[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return strings.Join(words, " ") + "."
}

func randomParagraph(r *rand.Rand) string {
	n := 1 + r.IntN(3)
	s := make([]string, n)
	for i := range s {
		s[i] = randomSentence(r)
	}
	return strings.Join(s, " ")
}

func randomArticle(r *rand.Rand) redline.Article {
	a := redline.Article{Headline: randomSentence(r), Developing: r.IntN(2) == 0}
	if r.IntN(2) == 0 {
		a.Byline = "By " + vocabulary[r.IntN(len(vocabulary))]
	}
	for range r.IntN(8) {
		a.Paragraphs = append(a.Paragraphs, randomParagraph(r))
	}
	for range r.IntN(2) {
		a.Notes = append(a.Notes, "Correction: "+randomSentence(r))
	}
	return a
}

// mutateText applies a few word-level edits to s.
func mutateText(r *rand.Rand, s string) string {
	words := strings.Split(s, " ")
	for range 1 + r.IntN(3) {
		i := r.IntN(len(words) + 1)
		switch r.IntN(4) {
		case 0:
			words = slices.Insert(words, i, vocabulary[r.IntN(len(vocabulary))])
		case 1:
			if i < len(words) {
				words = slices.Delete(words, i, i+1)
			}
		case 2:
			if i < len(words) {
				words[i] = vocabulary[r.IntN(len(vocabulary))]
			}
		case 3:
			if i < len(words) {
				words[i] += "\xff" // invalid UTF-8
			}
		}
	}
	return strings.Join(words, " ")
}

func mutate(r *rand.Rand, a redline.Article) redline.Article {
	b := a
	b.Paragraphs = slices.Clone(a.Paragraphs)
	b.Notes = slices.Clone(a.Notes)
	for range 1 + r.IntN(4) {
		n := len(b.Paragraphs)
		switch r.IntN(9) {
		case 0:
			b.Headline = mutateText(r, b.Headline)
		case 1:
			b.Byline = mutateText(r, b.Byline)
		case 2:
			b.Developing = !b.Developing
		case 3:
			b.Notes = append(b.Notes, "Correction: "+randomSentence(r))
		case 4:
			b.Paragraphs = slices.Insert(b.Paragraphs, r.IntN(n+1), randomParagraph(r))
		case 5:
			if n > 0 {
				i := r.IntN(n)
				b.Paragraphs = slices.Delete(b.Paragraphs, i, i+1)
			}
		case 6:
			if n > 1 {
				i, j := r.IntN(n), r.IntN(n)
				p := b.Paragraphs[i]
				b.Paragraphs = slices.Insert(slices.Delete(b.Paragraphs, i, i+1), min(j, n-1), p)
			}
		default:
			if n > 0 {
				i := r.IntN(n)
				b.Paragraphs[i] = mutateText(r, b.Paragraphs[i])
			}
		}
	}
	return b
}

func fieldTexts(a redline.Article) map[string]string {
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	vs := func(ss []string) string { return v(strings.Join(ss, "\n")) }
	dev := "no"
	if a.Developing {
		dev = "yes"
	}
	return map[string]string{
		FieldHeadline: v(a.Headline), FieldByline: v(a.Byline), FieldDek: v(a.Dek),
		FieldBody: vs(a.Paragraphs), FieldNotes: vs(a.Notes), FieldDeveloping: dev,
	}
}

// TestCompare_reconstructs checks, for random edits, that the Equal and
// Delete segments of every field spell the old text and the Equal and
// Insert segments the new text, and that the paragraph view accounts for
// every paragraph exactly once.
func TestCompare_reconstructs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		old := randomArticle(r)
		new := mutate(r, old)
		if r.IntN(10) == 0 {
			old = redline.Article{}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			d := Compare(old, new)
			oldT, newT := fieldTexts(old), fieldTexts(new)
			for _, f := range d.Fields {
				if got := joinOp(f.Segments, Delete); got != oldT[f.Field] {
					t.Errorf("%s: old = %q, want %q", f.Field, got, oldT[f.Field])
				}
				if got := joinOp(f.Segments, Insert); got != newT[f.Field] {
					t.Errorf("%s: new = %q, want %q", f.Field, got, newT[f.Field])
				}
				if f.Changed != (oldT[f.Field] != newT[f.Field]) {
					t.Errorf("%s: Changed = %v", f.Field, f.Changed)
				}
				for k := 1; k < len(f.Segments); k++ {
					if f.Segments[k].Op == f.Segments[k-1].Op {
						t.Errorf("%s: neighbouring segments share op %v", f.Field, f.Segments[k].Op)
					}
				}
			}
			checkParagraphs(t, d, old, new)
		})
	}
}

func checkParagraphs(t *testing.T, d Diff, old, new redline.Article) {
	t.Helper()
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	seenOld := make([]int, len(old.Paragraphs))
	seenNew := make([]int, len(new.Paragraphs))
	lastNew := -1
	for _, p := range d.Paragraphs {
		if p.Old >= 0 {
			seenOld[p.Old]++
			if got := joinOp(p.Segments, Delete); got != v(old.Paragraphs[p.Old]) {
				t.Errorf("paragraph %+v: old text %q, want %q", p, got, old.Paragraphs[p.Old])
			}
		}
		if p.New >= 0 {
			seenNew[p.New]++
			if p.New < lastNew {
				t.Errorf("paragraph view not in new order at %+v", p)
			}
			lastNew = p.New
			if got := joinOp(p.Segments, Insert); got != v(new.Paragraphs[p.New]) {
				t.Errorf("paragraph %+v: new text %q, want %q", p, got, new.Paragraphs[p.New])
			}
		}
		if (p.Old >= 0) != (p.Op != ParagraphInsert) || (p.New >= 0) != (p.Op != ParagraphDelete) {
			t.Errorf("paragraph %+v: indexes do not match op", p)
		}
	}
	for i, n := range seenOld {
		if n != 1 {
			t.Errorf("old paragraph %d appears %d times", i, n)
		}
	}
	for i, n := range seenNew {
		if n != 1 {
			t.Errorf("new paragraph %d appears %d times", i, n)
		}
	}
}
