package ui_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
	"github.com/redline-news/redline/web/ui"
)

// BenchmarkStoryPage measures the Story page of a long-running story:
// 150 versions of a 2,000-word article (one paragraph edited each time),
// of which the newest 100 edits are diffed for their summaries.
func BenchmarkStoryPage(b *testing.B) {
	st := testutil.MustOpenStore(b)
	s := redline.Story{URL: "http://127.0.0.1:9/news/long-running"}
	if err := st.AddStory(&s); err != nil {
		b.Fatal(err)
	}
	art, _ := longArticles()
	art.Paragraphs = art.Paragraphs[:40] // 2,000 words
	for i := range 150 {
		a := art
		a.Paragraphs = slices.Clone(art.Paragraphs)
		a.Paragraphs[i%40] = fmt.Sprintf("Update %d: %s", i, a.Paragraphs[i%40])
		v := redline.Version{StoryID: s.ID, FetchedAt: pagesNow.Add(time.Duration(i-150) * time.Minute), URL: s.URL, Article: a}
		if _, err := st.SaveVersion(&v, nil); err != nil {
			b.Fatal(err)
		}
		art = a
	}
	h, err := ui.New(ui.Options{Service: &tracker.Service{Store: st, Line: web.ExportLineOf}, Now: func() time.Time { return pagesNow }})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Register(mux)
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/stories/1", nil)
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("GET /stories/1 = %d", w.Code)
		}
	}
}
