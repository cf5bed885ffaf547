package store_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
)

// epoch is the fixed start of every test clock.
var epoch = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// gen makes deterministic, news-like text: words from a fixed invented
// vocabulary, so compression sees realistic entropy rather than repeats.
type gen struct {
	r     *rand.Rand
	vocab []string
}

func newGen(seed uint64) *gen {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	syll := []string{"ka", "lo", "mi", "ne", "st", "ro", "ta", "ve", "qu", "ar", "en", "il", "po", "du", "sh", "or"}
	vocab := make([]string, 3000)
	for i := range vocab {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		vocab[i] = b.String()
	}
	return &gen{r: r, vocab: vocab}
}

func (g *gen) sentence(words int) string {
	w := make([]string, words)
	for i := range w {
		w[i] = g.vocab[g.r.IntN(len(g.vocab))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() string {
	s := make([]string, 3+g.r.IntN(3))
	for i := range s {
		s[i] = g.sentence(8 + g.r.IntN(12))
	}
	return strings.Join(s, " ")
}

// article returns an article of at least words body words.
func (g *gen) article(words int) redline.Article {
	a := redline.Article{
		Headline:   g.sentence(9),
		Byline:     "By " + g.sentence(2),
		Dek:        g.sentence(20),
		Published:  epoch.Add(-time.Hour),
		Developing: true,
		Extractor:  "test",
	}
	for a.Words() < words {
		a.Paragraphs = append(a.Paragraphs, g.paragraph())
	}
	return a
}

// edit returns a copy of a with one random newsroom-style edit.
func (g *gen) edit(a redline.Article) redline.Article {
	a.Paragraphs = slices.Clone(a.Paragraphs)
	a.Notes = slices.Clone(a.Notes)
	i := g.r.IntN(len(a.Paragraphs))
	switch g.r.IntN(6) {
	case 0:
		a.Headline = g.sentence(9)
	case 1:
		a.Paragraphs = slices.Insert(a.Paragraphs, i, g.paragraph())
	case 2:
		if len(a.Paragraphs) > 2 {
			a.Paragraphs = slices.Delete(a.Paragraphs, i, i+1)
		} else {
			a.Paragraphs = append(a.Paragraphs, g.paragraph())
		}
	case 3:
		a.Notes = append(a.Notes, "Correction: "+g.sentence(12))
	default:
		a.Paragraphs[i] = g.editParagraph(a.Paragraphs[i])
	}
	return a
}

// editParagraph replaces one sentence, the commonest live-story edit.
func (g *gen) editParagraph(p string) string {
	s := strings.SplitAfter(p, ". ")
	s[g.r.IntN(len(s))] = g.sentence(10) + " "
	return strings.TrimSpace(strings.Join(s, ""))
}

// page wraps an article in an HTML page with the usual noise around it.
func page(a redline.Article, noise string) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>" + a.Headline + "</title>")
	b.WriteString(`<script src="/static/app.js"></script><link rel="stylesheet" href="/s.css"></head><body>`)
	b.WriteString(`<nav><a href="/">Home</a><a href="/world">World</a><a href="/politics">Politics</a></nav>`)
	b.WriteString("<article><h1>" + a.Headline + "</h1><p class=byline>" + a.Byline + "</p>")
	for _, p := range a.Paragraphs {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article><aside>Most read: " + noise + "</aside><footer>© News Co</footer></body></html>")
	return []byte(b.String())
}

// newStore opens a checked store on a fixed clock.
func newStore(t testing.TB) (*store.Store, *clock.Manual) {
	t.Helper()
	clk := clock.New(epoch)
	return testutil.MustOpenStoreWith(t, store.Options{Now: clk.Now}), clk
}

// addStory adds a story for url and fails the test on error.
func addStory(t testing.TB, s *store.Store, url string) redline.StoryID {
	t.Helper()
	st := redline.Story{URL: url}
	if err := s.AddStory(&st); err != nil {
		t.Fatalf("AddStory(%s): %v", url, err)
	}
	return st.ID
}

// save stores a as the next version of id and returns the saved version.
func save(t testing.TB, s *store.Store, id redline.StoryID, a redline.Article, raw []byte) (redline.Version, bool) {
	t.Helper()
	v := redline.Version{StoryID: id, URL: "https://news.example/story", HTTPStatus: 200, Article: a}
	stored, err := s.SaveVersion(&v, raw)
	if err != nil {
		t.Fatalf("SaveVersion(story %d): %v", id, err)
	}
	return v, stored
}
