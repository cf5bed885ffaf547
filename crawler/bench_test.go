package crawler

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// benchCrawler is tuned for throughput: no host delay and enough
// parallelism that the crawler, not the politeness, is measured.
// robots.txt stays on, as in production: it is cached after one fetch.
func benchCrawler(b *testing.B) *Crawler {
	return newTestCrawler(b, Options{HostDelay: -1, HostParallelism: 32, MaxParallel: 32})
}

func BenchmarkCrawler_FetchNotModified(b *testing.B) {
	c := benchCrawler(b)
	const etag = `"v42"`
	srv := newServer(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	}))
	runFetches(b, c, Request{URL: srv.URL + "/story", ETag: etag}, func(p *Page) bool { return p.NotModified })
}

func BenchmarkCrawler_Fetch200(b *testing.B) {
	c := benchCrawler(b)
	// About 30 KB of article with non-ASCII text.
	var page bytes.Buffer
	page.WriteString(`<!doctype html><html><head><meta charset="utf-8"><title>Story</title></head><body>`)
	for i := range 300 {
		fmt.Fprintf(&page, "<p>Paragraph %d: the council’s vote — “developing” — was 5–4, café owners said.</p>\n", i)
	}
	page.WriteString("</body></html>")
	body := page.Bytes()
	srv := newServer(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	b.SetBytes(int64(len(body)))
	runFetches(b, c, Request{URL: srv.URL + "/story"}, func(p *Page) bool {
		return len(p.Body) == len(body) && strings.HasPrefix(string(p.Body[:15]), "<!doctype html>")
	})
}

func runFetches(b *testing.B, c *Crawler, req Request, ok func(*Page) bool) {
	b.Helper()
	if p, err := c.Fetch(b.Context(), req); err != nil {
		b.Fatalf("warm-up fetch: %v", err)
	} else if req.ETag == "" && !ok(p) {
		b.Fatalf("warm-up fetch: unexpected page %+v", p)
	}
	b.ReportAllocs()
	b.SetParallelism(4) // 4 × GOMAXPROCS callers, like a tracker pass
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p, err := c.Fetch(b.Context(), req)
			if err != nil {
				b.Error(err)
				return
			}
			if !ok(p) {
				b.Errorf("unexpected page: status %d, %d bytes", p.StatusCode, len(p.Body))
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "fetches/s")
}
