package diff

import (
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

var benchWords = strings.Fields(`the of and to a in that is was he for it with as his on be at by
	i this had not are but from or have an they which one you were her all she there would
	their we him been has when who will more no if out so said what up its about into than
	them can only other new some could time these two may then do first any my now such like
	our over man me even most made after also did many before must through back years where
	much your way well down should because each just those people mr how too little state good
	very make world still own see men work long get here between both life being under never
	day same another know while last might us great old year off come since against go came
	right used take three police officials fire mayor city council hospital residents harbour
	warehouse investigators minister government report inquiry evacuated injured killed
	witnesses described explosions blaze firefighters district spokesperson confirmed statement`)

// benchArticle builds a deterministic article of about words words in
// paragraphs of two to four sentences.
func benchArticle(r *rand.Rand, words int) redline.Article {
	a := redline.Article{Headline: "Warehouse fire kills 12 in harbour district", Byline: "By Jane Doe", Developing: true}
	n := 0
	for n < words {
		var p []string
		for range 2 + r.IntN(3) {
			k := 12 + r.IntN(14)
			s := make([]string, k)
			for i := range s {
				s[i] = benchWords[r.IntN(len(benchWords))]
				if r.IntN(25) == 0 {
					s[i] = strconv.Itoa(r.IntN(2000))
				}
			}
			s[0] = strings.ToUpper(s[0][:1]) + s[0][1:]
			p = append(p, strings.Join(s, " ")+".")
			n += k
		}
		a.Paragraphs = append(a.Paragraphs, strings.Join(p, " "))
	}
	return a
}

// benchEdit applies edits rounds of the edits a newsroom makes between two
// versions: a figure updated, a typo fixed, a sentence rewritten, a
// paragraph added, one removed and one moved.
func benchEdit(r *rand.Rand, a redline.Article, edits int) redline.Article {
	b := a
	b.Paragraphs = slices.Clone(a.Paragraphs)
	b.Headline = strings.Replace(b.Headline, "12", "15", 1)
	pick := func() int { return r.IntN(len(b.Paragraphs)) }
	for range edits {
		i := pick()
		w := strings.Fields(b.Paragraphs[i])
		w[r.IntN(len(w))] = strconv.Itoa(r.IntN(100))
		b.Paragraphs[i] = strings.Join(w, " ")

		i = pick()
		w = strings.Fields(b.Paragraphs[i])
		j := r.IntN(len(w))
		w[j] = w[j] + "e"
		b.Paragraphs[i] = strings.Join(w, " ")

		i = pick()
		if k := strings.Index(b.Paragraphs[i], ". "); k > 0 {
			b.Paragraphs[i] = "Officials later confirmed that the figures had been revised after a review by investigators" + b.Paragraphs[i][k:]
		}

		b.Paragraphs = slices.Insert(b.Paragraphs, pick(), "Firefighters from three neighbouring towns were called in to help on Wednesday.")
		i = pick()
		b.Paragraphs = slices.Delete(b.Paragraphs, i, i+1)
		i = pick()
		p := b.Paragraphs[i]
		b.Paragraphs = slices.Insert(slices.Delete(b.Paragraphs, i, i+1), pick(), p)
	}
	return b
}

func BenchmarkCompare(b *testing.B) {
	cases := []struct {
		name         string
		words, edits int
		unrelated    bool
	}{
		{"article-1500w", 1500, 1, false},
		{"large-20000w", 20000, 10, false},
		{"rewritten-20000w", 20000, 0, true},
	}
	for _, c := range cases {
		r := rand.New(rand.NewPCG(7, 11))
		old := benchArticle(r, c.words)
		new := benchEdit(r, old, c.edits)
		if c.unrelated {
			new = benchArticle(r, c.words)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compare(old, new)
			}
		})
	}
}

func BenchmarkWriteHTML(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 11))
	old := benchArticle(r, 1500)
	d := Compare(old, benchEdit(r, old, 1))
	for _, o := range []struct {
		name string
		opts RenderOptions
	}{
		{"context-1", RenderOptions{Context: 1}},
		{"all-inline", RenderOptions{Context: -1, InlineStyles: true}},
	} {
		b.Run(o.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteHTML(io.Discard, d, o.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWritePlain(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 11))
	old := benchArticle(r, 1500)
	d := Compare(old, benchEdit(r, old, 1))
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePlain(io.Discard, d, RenderOptions{Context: -1, Width: 80}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchEdit_summary keeps the benchmark input honest: the edits must
// show up as the kinds of change they are meant to be.
func TestBenchEdit_summary(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	old := benchArticle(r, 1500)
	d := Compare(old, benchEdit(r, old, 1))
	if w := old.Words(); w < 1400 || w > 1600 {
		t.Errorf("article has %d words, want about 1,500", w)
	}
	s := d.Summary()
	for _, want := range []string{"headline changed", "added", "removed", "changed", "moved"} {
		if !strings.Contains(s, want) {
			t.Errorf("Summary() = %q, lacks %q", s, want)
		}
	}
}
