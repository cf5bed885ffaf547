//go:build unix

package tracker_test

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// BenchmarkBaseline_GetParse1000 is the floor BenchmarkTracker_Once1000 is
// measured against, on the same replayed site, hosts and pages: a bare GET
// of every story and an HTML parse of its body, with as many requests in
// flight as the tracker allows, and nothing else. Issue 14 asks a
// re-check to cost at most three times this.
//
// Metrics as in Once1000: cpu-ms/story is process CPU (the in-process
// server included) per story; B/op is per pass of 1,000.
func BenchmarkBaseline_GetParse1000(b *testing.B) {
	const n = 1000
	site := startBenchSite(b, benchStories(n), true)
	site.warm(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchHostParallelism}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	pass := func() {
		var wg sync.WaitGroup
		next := make(chan string)
		for range benchMaxParallel {
			wg.Go(func() {
				for u := range next {
					if err := getParse(client, u); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, u := range site.urls {
			next <- u
		}
		close(next)
		wg.Wait()
	}
	pass() // connections open, as the tracker's are after its first pass

	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		pass()
	}
	cpu = cpuTime(b) - cpu
	reportPerStory(b, n, cpu)
}

func getParse(client *http.Client, u string) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	_, err = html.Parse(bytes.NewReader(body))
	return err
}
