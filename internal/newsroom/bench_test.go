package newsroom

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSite_Handler measures one story page per template, the cost a
// tracker end-to-end test pays per fetch.
func BenchmarkSite_Handler(b *testing.B) {
	site := NewSite(Options{Seed: 1})
	site.SetRound(6)
	h := site.Handler()
	for _, tmpl := range Templates() {
		b.Run(tmpl, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "http://courier.test/t/"+tmpl+"/storm-surge-floods-harbor-district", nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

func BenchmarkSite_Feeds(b *testing.B) {
	h := NewSite(Options{}).Handler()
	req := httptest.NewRequest(http.MethodGet, "http://courier.test/feeds/latest.xml", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}
