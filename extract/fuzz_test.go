package extract

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Seeds live in testdata/fuzz/FuzzName/; these few are added in code so
// that each target also runs on the package's own synthetic pages.

// fuzzOptions keeps the caps small, so that the fuzzer reaches them, and
// switches the deadline off: a deadline would make the result depend on
// the machine's load rather than on the bytes.
var fuzzOptions = Options{MaxNodes: 20_000, MaxDepth: 256, MaxParagraphs: 2_000, Timeout: -1}

// fuzzLimit is how long one fuzz input may take, several extractions of it
// included.
const fuzzLimit = 10 * time.Second

// checkArticle checks what every extraction promises whatever the page:
// an error is one of the documented sentinels and comes without an
// article; an article has a body, valid UTF-8 everywhere and stays within
// the paragraph cap.
func checkArticle(t *testing.T, a redline.Article, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, redline.ErrEmptyArticle) && !errors.Is(err, redline.ErrPageTooComplex) {
			t.Fatalf("error %v wraps no documented sentinel", err)
		}
		if len(a.Paragraphs) > 0 || a.Headline != "" {
			t.Fatalf("error %v came with an article (%q, %d paragraphs)", err, a.Headline, len(a.Paragraphs))
		}
		return
	}
	if len(a.Paragraphs) == 0 {
		t.Fatalf("no error and no body: %+v", a)
	}
	if n := len(a.Paragraphs) + len(a.Notes); n > fuzzOptions.MaxParagraphs {
		t.Fatalf("%d paragraphs and notes, over the cap of %d", n, fuzzOptions.MaxParagraphs)
	}
	for _, s := range append([]string{a.Headline, a.Byline, a.Dek}, append(a.Paragraphs, a.Notes...)...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in the article: %q", s)
		}
	}
	for i, p := range a.Paragraphs {
		if p == "" || p != Normalize(p) {
			t.Fatalf("paragraph %d is empty or not normalized: %q", i, p)
		}
	}
}

// watchdog crashes the fuzzing worker when one input runs past limit, so
// the fuzzer saves the input: the engine has no time limit of its own and
// would just stall on it. The limit is far above what any input within the
// caps needs, so the machine's load cannot trip it.
func watchdog(limit time.Duration, size int) (stop func() bool) {
	return time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("one input of %d bytes ran for more than %s", size, limit))
	}).Stop
}

func sameOutcome(t *testing.T, what string, a, b redline.Article, errA, errB error) {
	t.Helper()
	if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
		t.Fatalf("%s: errors differ: %v, then %v", what, errA, errB)
	}
	a.Extractor, b.Extractor = "", ""
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("%s: articles differ:\n%+v\n%+v", what, a, b)
	}
}

// FuzzExtract runs the full path: it must never panic, keep the promises
// of checkArticle and give the same result for the same bytes.
func FuzzExtract(f *testing.F) {
	f.Add(noisyPage("Harbour bridge stays shut", storyParagraphs, 1))
	f.Add(liveBlogPage(40))
	e := mustNew(f, fuzzOptions)
	f.Fuzz(func(t *testing.T, page []byte) {
		defer watchdog(fuzzLimit, len(page))()
		a, err := e.Extract(page, storyURL)
		checkArticle(t, a, err)
		b, errB := e.Extract(page, storyURL)
		sameOutcome(t, "two extractions of one page", a, b, err, errB)
	})
}

// FuzzExtractWithHint runs the re-check path twice: with the hint the full
// path made, which must give the full path's article, and with a hint
// taken from the fuzzer, which must not break anything.
func FuzzExtractWithHint(f *testing.F) {
	e := mustNew(f, fuzzOptions)
	for _, page := range [][]byte{noisyPage("Harbour bridge stays shut", storyParagraphs, 2), liveBlogPage(40)} {
		_, h, _ := e.ExtractWithHint(page, storyURL, "")
		f.Add(page, h)
	}
	f.Fuzz(func(t *testing.T, page []byte, fuzzHint string) {
		defer watchdog(fuzzLimit, len(page))()
		full, err := e.Extract(page, storyURL)
		a, h, errH := e.ExtractWithHint(page, storyURL, "")
		checkArticle(t, a, errH)
		sameOutcome(t, "ExtractWithHint without a hint and Extract", a, full, errH, err)
		if h != "" {
			again, _, err := e.ExtractWithHint(page, storyURL, h)
			checkArticle(t, again, err)
			sameOutcome(t, "re-check with the page's own hint and Extract", again, full, err, errH)
		}
		b, _, err := e.ExtractWithHint(page, storyURL, fuzzHint)
		checkArticle(t, b, err)
	})
}

// ldPage is a page whose only JSON-LD script holds payload verbatim, so
// that the fuzzer's bytes reach the JSON reader whatever they contain.
func ldPage(tb testing.TB, payload string) *html.Node {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(`<html><head><script type="application/ld+json">x</script><title>A page</title></head><body><h1>A page</h1></body></html>`))
	if err != nil {
		tb.Fatal(err)
	}
	s := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script })
	s.FirstChild.Data = payload
	return doc
}

// FuzzReadJSONLD feeds arbitrary text to the JSON-LD reader and the
// metadata built on it: no panic, valid UTF-8, the same answer twice.
func FuzzReadJSONLD(f *testing.F) {
	f.Add(`{"@context":"https://schema.org","@type":"NewsArticle","headline":"A","author":{"@type":"Person","name":"B"}}`)
	e := mustNew(f, fuzzOptions)
	f.Fuzz(func(t *testing.T, payload string) {
		defer watchdog(fuzzLimit, len(payload))()
		ld := readJSONLD(ldPage(t, payload))
		if again := readJSONLD(ldPage(t, payload)); !reflect.DeepEqual(ld, again) {
			t.Fatalf("two readings differ:\n%+v\n%+v", ld, again)
		}
		md := readMetadata(ldPage(t, payload), "https://127.0.0.1/fuzz")
		for _, s := range append([]string{ld.Headline, ld.Description, ld.Published, ld.Modified, ld.Body, ld.Publisher, md.Headline, md.Byline, md.Dek, md.ArticleBody}, ld.Authors...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 read from %q: %q", payload, s)
			}
		}
		if md.Headline == "" {
			t.Fatalf("no headline, though the page's <title> and <h1> give one")
		}
		var page bytes.Buffer
		if err := html.Render(&page, ldPage(t, payload)); err != nil {
			t.Fatal(err)
		}
		a, err := e.Extract(page.Bytes(), storyURL)
		checkArticle(t, a, err)
	})
}

// FuzzEstimateNodes checks that the markup scan before parsing (see
// estimateNodes) never underestimates the parsed tree by much: a page it
// waves through must not parse into many times the nodes it counted, or
// the node cap would let the parser build them.
func FuzzEstimateNodes(f *testing.F) {
	for _, s := range []string{
		string(noisyPage("Harbour bridge stays shut", storyParagraphs, 1)),
		string(amplifiedPage(50)),
		// Formatting elements hidden from a scan that takes an <svg> title,
		// or a script's escaped text, for raw text where the parser does not.
		"<p><svg><title>" + strings.Repeat(formattingRun, 3) + strings.Repeat("</p><p>x", 200),
		"<p>" + strings.Repeat(formattingRun, 3) + "<script><!--<script></script>" + strings.Repeat(strings.ReplaceAll(formattingRun, "<", "</"), 3) + "--></script>" + strings.Repeat("</p><p>x", 200),
		"<table><td>a<td>b<tr><td>c</table><select><option>x<option>y</select>",
		"<a href='x\"'>one</a><a title=\">\">two</a><p x=\"unterminated>three",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		defer watchdog(fuzzLimit, len(page))()
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			return // the parser's nesting limit
		}
		est, got := estimateNodes(page, math.MaxInt), countNodes(doc)
		if got > 4*est+64 {
			t.Fatalf("%d bytes parse into %d nodes, estimated %d", len(page), got, est)
		}
	})
}
