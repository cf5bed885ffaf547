package newsroom

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSite_Advance(t *testing.T) {
	site := NewSite(Options{})
	last := site.LastRound()
	if last < 8 {
		t.Fatalf("LastRound = %d, want at least 8", last)
	}
	short := "eastmarsh-library-reopens" // one round only
	first := site.Expected(short)
	for i := 1; i <= last+3; i++ {
		site.Advance()
		if want := min(i, last); site.Round() != want {
			t.Fatalf("after %d advances Round = %d, want %d", i, site.Round(), want)
		}
		if got := site.Expected(short); got.Headline != first.Headline {
			t.Fatalf("one-round story changed at round %d", i)
		}
	}
	storm := site.Stories()[0]
	if got := site.Expected(storm.Slug); got.Headline != storm.Rounds[len(storm.Rounds)-1].Headline {
		t.Errorf("at the end Expected = %q, want the last round", got.Headline)
	}
	site.SetRound(-4)
	if site.Round() != 0 {
		t.Errorf("SetRound(-4): Round = %d", site.Round())
	}
	site.SetRound(1000)
	if site.Round() != last {
		t.Errorf("SetRound(1000): Round = %d", site.Round())
	}
	if got := site.Expected("no-such-story"); got.Headline != "" {
		t.Errorf("Expected(unknown) = %+v", got)
	}
}

func TestSite_ExpectedArticle(t *testing.T) {
	start := time.Date(2030, 1, 2, 8, 0, 0, 0, time.UTC)
	site := NewSite(Options{Start: start, RoundEvery: time.Hour})
	slug := "storm-surge-floods-harbor-district"
	var prev time.Time
	for round := 0; round <= site.LastRound(); round++ {
		site.SetRound(round)
		a := site.ExpectedArticle(slug)
		r := site.Expected(slug)
		if a.Headline != r.Headline || !slices.Equal(a.Paragraphs, r.Paragraphs) || a.Developing != r.Developing {
			t.Fatalf("round %d: article and round disagree", round)
		}
		if !a.Published.Equal(start) {
			t.Errorf("round %d: Published = %v", round, a.Published)
		}
		edit := r.Edit.Kind
		switch {
		case round == 0 && !a.Modified.Equal(start):
			t.Errorf("round 0: Modified = %v, want %v", a.Modified, start)
		case round > 0 && edit == EditNone && !a.Modified.Equal(prev):
			t.Errorf("round %d (none): Modified moved to %v", round, a.Modified)
		case round > 0 && edit != EditNone && !a.Modified.Equal(start.Add(time.Duration(round)*time.Hour)):
			t.Errorf("round %d: Modified = %v", round, a.Modified)
		}
		prev = a.Modified
	}
}

func TestNewSite_Stories(t *testing.T) {
	ok := Story{Slug: "fine", Rounds: []Round{{Headline: "Fine", Paragraphs: []string{"A paragraph."}}}}
	site := NewSite(Options{Stories: []Story{
		ok,
		{Slug: "Bad Slug", Rounds: ok.Rounds},
		{Slug: "empty"},
		{Slug: "fine", Rounds: []Round{{Headline: "Duplicate", Paragraphs: []string{"x"}}}},
	}})
	if got := site.Slugs(); !slices.Equal(got, []string{"fine"}) {
		t.Fatalf("Slugs = %v, want [fine]", got)
	}
	if site.Expected("fine").Headline != "Fine" {
		t.Error("the first of two duplicate slugs should win")
	}
	if len(site.EditRounds()) != 0 {
		t.Error("a one-round story has no edit rounds")
	}
	// Changing the caller's stories afterwards must not reach the site.
	ok.Rounds[0].Paragraphs[0] = "Changed."
	if site.Expected("fine").Paragraphs[0] != "A paragraph." {
		t.Error("site shares paragraph storage with the caller")
	}
}

// templateMarkers are markup only one template emits, to tell which
// template served a page.
var templateMarkers = map[string]string{
	"classic":  `<article class="story">`,
	"divsoup":  `<div class="story-body">`,
	"jsonld":   `<section class="content">`,
	"liveblog": `<div class="lb-feed"`,
	"amp":      `<html amp`,
	"split":    `<div class="article-content">`,
	"brbr":     `id="storytext"`,
	"related":  `<article class="entry">`,
	"metaline": `<article class="news-item">`,
	"chunks":   `<div class="story-grid">`,
}

func servedBy(body []byte) []string {
	var out []string
	for name, m := range templateMarkers {
		if bytes.Contains(body, []byte(m)) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func TestSite_Handler_TemplateChoice(t *testing.T) {
	if len(templateMarkers) != len(Templates()) {
		t.Fatalf("templateMarkers covers %d of %d templates", len(templateMarkers), len(Templates()))
	}
	t.Run("default assignment", func(t *testing.T) {
		site, srv := startSite(t, Options{})
		for i, slug := range site.Slugs() {
			_, body := fetch(t, srv, "/news/"+slug, nil)
			want := Templates()[i%len(Templates())]
			if got := servedBy(body); !slices.Equal(got, []string{want}) || site.TemplateFor(slug) != want {
				t.Errorf("%s served by %v (TemplateFor %q), want %s", slug, got, site.TemplateFor(slug), want)
			}
		}
	})
	t.Run("by index", func(t *testing.T) {
		_, srv := startSite(t, Options{})
		for i, name := range Templates() {
			_, body := fetch(t, srv, "/t/"+string(rune('0'+i))+"/council-budget-vote", nil)
			if got := servedBy(body); !slices.Equal(got, []string{name}) {
				t.Errorf("/t/%d/ served by %v, want %s", i, got, name)
			}
		}
	})
	t.Run("fixed", func(t *testing.T) {
		site, srv := startSite(t, Options{Template: "brbr"})
		for _, slug := range site.Slugs() {
			if _, body := fetch(t, srv, "/news/"+slug, nil); !slices.Equal(servedBy(body), []string{"brbr"}) {
				t.Errorf("%s not served by brbr", slug)
			}
		}
	})
	t.Run("rotate", func(t *testing.T) {
		site, srv := startSite(t, Options{Template: TemplateRotate, Seed: 4})
		seen := map[string]bool{}
		for range 40 {
			_, body := fetch(t, srv, "/news/"+site.Slugs()[0], nil)
			for _, name := range servedBy(body) {
				seen[name] = true
			}
		}
		if len(seen) < len(Templates())-1 {
			t.Errorf("rotation used only %v", seen)
		}
	})
	t.Run("unknown name falls back", func(t *testing.T) {
		site := NewSite(Options{Template: "nope"})
		if got := site.TemplateFor(site.Slugs()[0]); got != Templates()[0] {
			t.Errorf("TemplateFor = %q, want %q", got, Templates()[0])
		}
	})
}

func TestSite_Hits(t *testing.T) {
	site, srv := startSite(t, Options{})
	path := "/news/" + site.Slugs()[0]
	for range 3 {
		fetch(t, srv, path+"?utm_source=x", nil)
	}
	fetch(t, srv, "/robots.txt", nil)
	if got := site.Hits(path); got != 3 {
		t.Errorf("Hits(%s) = %d, want 3", path, got)
	}
	if got := site.Hits("/robots.txt"); got != 1 {
		t.Errorf("Hits(/robots.txt) = %d, want 1", got)
	}
	if got := site.Hits("/feeds/latest.xml"); got != 0 {
		t.Errorf("Hits of an unfetched path = %d", got)
	}
}

// TestSite_Concurrent hammers the site from several goroutines while the
// rounds advance and faults switch; run with -race.
func TestSite_Concurrent(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 8})
	slugs := site.Slugs()
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for i := range 15 {
				slug := slugs[(g+i)%len(slugs)]
				p := []string{"/news/" + slug, "/t/" + Templates()[i%len(Templates())] + "/" + slug, "/feeds/latest.xml", "/news/"}[i%4]
				resp, err := srv.Client().Get(srv.URL + p)
				if err != nil {
					t.Errorf("GET %s: %v", p, err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusInternalServerError {
					t.Errorf("GET %s: status %d", p, resp.StatusCode)
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 20 {
			site.Advance()
			_ = site.SetFault(slugs[0], []Fault{FaultServerError, FaultNone}[i%2])
			_ = site.EditRounds()
		}
	})
	wg.Wait()
}

// TestTemplates_AllRegistered fails when a file is added to templates/
// without being wired into the parsed set, or a name has no file.
func TestTemplates_AllRegistered(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, strings.TrimSuffix(path.Base(f), ".html"))
	}
	want := append(append([]string{"partials"}, Templates()...), utilityTemplates...)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("template files %v, registered %v", got, want)
	}
	for _, name := range append(Templates(), utilityTemplates...) {
		if pages()[name] == nil {
			t.Errorf("template %q not parsed", name)
		}
	}
}

func TestSite_Handler_Static(t *testing.T) {
	_, srv := startSite(t, Options{})
	resp, body := fetch(t, srv, "/static/site.css?v=abc123", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || len(body) == 0 {
		t.Errorf("status %d, Content-Type %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}
