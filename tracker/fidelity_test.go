package tracker_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"golang.org/x/text/encoding/charmap"
)

// servePage wraps the site so that path answers with whatever page holds.
func servePage(path string, page *atomic.Pointer[string]) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != path {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(*page.Load()))
		})
	}
}

// A fetch whose text was UTF-8 decoded twice is repaired: it is no edit
// (the repaired text equals the stored one), and the check says so.
func TestCheckStory_mojibakeIsRepairedAndSaid(t *testing.T) {
	var page atomic.Pointer[string]
	sound := typographyPage(false)
	page.Store(&sound)
	e := newEnv(t, envOptions{wrap: servePage("/mojibake/story", &page)})
	st := e.track(t, e.srv.URL+"/mojibake/story")
	wantResult(t, "sound page", e.check(t, st.ID), redline.ResultNew)

	garbled, err := charmap.Windows1252.NewDecoder().String(sound)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(garbled, "\u00c3\u00a9") {
		t.Fatal("the garbled page holds no mojibake")
	}
	page.Store(&garbled)
	e.clock.Advance(time.Hour)
	wantResult(t, "garbled page", e.check(t, st.ID), redline.ResultUnchanged)
	checks, err := e.store.Checks(st.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	last := checks[0] // newest first
	if !strings.Contains(last.Note, "mojibake") {
		t.Errorf("check of the garbled page: note %q, want it to say the text was repaired", last.Note)
	}
	if n := len(e.versions(t, st.ID)); n != 1 {
		t.Errorf("%d versions, want 1: a repair is not an edit", n)
	}
}

// Tracking a homepage: the first check says it is not an article, and the
// listing is stored with all its items.
func TestCheckStory_listingSaysNotAnArticle(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Daily Example</title></head><body><nav><a href="/news">News</a></nav><main>`)
	for i := range 12 {
		fmt.Fprintf(&b, "<article><h3><a href=\"/news/story-%d\">Story number %d makes the front page today</a></h3></article>\n", i, i)
	}
	b.WriteString("</main></body></html>")
	front := b.String()
	var page atomic.Pointer[string]
	page.Store(&front)
	e := newEnv(t, envOptions{wrap: servePage("/front/", &page)})
	st := e.track(t, e.srv.URL+"/front/")
	r := e.check(t, st.ID)
	wantResult(t, "homepage", r, redline.ResultNew)
	if !strings.Contains(r.Summary, "not an article") {
		t.Errorf("summary %q, want it to say the page is not an article", r.Summary)
	}
	checks, err := e.store.Checks(st.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if note := checks[0].Note; !strings.Contains(note, "not an article") {
		t.Errorf("check note %q, want it to say the page is not an article", note)
	}
	vs := e.versions(t, st.ID)
	if a := vs[0].Article; a.Kind != redline.KindListing || len(a.Paragraphs) != 12 {
		t.Errorf("stored kind %q with %d items, want a listing of 12", a.Kind, len(a.Paragraphs))
	}
}
