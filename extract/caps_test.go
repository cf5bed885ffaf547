package extract

import (
	"bytes"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

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
		if f.cut || f.copied*3 > libMaxCopy || f.text*2 > libMaxText {
			t.Errorf("%s: %d <p> with %d bytes of text (trafilatura copies %d), %d bytes of text in all: the generic extractors would get it cut short, or nearly",
				name, f.pElems, f.pText, f.copied, f.text)
		}
		top = pageFigures{nodes: max(top.nodes, f.nodes), estimate: max(top.estimate, f.estimate), depth: max(top.depth, f.depth), paras: max(top.paras, f.paras),
			pElems: max(top.pElems, f.pElems), pText: max(top.pText, f.pText), copied: max(top.copied, f.copied), text: max(top.text, f.text)}
	}
	t.Logf("largest figures of %d real pages: %d nodes (%d estimated), depth %d, %d paragraph elements, %d <p> with %d bytes of text (%d copied), %d bytes of text in all",
		len(pages), top.nodes, top.estimate, top.depth, top.paras, top.pElems, top.pText, top.copied, top.text)
}
