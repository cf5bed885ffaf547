package extract

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
)

// TestExtractor_Extract_splitBody fetches the same unchanged stories many
// times from the simulated newsroom's "split" template, whose body is cut
// into sibling containers at ad breaks placed at random per request. Page
// noise must never make a version: every render must give the same
// Article, on the full path and on the hint path (each re-check given the
// hint the previous one returned), and that Article must be the story the
// site published.
//
// Long stories are where it went wrong (on about one render in ten): a
// short chunk between two breaks held under 5% of the body, so the
// locator settled on the big chunk alone. The demo stories check the
// short and edited bodies, with fewer renders to keep the test quick.
func TestExtractor_Extract_splitBody(t *testing.T) {
	e := mustNew(t, Options{})
	demo, long := newsroom.DemoStories(), longStories(3)
	for _, seed := range []int64{1, 7} {
		site := newsroom.NewSite(newsroom.Options{Seed: seed, Template: "split", Stories: append(slices.Clone(demo), long...)})
		srv := httptest.NewServer(site.Handler())
		t.Cleanup(srv.Close)
		check := func(round int, st newsroom.Story, renders int) {
			t.Run(fmt.Sprintf("seed%d/round%d/%s", seed, round, st.Slug), func(t *testing.T) {
				u := site.StoryURL(srv.URL, st.Slug)
				checkSplitRenders(t, e, u, expectedParagraphs(site.ExpectedArticle(st.Slug)), renders)
			})
		}
		for _, st := range long {
			check(0, st, 30)
		}
		// The first and the last round: the story as first published and
		// after all its edits.
		for _, round := range []int{0, site.LastRound()} {
			site.SetRound(round)
			for _, st := range demo {
				check(round, st, 10)
			}
		}
	}
}

// checkSplitRenders fetches u the given number of times and checks that
// every render gives the first render's Article, which has the want
// paragraphs.
func checkSplitRenders(t *testing.T, e *Extractor, u string, want []string, renders int) {
	t.Helper()
	first, h, err := e.ExtractWithHint(fetch(t, u), u, "")
	if err != nil {
		t.Fatalf("render 0: %v", err)
	}
	if h == "" {
		t.Fatal("render 0: the full path made no hint")
	}
	if !slices.Equal(first.Paragraphs, want) {
		t.Fatalf("render 0: paragraphs differ from the published story\n got: %q\nwant: %q", first.Paragraphs, want)
	}
	for i := 1; i < renders; i++ {
		page := fetch(t, u)
		full, err := e.Extract(page, u)
		if err != nil {
			t.Fatalf("render %d: full path: %v", i, err)
		}
		if full.Hash() != first.Hash() {
			t.Errorf("render %d: full path gives another article (%d paragraphs, want %d)\n got: %q\nwant: %q",
				i, len(full.Paragraphs), len(first.Paragraphs), full.Paragraphs, first.Paragraphs)
		}
		hinted, next, err := e.ExtractWithHint(page, u, h)
		if err != nil {
			t.Fatalf("render %d: hint path: %v", i, err)
		}
		if hinted.Hash() != first.Hash() {
			t.Errorf("render %d: hint path (%s) gives another article (%d paragraphs, want %d)\n got: %q\nwant: %q",
				i, hinted.Extractor, len(hinted.Paragraphs), len(first.Paragraphs), hinted.Paragraphs, first.Paragraphs)
		}
		if next != "" {
			h = next
		}
	}
}

// expectedParagraphs is the site's ground truth as the extractor must
// read it: normalized, with the developing marker the page prints as the
// last paragraph while the story is developing.
func expectedParagraphs(a redline.Article) []string {
	var out []string
	for _, p := range a.Paragraphs {
		out = append(out, Normalize(p))
	}
	if a.Developing {
		out = append(out, newsroom.DevelopingMarker)
	}
	return out
}

func fetch(t *testing.T, u string) []byte {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, res.Status)
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return b
}

// longStories makes n one-round developing stories of 30, 45, 60 ...
// distinct paragraphs: long enough for a short chunk between two ad
// breaks to hold under 5% of the body.
func longStories(n int) []newsroom.Story {
	subjects := []string{"The council", "A spokeswoman for the port", "Residents of the harbour district", "The regional transport authority", "Two engineers on the inspection team", "The opposition leader"}
	verbs := []string{"said on Tuesday that", "warned in a letter that", "told reporters that", "argued at a public meeting that", "confirmed in a statement that"}
	clauses := []string{"the repairs would take longer than first planned", "the budget for the project had been exceeded by a wide margin", "no decision would be taken before the end of the month", "the ferry timetable would be extended for the evening rush", "an independent review of the inspection reports was needed"}
	var out []newsroom.Story
	for i := range n {
		var paras []string
		for j := range 30 + 15*i {
			paras = append(paras, fmt.Sprintf("%s %s %s, in account number %d given about story %d.",
				subjects[(i+j)%len(subjects)], verbs[(j*3+i)%len(verbs)], clauses[(j*7+i)%len(clauses)], j+1, i))
		}
		out = append(out, newsroom.Story{
			Slug:    fmt.Sprintf("long-story-%d", i),
			Section: "News",
			Rounds: []newsroom.Round{{
				Headline:   fmt.Sprintf("Harbour repairs delayed again, report %d", i),
				Byline:     "Jane Doe",
				Dek:        "The council has not said when the bridge reopens.",
				Paragraphs: paras,
				Developing: true,
			}},
		})
	}
	return out
}
