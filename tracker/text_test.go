package tracker_test

import (
	"slices"
	"strings"
	"unicode"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/newsroom"
)

// normalized is the site's ground truth as a faithful extraction stores
// it: every field through extract.Normalize, and the developing marker as
// the last paragraph while the page shows it.
func normalized(a redline.Article) redline.Article {
	a.Headline, a.Byline, a.Dek = extract.Normalize(a.Headline), extract.Normalize(a.Byline), extract.Normalize(a.Dek)
	a.Paragraphs = normalizeAll(a.Paragraphs)
	if a.Developing {
		a.Paragraphs = append(a.Paragraphs, newsroom.DevelopingMarker)
	}
	a.Notes = normalizeAll(a.Notes)
	return a
}

// normalizedRound is a script round with its text normalized, without the
// marker: the edit checks compare the script's own paragraphs.
func normalizedRound(r newsroom.Round) newsroom.Round {
	r = r.Clone()
	r.Headline, r.Byline, r.Dek = extract.Normalize(r.Headline), extract.Normalize(r.Byline), extract.Normalize(r.Dek)
	r.Paragraphs, r.Notes = normalizeAll(r.Paragraphs), normalizeAll(r.Notes)
	return r
}

func normalizeAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = extract.Normalize(s)
	}
	return out
}

// words splits text into words without surrounding punctuation, keeping
// figures such as "1,200" whole.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// wordsOnlyIn is the multiset difference words(a) − words(b), sorted: what
// an edit from b to a (or a to b) must show as its only changed words.
func wordsOnlyIn(a, b string) []string {
	left := map[string]int{}
	for _, w := range words(b) {
		left[w]++
	}
	var out []string
	for _, w := range words(a) {
		if left[w] > 0 {
			left[w]--
			continue
		}
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// segmentWords lists, sorted, the words in the field's segments with op.
func segmentWords(f diff.FieldDiff, op diff.Op) []string {
	var out []string
	for _, s := range f.Segments {
		if s.Op == op {
			out = append(out, words(s.Text)...)
		}
	}
	slices.Sort(out)
	return out
}
