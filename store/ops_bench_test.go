package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redline-news/redline/store"
)

// opsStore holds 1,000 stories with four versions and pages each, the
// newest an hour old: what a cron crawl's keep_pages run meets.
func opsStore(b *testing.B) (*store.Store, time.Time) {
	b.Helper()
	s, clk := newStore(b)
	g := newGen(17)
	for i := range 1000 {
		id := addStory(b, s, fmt.Sprintf("https://news.example/bench-%d", i))
		art := g.article(300)
		for range 4 {
			save(b, s, id, art, page(art, g.sentence(8)))
			art = g.edit(art)
		}
	}
	clk.Advance(time.Hour)
	return s, clk.Now()
}

// BenchmarkStore_DropPagesBefore_nothingOld is the cost keep_pages adds to
// every cron crawl when no page is old enough: one version read per story,
// no write.
func BenchmarkStore_DropPagesBefore_nothingOld(b *testing.B) {
	s, now := opsStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := s.DropPagesBefore(now.Add(-90 * 24 * time.Hour))
		if err != nil || res.Pages != 0 {
			b.Fatalf("%+v, %v", res, err)
		}
	}
}

// BenchmarkStore_Compact compacts the same 1,000-story file each time.
func BenchmarkStore_Compact(b *testing.B) {
	s, _ := opsStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	var res store.CompactResult
	for b.Loop() {
		var err error
		if res, err = s.Compact(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.After)/(1<<20), "MiB")
}
