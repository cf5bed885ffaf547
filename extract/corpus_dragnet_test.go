package extract

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"golang.org/x/net/html/charset"
)

// dragnetDir is the second shared corpus: 400 pages from 2012 whose gold
// text was copied out of the page by hand, captions and headline included.
const dragnetDir = "../../shared/corpus/dragnet/pages"

// Floors of the dragnet run, set just under what the extractor reaches
// (F1 0.937, 7 pages below 0.6; see README's fidelity paragraph), so a
// regression fails. The goal is F1 >= 0.93 with at most 10 pages
// below 0.6.
const (
	minDragnetF1       = 0.934
	maxDragnetBadPages = 7
	// minDragnetHeadlines is headline exact (folded key) against the
	// gold's first line; the pages whose gold starts with something else
	// (a section, a date, the site) can never match.
	minDragnetHeadlines = 276
)

// goldHeadline is the first non-empty line of a dragnet gold text: on most
// pages the annotators copied the headline first, as the page prints it.
func goldHeadline(gold string) string {
	for line := range strings.SplitSeq(gold, "\n") {
		if s := Normalize(line); s != "" {
			return s
		}
	}
	return ""
}

// decodePage turns a saved page into UTF-8 the way a browser (and the
// crawler) would: BOM, then <meta charset>, then a guess.
func decodePage(tb testing.TB, src []byte) []byte {
	tb.Helper()
	enc, name, _ := charset.DetermineEncoding(src, "text/html")
	if name == "utf-8" {
		return src
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(src)))
	if err != nil {
		tb.Fatalf("decode page as %s: %v", name, err)
	}
	return out
}

func TestExtractor_CorpusDragnet(t *testing.T) {
	entries, err := os.ReadDir(dragnetDir)
	if err != nil {
		t.Skipf("dragnet corpus not available: %v", err)
	}
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name    string
		p, r, f float64
		path    string
	}
	var rows []row
	heads := 0
	var headMiss []string
	for _, ent := range entries {
		dir := filepath.Join(dragnetDir, ent.Name())
		src, err := os.ReadFile(filepath.Join(dir, "source.html"))
		if err != nil {
			t.Fatalf("read dragnet page %s: %v", dir, err)
		}
		gold, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
		if err != nil {
			t.Fatalf("read dragnet page %s: %v", dir, err)
		}
		a, err := e.Extract(decodePage(t, src), "http://fakehost/"+ent.Name()+".html")
		if err != nil {
			t.Logf("%s: %v", ent.Name(), err)
		}
		// The gold is what a reader saw as content: headline and dek too.
		got := strings.Join(a.Paragraphs, "\n")
		p, r := overlap(got, string(gold))
		want := goldHeadline(string(gold))
		headOK := a.Headline != "" && redline.Fold(a.Headline) == redline.Fold(want)
		if headOK {
			heads++
		} else if testing.Verbose() {
			headMiss = append(headMiss, fmt.Sprintf("%-8s got %q\n         want %q", ent.Name(), a.Headline, want))
		}
		rows = append(rows, row{ent.Name(), p, r, f1(p, r), a.Extractor})
	}
	if len(rows) == 0 {
		t.Skip("dragnet corpus is empty")
	}
	var sumP, sumR float64
	var bad []string
	for _, rw := range rows {
		sumP += rw.p
		sumR += rw.r
		if rw.f < minPageF1 {
			bad = append(bad, fmt.Sprintf("%s (%.2f)", rw.name, rw.f))
		}
	}
	n := float64(len(rows))
	P, R := sumP/n, sumR/n
	F := f1(P, R)
	var table strings.Builder
	if testing.Verbose() {
		slices.SortFunc(rows, func(a, b row) int { return int(1000*a.f) - int(1000*b.f) })
		fmt.Fprintf(&table, "\n%-8s %6s %6s %6s %s\n", "page", "P", "R", "F1", "path")
		for _, rw := range rows {
			fmt.Fprintf(&table, "%-8s %6.3f %6.3f %6.3f %s\n", rw.name, rw.p, rw.r, rw.f, rw.path)
		}
	}
	for _, m := range headMiss {
		fmt.Fprintf(&table, "headline %s\n", m)
	}
	fmt.Fprintf(&table, "dragnet pages %d  P %.3f  R %.3f  F1 %.3f  below %.1f: %d  headline %d/%d\n",
		len(rows), P, R, F, minPageF1, len(bad), heads, len(rows))
	t.Log(table.String())
	if F < minDragnetF1 {
		t.Errorf("dragnet F1 = %.3f, want >= %.3f", F, minDragnetF1)
	}
	if heads < minDragnetHeadlines {
		t.Errorf("dragnet headline exact %d of %d, want >= %d", heads, len(rows), minDragnetHeadlines)
	}
	if len(bad) > maxDragnetBadPages {
		t.Errorf("%d dragnet pages below F1 %.2f, want at most %d: %s", len(bad), minPageF1, maxDragnetBadPages, strings.Join(bad, ", "))
	}
}

// TestExtractor_Extract_wrongContainer: on these dragnet pages a comment
// thread outweighs the story and go-trafilatura took it for the article
// (F1 0.00 each; R118's thread fools go-readability too), or its text
// mapped onto the whole <body> (R189, F1 0.07).
func TestExtractor_Extract_wrongContainer(t *testing.T) {
	e := mustNew(t, Options{})
	for _, id := range []string{"R14", "R858", "R859", "R118", "R189"} {
		src, gold := dragnetPage(t, id)
		a, err := e.Extract(src, "http://fakehost/"+id+".html")
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		// Precision is the measure: a thread taken for the story scored
		// 0.00. (R118's gold counts its "Related posts" list as text,
		// which redline drops, so its recall stays low.)
		if p, r := overlap(strings.Join(a.Paragraphs, "\n"), gold); p < 0.75 {
			t.Errorf("%s: precision %.2f (recall %.2f), want >= 0.75: %.60q", id, p, r, a.Paragraphs)
		}
	}
}

// TestExtractor_CorpusDragnet_bylineNames: on these dragnet pages the
// byline box prints a role, the outlet, a handle, the date or "and"
// around the names, or the metadata names the site as the author, and the gold's byline line shows them ("By Arpon
// Basu - Managing Editor LNH.com"). The wanted byline is the names read
// off that line by hand.
func TestExtractor_CorpusDragnet_bylineNames(t *testing.T) {
	e := mustNew(t, Options{})
	for _, tt := range []struct{ id, want string }{
		{"R418", "Arpon Basu"},
		{"T1", "DAVID LIEBERMAN"},
		{"T60", "Kyle Lobner"},
		{"R995", "Kimber Streams"},
		{"T101", "Kimber Streams"},
		{"T124", "tmatt"},
		{"R961", "Haje Jan Kamps"},
		{"R350", "LISA SANDERS, M.D."},
		{"88", "ROD NORDLAND, MAYY EL SHEIKH"},
		{"R170", "Michele Langevine Leiby, Saleem Mehsud"},
		{"R563", "Paul Steinhauser"},
		// <meta name="author"> is the site's name; the lead prints the writer.
		{"108", "Mary Murray"},
		{"97", "Kristen Welker, Ali Weinberg"},
		{"425", "Linda Carroll"},
		{"510", "Hilary Russ"},
	} {
		src, _ := dragnetPage(t, tt.id)
		a, err := e.Extract(src, "http://fakehost/"+tt.id+".html")
		if err != nil {
			t.Fatalf("%s: %v", tt.id, err)
		}
		if a.Byline != tt.want {
			t.Errorf("%s: byline %q, want %q", tt.id, a.Byline, tt.want)
		}
	}
}

// dragnetPage returns one dragnet page, decoded as the crawler would, and
// its gold text; the test skips when the corpus is not beside the project.
func dragnetPage(t *testing.T, id string) (src []byte, gold string) {
	t.Helper()
	dir := filepath.Join(dragnetDir, id)
	raw, err := os.ReadFile(filepath.Join(dir, "source.html"))
	if err != nil {
		t.Skipf("dragnet corpus not available: %v", err)
	}
	g, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return decodePage(t, raw), string(g)
}
