package tracker_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
)

// typographyPage is a story whose text uses curly quotes, guillemets and
// no-break spaces; edited changes one figure.
func typographyPage(edited bool) string {
	figure := "two"
	if edited {
		figure = "three"
	}
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bridge stays shut</title></head><body><main><article>
<h1>Bridge stays shut</h1>
<p>` + "\u201cWe are not going to take any chances with public safety,\u201d the commissioner said on Thursday, and the council\u2019s engineers agreed with her." + `</p>
<p>` + "Le maire a d\u00e9clar\u00e9\u00a0: \u00ab\u202fLe pont restera ferm\u00e9 " + figure + " semaines\u202f\u00bb, devant la mairie, avant la r\u00e9union du conseil." + `</p>
<p>Engineers have so far examined four of the eleven columns on the eastern span. Two showed cracks that will need to be repaired before any vehicles are allowed back.</p>
<p>The shipping company that operates the vessel said in a statement that it was cooperating fully with the investigation into the collision.</p>
</article></main></body></html>`
}

// hashBeforeFold is Article.Hash as releases before the folded key wrote
// it: the stored text, unfolded, because extraction folded it already.
func hashBeforeFold(a redline.Article) string {
	h := sha256.New()
	write := func(field, s string) {
		h.Write([]byte(field + "\x00" + s + "\x00"))
	}
	write("headline", a.Headline)
	write("byline", a.Byline)
	write("dek", a.Dek)
	for _, p := range a.Paragraphs {
		write("p", p)
	}
	for _, n := range a.Notes {
		write("note", n)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// A database written when extraction folded quotes before storing keeps
// working: the same page fetched again is unchanged (no spurious version,
// no schema step), and a real edit stores the text as published.
func TestCheckStory_foldedDatabaseSeesNoTypographyVersion(t *testing.T) {
	var edited atomic.Bool
	e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/typography/story" {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(typographyPage(edited.Load())))
		})
	}})
	st := e.track(t, e.srv.URL+"/typography/story")

	// Version 1 as an older release stored it: every field folded.
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := []byte(typographyPage(false))
	published, err := ex.Extract(page, st.URL)
	if err != nil {
		t.Fatal(err)
	}
	old := published
	old.Headline = redline.Fold(old.Headline)
	old.Paragraphs = slices.Clone(old.Paragraphs)
	for i, p := range old.Paragraphs {
		old.Paragraphs[i] = redline.Fold(p)
	}
	if slices.Equal(old.Paragraphs, published.Paragraphs) {
		t.Fatal("the page has no typography to fold; the test proves nothing")
	}
	v1 := redline.Version{StoryID: st.ID, FetchedAt: epoch, URL: st.URL, HTTPStatus: 200, Article: old, Charset: "utf-8"}
	if _, err := e.store.SaveVersion(&v1, page); err != nil {
		t.Fatal(err)
	}
	if want := hashBeforeFold(old); v1.Hash != want {
		t.Fatalf("a folded article hashes to %s, the old release wrote %s", v1.Hash, want)
	}

	if r := e.check(t, st.ID); r.Result != redline.ResultUnchanged || r.Version != 1 {
		t.Fatalf("same page on a folded database: %s (version %d, %s), want unchanged at 1", r.Result, r.Version, r.Summary)
	}
	edited.Store(true)
	e.clock.Advance(time.Hour)
	r := e.check(t, st.ID)
	if r.Result != redline.ResultChanged || r.Version != 2 {
		t.Fatalf("edited page: %s (version %d), want changed at 2", r.Result, r.Version)
	}
	vs := e.versions(t, st.ID)
	v2 := vs[len(vs)-1].Article
	if !strings.Contains(v2.Text(), "\u00ab\u202fLe pont restera ferm\u00e9 three semaines\u202f\u00bb") || !strings.Contains(v2.Text(), "\u201cWe are") {
		t.Errorf("version 2 is not the published text: %q", v2.Paragraphs)
	}
	if got := vs[len(vs)-1]; got.Added != 1 || got.Removed != 1 {
		t.Errorf("version 2 counts +%d -%d, want the one changed word (+1 -1), not the quotes", got.Added, got.Removed)
	}
}

// A version stored while headlines kept the site's name: the same page
// read with the new rules is a re-reading, never an edit.
func TestCheckStory_siteNameCutIsAReread(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bridge stays shut after crash | The Daily Example</title>
<meta property="og:title" content="Bridge stays shut after crash | The Daily Example"><meta property="og:site_name" content="The Daily Example"></head>
<body><main><article><h1>Bridge stays shut after crash</h1>
<p>Engineers have so far examined four of the eleven columns on the eastern span. Two showed cracks that will need to be repaired before any vehicles are allowed back.</p>
<p>The shipping company that operates the vessel said in a statement that it was cooperating fully with the investigation into the collision.</p>
<p>Local businesses on both sides of the river said the closure was already hurting trade, and the council will discuss compensation on Friday.</p>
</article></main></body></html>`
	e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/site/story" {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		})
	}})
	st := e.track(t, e.srv.URL+"/site/story")
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now, err := ex.Extract([]byte(page), st.URL)
	if err != nil {
		t.Fatal(err)
	}
	old := now
	old.Headline, old.Site = "Bridge stays shut after crash | The Daily Example", ""
	v1 := redline.Version{StoryID: st.ID, FetchedAt: epoch, URL: st.URL, HTTPStatus: 200, Article: old, Charset: "utf-8"}
	if _, err := e.store.SaveVersion(&v1, []byte(page)); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	r := e.check(t, st.ID)
	if r.Result != redline.ResultReread {
		t.Fatalf("result %s (%s), want reread: the site name cut is redline's change, not the publisher's", r.Result, r.Summary)
	}
	vs := e.versions(t, st.ID)
	if got := vs[len(vs)-1].Article; got.Headline != "Bridge stays shut after crash" || got.Site != "The Daily Example" {
		t.Errorf("re-read headline %q site %q", got.Headline, got.Site)
	}
}
