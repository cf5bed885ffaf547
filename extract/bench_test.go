package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
)

// benchPage is a ~125 KB real news page (The Washington Post) from the
// corpus.
const benchPage = corpusDir + "/wapo-2/source.html"

func readBenchPage(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile(benchPage)
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	return src
}

// renoise returns the page as a later fetch would see it: a new ad slot at
// the top of the body, another cache-busting number in the scripts and a
// different "updated" stamp.
func renoise(src []byte, n int) []byte {
	s := string(src)
	ad := fmt.Sprintf(`<div class="ad-slot" id="ad-%d"><p>Advertisement</p></div><div class="ticker">Updated %d minutes ago</div>`, n*7919, n)
	if i := strings.Index(s, "<body"); i >= 0 {
		if j := strings.Index(s[i:], ">"); j >= 0 {
			s = s[:i+j+1] + ad + s[i+j+1:]
		}
	}
	return []byte(strings.Replace(s, "</head>", fmt.Sprintf("<script>var cb=%d;</script></head>", n), 1))
}

func BenchmarkExtract_Full(b *testing.B) {
	src := readBenchPage(b)
	e := mustNew(b, Options{})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Extract(src, "https://www.washingtonpost.com/story"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract_Hint re-checks the page in new noise on the fast path:
// /alone as any caller of ExtractWithHint, /unchanged as the tracker does,
// knowing the latest version's hash, which the unchanged article has, so
// the date search only a stored version needs is left out (this page has
// no structured date: go-htmldate searches the whole page for one).
func BenchmarkExtract_Hint(b *testing.B) {
	src := readBenchPage(b)
	e := mustNew(b, Options{})
	const u = "https://www.washingtonpost.com/story"
	a, h, err := e.ExtractWithHint(src, u, "")
	if err != nil || h == "" {
		b.Fatalf("no hint from the full path: %v", err)
	}
	next := renoise(src, 42)
	for _, bc := range []struct {
		name  string
		known Known
	}{{"alone", Known{}}, {"unchanged", Known{Latest: a.Hash()}}} {
		b.Run(bc.name, func(b *testing.B) {
			if again, _, err := e.ExtractKnownWithHint(next, u, h, bc.known); err != nil || again.Extractor != PathHint || again.Hash() != a.Hash() {
				b.Fatalf("re-check did not take the hint path to the same article: %q, %v", again.Extractor, err)
			}
			b.SetBytes(int64(len(next)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := e.ExtractKnownWithHint(next, u, h, bc.known); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse is the floor under the two above: the HTML parse of the
// same page, and nothing else.
func BenchmarkParse(b *testing.B) {
	src := renoise(readBenchPage(b), 42)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract_Size extracts generated pages of growing size; cost per
// paragraph must stay about flat. peak-heap-MB is the most live heap seen
// during one more extraction, sampled every 100 µs.
func BenchmarkExtract_Size(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		for _, shape := range []struct {
			name string
			page func(int) []byte
		}{{"paragraphs", bigPage}, {"liveblog", liveBlogPage}, {"divs", divPage}} {
			b.Run(fmt.Sprintf("%s-%d", shape.name, n), func(b *testing.B) {
				src := shape.page(n)
				e := mustNew(b, Options{})
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := e.Extract(src, sizeURL); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/para")
				b.ReportMetric(peakHeapMB(func() { _, _ = e.Extract(src, sizeURL) }), "peak-heap-MB")
			})
		}
	}
}

// BenchmarkExtract_OverCaps measures how fast pages over the default caps
// are refused: a 4.7 MB page of 40,000 paragraphs and 5 MB of markup that
// would parse into 50 million nodes.
func BenchmarkExtract_OverCaps(b *testing.B) {
	for _, c := range []struct {
		name string
		page []byte
	}{{"paragraphs-40000", bigPage(40000)}, {"reopened-formatting-5MB", amplifiedPage(5 << 18)}} {
		b.Run(c.name, func(b *testing.B) {
			e := mustNew(b, Options{})
			b.SetBytes(int64(len(c.page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Extract(c.page, sizeURL); !errors.Is(err, redline.ErrPageTooComplex) {
					b.Fatalf("error %v, want ErrPageTooComplex", err)
				}
			}
			b.ReportMetric(peakHeapMB(func() { _, _ = e.Extract(c.page, sizeURL) }), "peak-heap-MB")
		})
	}
}

const sizeURL = "http://127.0.0.1/live/story"

// peakHeapMB runs fn once and returns the largest live heap seen meanwhile,
// above what was live before, in MB.
func peakHeapMB(fn func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base, peak := read(), uint64(0)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	peak = max(peak, read())
	if peak < base {
		return 0
	}
	return float64(peak-base) / (1 << 20)
}
