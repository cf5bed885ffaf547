package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
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

func BenchmarkExtract_Hint(b *testing.B) {
	src := readBenchPage(b)
	e := mustNew(b, Options{})
	const u = "https://www.washingtonpost.com/story"
	_, h, err := e.ExtractWithHint(src, u, "")
	if err != nil || h == "" {
		b.Fatalf("no hint from the full path: %v", err)
	}
	next := renoise(src, 42)
	if a, _, err := e.ExtractWithHint(next, u, h); err != nil || a.Extractor != PathHint {
		b.Fatalf("re-check did not take the hint path: %q, %v", a.Extractor, err)
	}
	b.SetBytes(int64(len(next)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := e.ExtractWithHint(next, u, h); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract_Size extracts generated pages of growing size; cost per
// paragraph must stay about flat.
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
					if _, err := e.Extract(src, "http://127.0.0.1/live/story"); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/para")
			})
		}
	}
}
