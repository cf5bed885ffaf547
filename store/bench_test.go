package store_test

import (
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// BenchmarkStore_SaveVersion saves a ~1,200-word article with one
// paragraph changed per iteration, with its page as evidence, and reports
// what each version costs on disk.
func BenchmarkStore_SaveVersion(b *testing.B) {
	s, _ := newStore(b)
	id := addStory(b, s, "https://news.example/bench")
	g := newGen(1200)
	a := g.article(1200)
	save(b, s, id, a, page(a, "x"))
	// Edits are prepared up front so the timer measures the store only.
	arts := make([]redline.Article, b.N)
	pages := make([][]byte, b.N)
	for i := range arts {
		a.Paragraphs = append([]string(nil), a.Paragraphs...)
		j := i % len(a.Paragraphs)
		a.Paragraphs[j] = g.editParagraph(a.Paragraphs[j])
		arts[i], pages[i] = a, page(a, "x")
	}
	before := stats(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		v := redline.Version{StoryID: id, Article: arts[i]}
		if stored, err := s.SaveVersion(&v, pages[i]); err != nil || !stored {
			b.Fatalf("SaveVersion = %v, %v", stored, err)
		}
	}
	b.StopTimer()
	after := stats(b, s)
	b.ReportMetric(float64(after.VersionBytes-before.VersionBytes)/float64(b.N), "version-B/op")
	b.ReportMetric(float64(after.RawBytes-before.RawBytes)/float64(b.N), "page-B/op")
	b.ReportMetric(float64(after.VersionPlainBytes-before.VersionPlainBytes)/float64(b.N), "plain-B/op")
}

func stats(b *testing.B, s *store.Store) store.Stats {
	b.Helper()
	st, err := s.Stats()
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// chainStore holds one story with n versions of a ~1,200-word article.
func chainStore(b *testing.B, n int) (*store.Store, redline.StoryID) {
	s, _ := newStore(b)
	id := addStory(b, s, "https://news.example/bench")
	g := newGen(77)
	a := g.article(1200)
	for saved := 0; saved < n; {
		if _, stored := save(b, s, id, a, nil); stored {
			saved++
		}
		a = g.edit(a)
	}
	return s, id
}

// BenchmarkStore_LatestVersion reads the newest version when it sits at
// the end of a full chain, the worst case for the tracker's compare step.
func BenchmarkStore_LatestVersion(b *testing.B) {
	s, id := chainStore(b, store.KeyframeEvery)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.LatestVersion(id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStore_Version reads the deepest version of a chain, which
// decodes KeyframeEvery frames.
func BenchmarkStore_Version(b *testing.B) {
	s, id := chainStore(b, 2*store.KeyframeEvery)
	deepest := store.KeyframeEvery // last delta before the second keyframe
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		v, err := s.Version(id, deepest)
		if err != nil || v.N != deepest {
			b.Fatalf("Version(%d) = %d, %v", deepest, v.N, err)
		}
	}
}

// BenchmarkStore_Versions reads a story's whole history, as the diff view
// and timeline do.
func BenchmarkStore_Versions(b *testing.B) {
	s, id := chainStore(b, 2*store.KeyframeEvery)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Versions(id); err != nil {
			b.Fatal(err)
		}
	}
}
