package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// wantLines is what a history said before the summaries bucket: each
// version's Summary, decoded from the versions themselves.
func wantLines(t *testing.T, s *store.Store, id redline.StoryID) []redline.VersionSummary {
	t.Helper()
	vs, err := s.Versions(id)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]redline.VersionSummary, len(vs))
	for i, v := range vs {
		out[i] = v.Summary()
	}
	return out
}

func TestStore_Summaries_SayWhatTheVersionsSay(t *testing.T) {
	s, clk := newStore(t)
	g := newGen(7)
	id := addStory(t, s, "https://news.example/fire")
	a := g.article(300)
	var first redline.Article
	for i := range 6 {
		clk.Advance(time.Minute)
		a = g.edit(a)
		a.Developing = i == 1 || i == 2
		switch i {
		case 0:
			first = a
		case 4:
			a = first // a revert
		}
		v := redline.Version{StoryID: id, URL: "https://news.example/fire", HTTPStatus: 200, Article: a, Added: i, Removed: 2 * i, Reread: i == 5}
		if _, err := s.SaveVersion(&v, nil); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Summaries(id)
	if err != nil {
		t.Fatal(err)
	}
	if want := wantLines(t, s, id); !reflect.DeepEqual(got, want) {
		t.Fatalf("Summaries =\n%+v\nwant\n%+v", got, want)
	}
	if n, _ := store.SummaryLinesForTest(s, id); n != len(got) {
		t.Fatalf("%d lines stored for %d versions: Summaries decoded the versions", n, len(got))
	}
	if got[4].RevertOf != 1 || !got[5].Reread || !got[1].Developing || got[3].Developing {
		t.Fatalf("revert, reread or developing lost: %+v", got)
	}
}

// A story whose history was saved before the summaries bucket reads the
// same from its versions, and its next save writes the lines of it all.
func TestStore_Summaries_HistoryFromBeforeTheBucket(t *testing.T) {
	s, clk := newStore(t)
	g := newGen(8)
	id := addStory(t, s, "https://news.example/vote")
	other := addStory(t, s, "https://news.example/other")
	a := g.article(200)
	for range 3 {
		clk.Advance(time.Minute)
		save(t, s, id, a, page(a, "x"))
		save(t, s, other, g.article(100), nil)
		a = g.edit(a)
	}
	if err := store.DropSummariesForTest(s); err != nil {
		t.Fatal(err)
	}
	got, err := s.Summaries(id)
	if err != nil || !reflect.DeepEqual(got, wantLines(t, s, id)) || len(got) != 3 {
		t.Fatalf("Summaries without the bucket = %+v, %v", got, err)
	}
	save(t, s, id, a, nil)
	if n, _ := store.SummaryLinesForTest(s, id); n != 4 {
		t.Fatalf("%d lines after the next save, want all 4", n)
	}
	if n, _ := store.SummaryLinesForTest(s, other); n != 0 {
		t.Fatalf("an untouched story got %d lines", n)
	}
	if got, _ := s.Summaries(other); !reflect.DeepEqual(got, wantLines(t, s, other)) {
		t.Fatalf("untouched story's history = %+v", got)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStory(id); err != nil {
		t.Fatal(err)
	}
	if n, _ := store.SummaryLinesForTest(s, id); n != 0 {
		t.Fatalf("%d lines left of a deleted story", n)
	}
}

func BenchmarkStore_History150(b *testing.B) {
	s, clk := newStore(b)
	g := newGen(9)
	id := addStory(b, s, "https://news.example/live")
	a := g.article(800)
	for range 150 {
		clk.Advance(time.Minute)
		save(b, s, id, a, nil)
		a = g.edit(a)
	}
	b.Run("summaries", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Summaries(id); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decoded versions", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			vs, err := s.Versions(id)
			if err != nil {
				b.Fatal(err)
			}
			for _, v := range vs {
				_ = v.Summary()
			}
		}
	})
}
