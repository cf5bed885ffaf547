package extract

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageFigures are the sizes of one parsed page that the caps bound.
type pageFigures struct {
	nodes, estimate, depth, paras, pElems, pText, copied, text int
	cut                                                        bool
}

func figuresOf(tb testing.TB, page []byte) pageFigures {
	tb.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	var f pageFigures
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		f.nodes++
		f.depth = max(f.depth, depth)
		switch {
		case n.Type == html.ElementNode && leafTags[n.DataAtom]:
			f.paras++
			if n.Data == "p" {
				f.pElems++
				f.copied += f.pText
			}
		case n.Type == html.TextNode && (n.Parent == nil || !rawText[n.Parent.DataAtom]):
			f.text += len(n.Data)
			for p := n.Parent; p != nil; p = p.Parent {
				if p.Type == html.ElementNode && p.DataAtom == atom.P {
					f.pText += len(n.Data)
					break
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	f.cut = libraryCut(doc) != nil
	f.estimate = estimateNodes(page, math.MaxInt)
	return f
}

// realPages returns every page of the developer corpus and one render of
// every story of every newsroom template.
func realPages(t *testing.T) map[string][]byte {
	t.Helper()
	pages := make(map[string][]byte)
	for _, dir := range []string{corpusDir, "../../shared/corpus/dragnet/pages"} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		for _, ent := range ents {
			src, err := os.ReadFile(filepath.Join(dir, ent.Name(), "source.html"))
			if err != nil {
				t.Fatal(err)
			}
			pages[filepath.Join(filepath.Base(filepath.Dir(dir)), ent.Name())] = src
		}
	}
	for _, tmpl := range newsroom.Templates() {
		site := newsroom.NewSite(newsroom.Options{Seed: 1, Template: tmpl, Stories: append(newsroom.DemoStories(), longStories(1)...)})
		srv := httptest.NewServer(site.Handler())
		for _, st := range append(newsroom.DemoStories(), longStories(1)...) {
			pages["newsroom/"+tmpl+"/"+st.Slug] = fetch(t, site.StoryURL(srv.URL, st.Slug))
		}
		srv.Close()
	}
	return pages
}

// TestExtractor_caps_realPages checks that the default caps sit at least
// ten times above every real page, and that no real page is cut short for
// the generic extractors (see libraryCut), so the caps change nothing
// for them.
func TestExtractor_caps_realPages(t *testing.T) {
	const margin = 10
	var top pageFigures
	pages := realPages(t)
	for name, page := range pages {
		f := figuresOf(t, page)
		if f.nodes*margin > DefaultMaxNodes || f.estimate*margin > DefaultMaxNodes || f.depth*margin > DefaultMaxDepth || f.paras*margin > DefaultMaxParagraphs {
			t.Errorf("%s: %d nodes (%d estimated), depth %d, %d paragraph elements: within %d× of the caps", name, f.nodes, f.estimate, f.depth, f.paras, margin)
		}
		if f.cut || f.copied*3/2 > libMaxCopy || f.text*2 > libMaxText {
			t.Errorf("%s: %d <p> with %d bytes of text (trafilatura copies %d), %d bytes of text in all: the generic extractors would get it cut short, or nearly",
				name, f.pElems, f.pText, f.copied, f.text)
		}
		top = pageFigures{nodes: max(top.nodes, f.nodes), estimate: max(top.estimate, f.estimate), depth: max(top.depth, f.depth), paras: max(top.paras, f.paras),
			pElems: max(top.pElems, f.pElems), pText: max(top.pText, f.pText), copied: max(top.copied, f.copied), text: max(top.text, f.text)}
	}
	t.Logf("largest figures of %d real pages: %d nodes (%d estimated), depth %d, %d paragraph elements, %d <p> with %d bytes of text (%d copied), %d bytes of text in all",
		len(pages), top.nodes, top.estimate, top.depth, top.paras, top.pElems, top.pText, top.copied, top.text)
}

// amplifiedPage is small markup that parses into a huge tree: every "<p>x"
// re-opens the 42 formatting elements left open before it.
func amplifiedPage(n int) []byte {
	return []byte("<title>t</title><p>" + strings.Repeat(formattingRun, 3) + strings.Repeat("</p><p>x", n))
}

// formattingRun opens one of each formatting element.
const formattingRun = "<a><b><big><code><em><font><i><nobr><s><small><strike><strong><tt><u>"

// stepClock is a clock that moves by step every time it is read.
func stepClock(step time.Duration) func() time.Time {
	var mu sync.Mutex
	t := time.Date(2024, 3, 7, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(step)
		return t
	}
}

// TestExtractor_Extract_overCaps checks that a page over any cap fails on
// both paths with an error wrapping redline.ErrPageTooComplex that names
// the cap, and yields no article and no hint.
func TestExtractor_Extract_overCaps(t *testing.T) {
	story := bigPage(200)
	f := figuresOf(t, story)
	tests := []struct {
		name string
		opts Options
		page []byte
		now  func() time.Time
		want string
	}{
		{"nodes", Options{MaxNodes: f.nodes - 1}, story, nil, fmt.Sprintf("%d nodes, over the cap of %d", f.nodes, f.nodes-1)},
		{"nodes estimated before parsing", Options{MaxNodes: f.nodes / 2}, story, nil, fmt.Sprintf("over the cap of %d", f.nodes/2)},
		{"depth", Options{MaxDepth: 100}, deepPage(120), nil, "levels of nesting, over the cap of 100"},
		{"depth the parser refuses", Options{MaxDepth: -1}, deepPage(600), nil, "exceeds 512"},
		{"paragraph elements", Options{MaxParagraphs: 150}, story, nil, fmt.Sprintf("%d paragraph elements, over the cap of 150", f.paras)},
		{"paragraphs of the article", Options{MaxParagraphs: 50}, brLinesPage(80), nil, "80 paragraphs, over the cap of 50"},
		{"formatting elements re-opened by the parser", Options{}, amplifiedPage(20000), nil, "nodes (estimated from the markup), over the cap of 200000"},
		{"timeout", Options{Timeout: 10 * time.Second}, story, stepClock(4 * time.Second), "12s spent (locate done), over the timeout of 10s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustNew(t, tt.opts)
			if tt.now != nil {
				e.now = tt.now
			}
			a, err := e.Extract(tt.page, storyURL)
			checkTooComplex(t, "Extract", a, "", err, tt.want)
			a, h, err := e.ExtractWithHint(tt.page, storyURL, "")
			checkTooComplex(t, "ExtractWithHint", a, h, err, tt.want)
		})
	}
}

func checkTooComplex(t *testing.T, path string, a redline.Article, hint string, err error, want string) {
	t.Helper()
	if !errors.Is(err, redline.ErrPageTooComplex) {
		t.Fatalf("%s: error %v, want one wrapping ErrPageTooComplex", path, err)
	}
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), storyURL) {
		t.Errorf("%s: error %q does not name the page and %q", path, err, want)
	}
	if a.Headline != "" || len(a.Paragraphs) > 0 || hint != "" {
		t.Errorf("%s: a page over the caps gave an article (%q, %d paragraphs) or a hint %q", path, a.Headline, len(a.Paragraphs), hint)
	}
}

// TestExtractor_Extract_atCaps checks that a page exactly at every cap
// extracts as it does with no caps at all.
func TestExtractor_Extract_atCaps(t *testing.T) {
	for name, page := range map[string][]byte{"paragraphs": bigPage(300), "live blog": liveBlogPage(300), "nested": deepPage(400)} {
		t.Run(name, func(t *testing.T) {
			f := figuresOf(t, page)
			want, err := mustNew(t, Options{MaxNodes: -1, MaxDepth: -1, MaxParagraphs: -1, Timeout: -1}).Extract(page, storyURL)
			if err != nil {
				t.Fatalf("without caps: %v", err)
			}
			e := mustNew(t, Options{MaxNodes: f.nodes, MaxDepth: f.depth, MaxParagraphs: f.paras, Timeout: time.Hour})
			got, err := e.Extract(page, storyURL)
			if err != nil {
				t.Fatalf("at the caps (%d nodes, depth %d, %d paragraph elements): %v", f.nodes, f.depth, f.paras, err)
			}
			sameArticle(t, got, want)
			if len(got.Paragraphs) < 20 {
				t.Errorf("only %d paragraphs", len(got.Paragraphs))
			}
		})
	}
}

// TestExtractor_Extract_largePages checks that pages past the point where
// the generic extractors' copy is cut (see libraryCut) still extract
// whole with the default size caps, on both paths. The deadline is off:
// under -race on a loaded machine these pages can take longer than the
// default, and speed is the benchmarks' business, not this test's.
func TestExtractor_Extract_largePages(t *testing.T) {
	e := mustNew(t, Options{Timeout: -1})
	for name, gen := range map[string]func(int) []byte{"paragraphs": bigPage, "live blog": liveBlogPage} {
		t.Run(name, func(t *testing.T) {
			const n = 5000
			page := gen(n)
			if doc, _ := parse(page, storyURL); libraryCut(doc) == nil {
				t.Fatal("the page is not cut for the generic extractors; make it larger")
			}
			a, h, err := e.ExtractWithHint(page, storyURL, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Paragraphs) < n {
				t.Errorf("%d paragraphs, want at least the page's %d: the body was cut short", len(a.Paragraphs), n)
			}
			again, _, err := e.ExtractWithHint(page, storyURL, h)
			if err != nil {
				t.Fatal(err)
			}
			if again.Extractor != PathHint {
				t.Errorf("re-check took the %q path, want the hint", again.Extractor)
			}
			sameArticle(t, again, a)
		})
	}
}

// TestExtractor_ExtractWithHint_timeout checks the deadline on the fast
// path of a re-check: past it, the re-check fails rather than falling back
// to the full path and running longer still.
func TestExtractor_ExtractWithHint_timeout(t *testing.T) {
	page := noisyPage("Harbour bridge stays shut", storyParagraphs, 1)
	_, h, err := mustNew(t, Options{}).ExtractWithHint(page, storyURL, "")
	if err != nil || h == "" {
		t.Fatalf("no hint: %v", err)
	}
	e := mustNew(t, Options{Timeout: 10 * time.Second})
	e.now = stepClock(6 * time.Second) // the deadline passes between parsing and the noise rules
	a, next, err := e.ExtractWithHint(page, storyURL, h)
	checkTooComplex(t, "ExtractWithHint", a, next, err, "12s spent (noise rules done), over the timeout of 10s")
}
