package tracker_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redline-news/redline"
)

// TestTracker_Once_OtherStoryHeadline: a page of the same site prints the
// headline of another tracked story, as plain text, between its
// paragraphs and at another place on every request. Only the tracker
// knows that line is a headline; with it, the page makes one version, and
// that line is not in it.
func TestTracker_Once_OtherStoryHeadline(t *testing.T) {
	t.Parallel()
	var other atomic.Value // headline of the first story, once known
	other.Store("")
	var hits atomic.Int64
	paras := []string{
		"Crews worked through the night to clear the debris left by the storm along the northern shore road.",
		"The road is expected to reopen to traffic on Saturday morning, the county said in a statement.",
		"Residents were asked to stay away from the beach until the clean-up is complete and the sea wall inspected.",
		"Power was restored to most homes by midday, though a few streets near the harbour were still without electricity.",
		"The county will hold a public meeting next week to discuss repairs to the sea wall and the coastal path.",
	}
	page := func() string {
		n := int(hits.Add(1))
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html><head><title>Shore road to reopen</title></head><body><article><h1>Shore road to reopen</h1><div class="text">`)
		for i, p := range paras {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
			if h := other.Load().(string); h != "" && i == n%4 {
				fmt.Fprintf(&b, "<p>%s</p>\n", h)
			}
		}
		b.WriteString(`</div></article></body></html>`)
		return b.String()
	}
	e := newEnv(t, envOptions{wrap: func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/local/shore-road" {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, page())
				return
			}
			next.ServeHTTP(w, r)
		})
	}})
	first := e.track(t, e.storyURL(e.site.Slugs()[0]))
	wantResult(t, "first story", e.check(t, first.ID), redline.ResultNew)
	headline := e.story(t, first.ID).Headline
	if headline == "" {
		t.Fatal("the first story has no headline")
	}
	other.Store(headline)

	st := e.track(t, e.srv.URL+"/local/shore-road")
	for i := range 5 {
		e.check(t, st.ID)
		if vs := e.versions(t, st.ID); len(vs) != 1 {
			t.Fatalf("fetch %d: %d versions, want 1", i+1, len(vs))
		}
	}
	v := e.versions(t, st.ID)[0]
	if strings.Contains(v.Article.Text(), headline) {
		t.Errorf("the other story's headline %q is in the version: %q", headline, v.Article.Paragraphs)
	}
	if len(v.Article.Paragraphs) != len(paras) {
		t.Errorf("%d paragraphs, want %d: %q", len(v.Article.Paragraphs), len(paras), v.Article.Paragraphs)
	}
}
