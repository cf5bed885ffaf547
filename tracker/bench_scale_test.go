//go:build unix

package tracker_test

import (
	"runtime"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// Issue 4: a pass over 1,000 unchanged stories should run at 200 stories/s
// or more on a 2-core machine, and memory should grow by less than 5 KB per
// tracked story. Stories live in bbolt, so the tracker itself should keep
// nothing per story between passes.
//
//	go test -run '^$' -bench . -benchtime 3x -timeout 20m ./tracker/

// BenchmarkTracker_Once1000 times unchanged passes over 1,000 stories
// spread over benchHosts loopback hosts, each with its own politeness
// limits. The site renders each page twice, in different noise, and then
// replays those two in turn (see replay): every fetch differs from the one
// before, so pages are unchanged only after extraction, and the figures are
// redline's rather than the site's template rendering. The first pass
// (full extraction, new versions) and a second one (the first to use the
// stored extraction hints) run before the timer.
//
// Metrics: stories/s; cpu-ms/story, process CPU time per story, which
// neighbours on a shared machine disturb far less than wall time; it
// includes the in-process test server answering from its replayed pages.
// peak-heap-MB is the highest heap sampled during the timed passes (the
// replayed pages, about 110 MB, included); heap-B/story is the live heap
// everything but the server holds after the passes, divided by 1,000. It
// includes one-time costs (compressors, compiled patterns, per-host
// state): see BenchmarkTracker_Memory for the cost of one more story.
func BenchmarkTracker_Once1000(b *testing.B) {
	const n = 1000
	site := startBenchSite(b, benchStories(n), true)
	site.warm(b)
	base := liveHeap()

	tr := newBenchTracker(b)
	benchTrack(b, tr, site.urls)
	benchPass(b, tr, n, redline.ResultNew)
	benchPass(b, tr, n, redline.ResultUnchanged)

	b.ReportAllocs()
	stop := heapPeak()
	cpu := cpuTime(b)
	for b.Loop() {
		benchPass(b, tr, n, redline.ResultUnchanged)
	}
	cpu = cpuTime(b) - cpu
	peak := stop()
	reportPerStory(b, n, cpu)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	after := liveHeap()
	runtime.KeepAlive(tr)
	b.ReportMetric(float64(int64(after)-int64(base))/n, "heap-B/story")
}

// BenchmarkTracker_Memory measures the live heap with 0, 1,000 and 5,000
// tracked stories, each after two passes, then times unchanged passes over
// all 5,000 and checks that passes leave nothing behind. It takes a few
// minutes: the 5,000 first extractions take the full path.
//
// Metrics: fixed-KB, the heap the tracker, store and crawler take with no
// story (most of their one-time costs arrive lazily, with the first
// stories); B/story@1000 and B/story@5000, the heap added per story on top
// of that; marginal-B/story, the slope between 1,000 and 5,000, which is
// what one more story costs, free of one-time costs; pass-growth-B/story,
// what the timed passes added per story (≈ 0 when nothing is kept between
// passes).
func BenchmarkTracker_Memory(b *testing.B) {
	const small, large = 1000, 5000
	site := startBenchSite(b, benchStories(large), false)
	site.warm(b)
	base := liveHeap()

	tr := newBenchTracker(b)
	benchPass(b, tr, 0)
	h0 := liveHeap()

	benchTrack(b, tr, site.urls[:small])
	benchPass(b, tr, small, redline.ResultNew)
	benchPass(b, tr, small, redline.ResultUnchanged)
	h1 := liveHeap()

	benchTrack(b, tr, site.urls[small:])
	benchPass(b, tr, large, redline.ResultNew, redline.ResultUnchanged)
	benchPass(b, tr, large, redline.ResultUnchanged)
	h5 := liveHeap()

	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		benchPass(b, tr, large, redline.ResultUnchanged)
	}
	cpu = cpuTime(b) - cpu
	reportPerStory(b, large, cpu)
	after := liveHeap()
	runtime.KeepAlive(tr)

	perStory := func(from, to uint64, n int) float64 { return float64(int64(to)-int64(from)) / float64(n) }
	b.ReportMetric(float64(int64(h0)-int64(base))/1024, "fixed-KB")
	b.ReportMetric(perStory(h0, h1, small), "B/story@1000")
	b.ReportMetric(perStory(h0, h5, large), "B/story@5000")
	b.ReportMetric(perStory(h1, h5, large-small), "marginal-B/story")
	b.ReportMetric(perStory(h5, after, large), "pass-growth-B/story")
}

// liveHeap is the heap in use once everything unreachable is collected.
// Two collections: the first can leave objects that finalizers or
// sync.Pool victim caches keep alive for one more cycle.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// heapPeak samples the heap every millisecond until stop is called and
// returns the highest value seen. runtime/metrics reads do not stop the
// world, so sampling barely disturbs what it measures.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// reportPerStory reports the rate and the CPU time per story of b.N timed
// passes over n stories that took cpu.
func reportPerStory(b *testing.B, n int, cpu time.Duration) {
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "stories/s")
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(n*b.N), "cpu-ms/story")
}

// cpuTime is the user plus system CPU time the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
