package metrics_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/metrics"
)

// BenchmarkScrape10000 is one GET /metrics over a database of 10,000
// stories in every status, half of them due: the story figures are
// computed from the store on each scrape.
//
//	go test -run '^$' -bench Scrape -benchtime 20x ./metrics/
func BenchmarkScrape10000(b *testing.B) {
	const n = 10000
	st := testutil.MustOpenStore(b)
	now := time.Date(2026, time.April, 2, 9, 0, 0, 0, time.UTC)
	statuses := []redline.Status{redline.StatusActive, redline.StatusActive, redline.StatusFailing, redline.StatusGone, redline.StatusPaused}
	for i := range n {
		s := redline.Story{
			URL:       fmt.Sprintf("http://127.0.0.1:1/news/story-%05d", i),
			Tags:      []string{"politics"},
			Status:    statuses[i%len(statuses)],
			AddedAt:   now.Add(-48 * time.Hour),
			NextCheck: now.Add(time.Duration(i%2*2-1) * time.Duration(i) * time.Second),
			Headline:  "Storm surge floods harbor district as sea wall fails",
		}
		if err := st.AddStory(&s); err != nil {
			b.Fatal(err)
		}
	}
	rec := metrics.NewRecorder()
	reg, err := metrics.NewRegistry(metrics.Options{Store: st, Recorder: rec, Version: "bench", Overdue: 10 * time.Minute, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	h := metrics.Handler(reg, nil)
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)

	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("scrape: HTTP %d: %s", w.Code, w.Body)
		}
	}
	b.StopTimer()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	s := parse(b, w.Body)
	var total float64
	for _, m := range s["redline_stories"].GetMetric() {
		total += m.GetGauge().GetValue()
	}
	if total != n || s.value(b, "redline_stories_due") == 0 || s.value(b, "redline_stories_overdue") == 0 {
		b.Fatalf("scrape of %d stories: %v in all, %v due, %v overdue", n, total,
			s.value(b, "redline_stories_due"), s.value(b, "redline_stories_overdue"))
	}
}
