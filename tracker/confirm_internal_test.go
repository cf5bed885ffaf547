package tracker

import (
	"slices"
	"testing"

	"github.com/redline-news/redline"
)

func TestStableArticle(t *testing.T) {
	latest := redline.Article{Headline: "Stored headline", Byline: "By A", Paragraphs: []string{"a", "b"}}
	for _, tc := range []struct {
		name          string
		first, second redline.Article
		latest        *redline.Article
		want          redline.Article
		dropped       int
	}{
		{
			name:    "rotating paragraph dropped, order kept",
			first:   redline.Article{Headline: "H", Paragraphs: []string{"a", "x", "b", "c"}},
			second:  redline.Article{Headline: "H", Paragraphs: []string{"a", "b", "y", "c"}},
			latest:  &latest,
			want:    redline.Article{Headline: "H", Paragraphs: []string{"a", "b", "c"}},
			dropped: 1,
		},
		{
			name:    "compared folded, first's text kept",
			first:   redline.Article{Headline: "“Quoted”", Paragraphs: []string{"it’s here", "n"}, Notes: []string{"Correction: x"}},
			second:  redline.Article{Headline: `"Quoted"`, Paragraphs: []string{"it's here"}, Notes: []string{"Correction: x"}},
			latest:  &latest,
			want:    redline.Article{Headline: "“Quoted”", Paragraphs: []string{"it’s here"}, Notes: []string{"Correction: x"}},
			dropped: 1,
		},
		{
			name:    "disagreeing headline and byline fall back to the stored ones",
			first:   redline.Article{Headline: "One", Byline: "By B", Paragraphs: []string{"a"}},
			second:  redline.Article{Headline: "Two", Byline: "By C", Paragraphs: []string{"a"}},
			latest:  &latest,
			want:    redline.Article{Headline: "Stored headline", Byline: "By A", Paragraphs: []string{"a"}},
			dropped: 2,
		},
		{
			name:    "before any version the first fetch's headline stands",
			first:   redline.Article{Headline: "One", Paragraphs: []string{"a", "b", "c"}},
			second:  redline.Article{Headline: "Two", Paragraphs: []string{"c", "a", "b"}},
			want:    redline.Article{Headline: "One", Paragraphs: []string{"a", "b"}},
			dropped: 2,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, dropped := stableArticle(tc.first, tc.second, tc.latest)
			if got.Headline != tc.want.Headline || got.Byline != tc.want.Byline ||
				!slices.Equal(got.Paragraphs, tc.want.Paragraphs) || !slices.Equal(got.Notes, tc.want.Notes) {
				t.Errorf("stable article %+v, want %+v", got, tc.want)
			}
			if dropped != tc.dropped {
				t.Errorf("dropped %d, want %d", dropped, tc.dropped)
			}
		})
	}
}

func TestWithoutStrays(t *testing.T) {
	again := redline.Article{Paragraphs: []string{"a", "furniture", "new reading", "b"}}
	stored := redline.Article{Paragraphs: []string{"a", "b"}}
	fresh := redline.Article{Paragraphs: []string{"a", "new reading", "b"}}
	got := withoutStrays(again, stored, fresh)
	if want := []string{"a", "new reading", "b"}; !slices.Equal(got.Paragraphs, want) {
		t.Errorf("paragraphs %q, want %q", got.Paragraphs, want)
	}
}
