package deliver_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/report"
)

// benchArticle is a news-length article (about 700 words) whose words
// depend on seed, so stories do not compress or diff alike.
func benchArticle(seed, edit int) redline.Article {
	words := strings.Fields("city council mayor union transit strike vote budget court police fire bridge school hospital storm river rail deadline talks officials said statement report")
	a := redline.Article{Headline: "Story " + strconv.Itoa(seed) + " develops as officials meet"}
	for p := range 14 {
		var b strings.Builder
		for w := range 50 {
			b.WriteString(words[(seed*7+p*13+w*3)%len(words)])
			b.WriteByte(' ')
		}
		a.Paragraphs = append(a.Paragraphs, strings.TrimSpace(b.String())+".")
	}
	if edit > 0 {
		a.Paragraphs[3] = "Updated: " + a.Paragraphs[3] + " Officials confirmed the figures on Tuesday."
		a.Paragraphs = append(a.Paragraphs, "This paragraph was added in edit "+strconv.Itoa(edit)+".")
	}
	return a
}

// peak samples the heap in use while it runs, as runtime/metrics would
// miss the transient high-water mark between GCs.
type peak struct {
	max  atomic.Uint64
	stop chan struct{}
	wg   sync.WaitGroup
}

func startPeak() *peak {
	p := &peak{stop: make(chan struct{})}
	p.wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > p.max.Load() {
				p.max.Store(ms.HeapInuse)
			}
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	})
	return p
}

func (p *peak) done() uint64 { close(p.stop); p.wg.Wait(); return p.max.Load() }

// vmHWM is the process's peak resident set (Linux), 0 elsewhere.
func vmHWM() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkEngine_dailyDigest1000 composes and sends the daily digest of
// 20 edited stories to 1,000 subscribers over loopback SMTP: Enqueue and
// Send, outbox writes included (each a bbolt commit with fsync). Run it
// with -benchtime=1x: each iteration's store stays open until the end, so
// later iterations' peak-heap includes the earlier stores.
func BenchmarkEngine_dailyDigest1000(b *testing.B) {
	const subscribers, stories = 1000, 20
	b.ReportAllocs()
	var peakHeap, added uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := newFixture(b)
		// A thousand 110 KB mails kept by the test server would be the
		// largest thing in the heap; the engine's memory is what is measured.
		f.smtp.HeadersOnly(true)
		var subs []report.Subscriber
		for n := range subscribers {
			subs = append(subs, sub(b, fmt.Sprintf("reader%04d@example.org", n), "daily 07:00", time.UTC, all))
		}
		e := f.engine(deliver.Options{Subscribers: subs})
		var ids []redline.StoryID
		for s := range stories {
			id := f.story(fmt.Sprintf("https://news.test/story/%d", s), "metro")
			f.save(id, benchArticle(s, 0), t0.Add(-2*time.Hour), false)
			ids = append(ids, id)
		}
		mustEnqueue(b, e, t0)
		for s, id := range ids {
			f.save(id, benchArticle(s, 1), t0.Add(time.Hour), false)
			f.save(id, benchArticle(s, 2), t0.Add(2*time.Hour), false)
		}
		at := time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		// The setup's saves leave the store's zstd encoders in the heap
		// (about 30 MB per open store); they are there in any redline
		// process, so the delivery's own share is reported apart.
		before := ms.HeapInuse
		p := startPeak()
		b.StartTimer()

		n, err := e.Enqueue(at)
		if err != nil || n != subscribers {
			b.Fatalf("enqueued %d (err %v), want %d", n, err, subscribers)
		}
		r, err := e.Send(context.Background(), at)
		if err != nil || r.Sent != subscribers {
			b.Fatalf("send = %+v, %v; want %d sent", r, err, subscribers)
		}

		b.StopTimer()
		top := p.done()
		peakHeap, added = max(peakHeap, top), max(added, top-min(top, before))
		if got := len(f.smtp.Messages()); got != subscribers {
			b.Fatalf("server got %d mails, want %d", got, subscribers)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(added)/(1<<20), "delivery-heap-MB")
	b.ReportMetric(vmHWM(), "peak-rss-MB")
}
