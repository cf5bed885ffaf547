package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
)

// corpusDir is the shared developer corpus, relative to this package.
const corpusDir = "../../shared/corpus/readability/pages"

type corpusPage struct {
	name     string
	source   []byte
	expected string // visible text of expected.html
	title    string // the reference title, the site's name cut off
	byline   string
}

// loadCorpus reads every corpus page, or skips the test when the corpus is
// not checked out next to the repository.
func loadCorpus(tb testing.TB) []corpusPage {
	tb.Helper()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		tb.Skipf("corpus not available: %v", err)
	}
	var pages []corpusPage
	for _, ent := range entries {
		if !ent.IsDir() {
			continue
		}
		dir := filepath.Join(corpusDir, ent.Name())
		src, err := os.ReadFile(filepath.Join(dir, "source.html"))
		if err != nil {
			tb.Fatalf("read corpus page %s: %v", dir, err)
		}
		exp, err := os.ReadFile(filepath.Join(dir, "expected.html"))
		if err != nil {
			tb.Fatalf("read corpus page %s: %v", dir, err)
		}
		metaRaw, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
		if err != nil {
			tb.Fatalf("read corpus page %s: %v", dir, err)
		}
		var meta struct {
			Title    *string `json:"title"`
			Byline   *string `json:"byline"`
			SiteName *string `json:"siteName"`
		}
		if err := json.Unmarshal(metaRaw, &meta); err != nil {
			tb.Fatalf("decode %s metadata: %v", dir, err)
		}
		p := corpusPage{name: ent.Name(), source: src, expected: visibleText(tb, exp)}
		if meta.Title != nil {
			p.title = *meta.Title
			if meta.SiteName != nil {
				p.title = withoutSiteName(p.title, *meta.SiteName)
			}
		}
		if meta.Byline != nil {
			p.byline = *meta.Byline
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		tb.Skip("corpus is empty")
	}
	return pages
}

// withoutSiteName cuts the site's name, and the separator before or after
// it, off a title: "How to Build a Terrarium | eHow" is the headline "How
// to Build a Terrarium" on the site eHow.
func withoutSiteName(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", ": "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok {
			return t
		}
		if t, ok := strings.CutPrefix(title, site+sep); ok {
			return t
		}
	}
	return title
}

// visibleText is the text a reader sees in an HTML fragment, one line per
// block.
func visibleText(tb testing.TB, src []byte) string {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(string(src)))
	if err != nil {
		tb.Fatalf("parse expected html: %v", err)
	}
	var lines []string
	for _, b := range newWalker().blocks(doc) {
		lines = append(lines, b.text)
	}
	return strings.Join(lines, "\n")
}

// shingles tokenizes s into lowercase words (maximal runs of Unicode letters
// and digits; everything else separates words) and counts its overlapping
// 4-word shingles. Texts shorter than 4 words count as one shingle.
func shingles(s string) map[string]int {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make(map[string]int)
	if len(ws) > 0 && len(ws) < 4 {
		out[strings.Join(ws, " ")]++
	}
	for i := 0; i+4 <= len(ws); i++ {
		out[strings.Join(ws[i:i+4], " ")]++
	}
	return out
}

// overlap is multiset precision and recall of got against want.
func overlap(got, want string) (p, r float64) {
	g, w := shingles(got), shingles(want)
	common, ng, nw := 0, 0, 0
	for k, c := range g {
		ng += c
		common += min(c, w[k])
	}
	for _, c := range w {
		nw += c
	}
	if ng > 0 {
		p = float64(common) / float64(ng)
	}
	if nw > 0 {
		r = float64(common) / float64(nw)
	}
	return p, r
}

// refNames is a reference byline without the "By" it may print: the names
// an exact byline must equal (lowercased, as the comparison is).
func refNames(ref string) string {
	return strings.TrimSpace(refBy.ReplaceAllString(ref, ""))
}

var refBy = regexp.MustCompile(`^(by|par|von|por)\s+`)

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Targets the corpus run must keep. F1, worst page and byline are set
// just under what the extractor achieves (F1 0.975, worst page 0.60,
// byline 58/64: its "Last Updated: …" reference is a dateline, no
// byline), so a regression fails the test; the goal for F1 is 0.97.
// The headline is compared with the reference title without the site's
// name, on the folded key: 69 of 78 today. The references are
// Readability.js's titles, which keep what the page's own heading leaves
// out (" | Code", an author's name, "_科技_腾讯网"); redline takes the
// heading, as readers see it (see printedHeadline). The goal is
// 0.85.
const (
	minCorpusF1     = 0.972
	minPageF1       = 0.60
	minHeadlineRate = 0.87
	minBylineRate   = 0.90
)

func TestExtractor_Corpus(t *testing.T) {
	pages := loadCorpus(t)
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sumP, sumR float64
	heads, strictHeads, bylines, exactBylines, withByline := 0, 0, 0, 0, 0
	var worst []string
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-30s %6s %6s %6s %5s %5s %s\n", "page", "P", "R", "F1", "head", "by", "path")
	for _, pg := range pages {
		a, err := e.Extract(pg.source, "http://fakehost/test/page.html")
		if err != nil {
			t.Errorf("%s: %v", pg.name, err)
		}
		p, r := overlap(strings.Join(a.Paragraphs, "\n"), pg.expected)
		sumP += p
		sumR += r
		// On the folded key, as redline compares headlines: the page's
		// heading prints curly quotes where the reference title has
		// straight ones.
		headOK := redline.Fold(Normalize(pg.title)) == redline.Fold(a.Headline)
		if headOK {
			heads++
		}
		if Normalize(pg.title) == a.Headline {
			strictHeads++
		}
		byOK := "-"
		if exp := strings.ToLower(Normalize(pg.byline)); exp != "" {
			withByline++
			got := strings.ToLower(a.Byline)
			if got != "" && (strings.Contains(exp, got) || strings.Contains(got, exp)) {
				bylines++
				byOK = "ok"
				if got == refNames(exp) {
					exactBylines++
				}
			} else {
				byOK = "NO"
			}
		}
		if f1(p, r) < minPageF1 {
			worst = append(worst, fmt.Sprintf("%s (F1 %.2f)", pg.name, f1(p, r)))
		}
		fmt.Fprintf(&table, "%-30s %6.3f %6.3f %6.3f %5v %5s %s\n", pg.name, p, r, f1(p, r), headOK, byOK, a.Extractor)
		if !headOK && testing.Verbose() {
			fmt.Fprintf(&table, "    headline got %q want %q\n", a.Headline, Normalize(pg.title))
		}
		if byOK == "NO" && testing.Verbose() {
			fmt.Fprintf(&table, "    byline got %q want %q\n", a.Byline, Normalize(pg.byline))
		}
	}
	n := float64(len(pages))
	P, R := sumP/n, sumR/n
	F := f1(P, R)
	headRate := float64(heads) / n
	byRate := float64(bylines) / float64(max(withByline, 1))
	fmt.Fprintf(&table, "pages %d  P %.3f  R %.3f  F1 %.3f  headline %d/%d (%.2f; %d exact to the byte)  byline %d/%d (%.2f; %d the names exactly)\n",
		len(pages), P, R, F, heads, len(pages), headRate, strictHeads, bylines, withByline, byRate, exactBylines)
	t.Log(table.String())
	if F < minCorpusF1 {
		t.Errorf("corpus F1 = %.3f, want >= %.3f", F, minCorpusF1)
	}
	if len(worst) > 0 {
		t.Errorf("pages below F1 %.2f: %s", minPageF1, strings.Join(worst, ", "))
	}
	if headRate < minHeadlineRate {
		t.Errorf("headline match rate = %.2f, want >= %.2f", headRate, minHeadlineRate)
	}
	if byRate < minBylineRate {
		t.Errorf("byline match rate = %.2f, want >= %.2f", byRate, minBylineRate)
	}
}
