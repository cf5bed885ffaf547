package ui_test

import (
	"context"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
	"github.com/redline-news/redline/web/ui"
)

// longArticles are two versions of a 20,000-word article (400 paragraphs
// of 50 words): the second edits every tenth paragraph, moves two, drops
// one, adds five and changes the headline, as a day of liveblog rewrites.
func longArticles() (redline.Article, redline.Article) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("the council said on monday that police officers residents fire harbour " +
		"minister inquiry budget vote river flood storm hospital school road closed statement " +
		"reported according to officials people were injured evacuated after before during night")
	para := func() string {
		w := make([]string, 50)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ") + "."
	}
	old := redline.Article{Headline: "Storm closes harbour", Byline: "By Desk", Developing: true}
	for range 400 {
		old.Paragraphs = append(old.Paragraphs, para())
	}
	cur := old
	cur.Headline = "Storm closes harbour; two missing"
	cur.Paragraphs = slices.Clone(old.Paragraphs)
	for i := 0; i < len(cur.Paragraphs); i += 10 {
		w := strings.Fields(cur.Paragraphs[i])
		w[rng.IntN(len(w))] = "updated"
		w[rng.IntN(len(w))] = "figures"
		cur.Paragraphs[i] = strings.Join(w, " ")
	}
	p := cur.Paragraphs[55]
	cur.Paragraphs = slices.Insert(slices.Delete(cur.Paragraphs, 55, 56), 3, p)
	p = cur.Paragraphs[301]
	cur.Paragraphs = slices.Insert(slices.Delete(cur.Paragraphs, 301, 302), 120, p)
	cur.Paragraphs = slices.Delete(cur.Paragraphs, 200, 201)
	for range 5 {
		cur.Paragraphs = slices.Insert(cur.Paragraphs, rng.IntN(len(cur.Paragraphs)), para())
	}
	return old, cur
}

// BenchmarkDiffPage measures the server time of the Diff page of a
// 20,000-word article (target: 50 ms): reading both versions from a real
// store, diffing, laying out and rendering, for each view.
func BenchmarkDiffPage(b *testing.B) {
	st := testutil.MustOpenStore(b)
	s := redline.Story{URL: "http://127.0.0.1:9/news/storm"}
	if err := st.AddStory(&s); err != nil {
		b.Fatal(err)
	}
	old, cur := longArticles()
	for i, a := range []redline.Article{old, cur} {
		v := redline.Version{StoryID: s.ID, FetchedAt: pagesNow.Add(time.Duration(i-2) * time.Hour), URL: s.URL, HTTPStatus: 200, Article: a}
		if _, err := st.SaveVersion(&v, nil); err != nil {
			b.Fatal(err)
		}
	}
	h, err := ui.New(ui.Options{Service: &tracker.Service{Store: st, Line: web.ExportLineOf}, Now: func() time.Time { return pagesNow }})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Register(mux)
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	for _, view := range []struct{ name, query string }{
		{"inline", ""}, {"side", "?view=side"}, {"changes-only", "?only=changes"},
	} {
		b.Run(view.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/stories/1/diff/1/2"+view.query, nil)
				// As the server would: the guard checks Host against the
				// address the connection arrived on.
				req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET diff%s = %d: %s", view.query, w.Code, w.Body.String())
				}
				size = w.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}
