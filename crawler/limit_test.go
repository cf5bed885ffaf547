package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// arrivals records when requests reach a server.
type arrivals struct {
	mu    sync.Mutex
	times []time.Time
}

func (a *arrivals) add() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.times = append(a.times, time.Now())
}

func (a *arrivals) sorted() []time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	ts := slices.Clone(a.times)
	slices.SortFunc(ts, func(x, y time.Time) int { return x.Compare(y) })
	return ts
}

// concurrency tracks how many requests are in a handler at once.
type concurrency struct {
	now, peak atomic.Int32
}

func (c *concurrency) enter() {
	n := c.now.Add(1)
	for {
		p := c.peak.Load()
		if n <= p || c.peak.CompareAndSwap(p, n) {
			return
		}
	}
}

func (c *concurrency) leave() { c.now.Add(-1) }

// fetchAll runs the fetches concurrently and fails the test on any error.
func fetchAll(t *testing.T, c *Crawler, urls []string) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(urls))
	for _, u := range urls {
		wg.Go(func() {
			if _, err := c.Fetch(t.Context(), Request{URL: u}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestCrawler_FetchHostDelay(t *testing.T) {
	const delay = 60 * time.Millisecond
	const n = 6
	// Arrival times are taken in the server's handlers, whose scheduling
	// under -race on two loaded cores jitters by tens of milliseconds. One
	// late arrival shortens one gap and lengthens the next, so each gap
	// gets that slack (a crawler without the delay would show gaps of a
	// millisecond) while the whole span, where only the two ends jitter,
	// must hold all n-1 delays.
	const jitter = 25 * time.Millisecond
	for _, parallelism := range []int{1, 3} {
		t.Run(fmt.Sprintf("host parallelism %d", parallelism), func(t *testing.T) {
			c := newTestCrawler(t, Options{HostDelay: delay, HostParallelism: parallelism, MaxParallel: 8, IgnoreRobots: true})
			var seen arrivals
			srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/warm" {
					seen.add()
				}
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, htmlPage)
			}))
			// Open the connection first: a request that has to dial
			// arrives later after its start than one that reuses it.
			mustFetch(t, c, Request{URL: srv.URL + "/warm"})
			urls := make([]string, n)
			for i := range urls {
				urls[i] = fmt.Sprintf("%s/%d", srv.URL, i)
			}
			fetchAll(t, c, urls)
			ts := seen.sorted()
			if len(ts) != n {
				t.Fatalf("server saw %d requests, want %d", len(ts), n)
			}
			for i := 1; i < len(ts); i++ {
				if gap := ts[i].Sub(ts[i-1]); gap < delay-jitter {
					t.Errorf("request %d arrived %s after the previous one, want at least %s", i, gap, delay)
				}
			}
			if span, want := ts[n-1].Sub(ts[0]), (n-1)*delay; span < want-jitter/2 {
				t.Errorf("%d requests arrived within %s, want at least %s", n, span, want)
			}
		})
	}
}

func TestCrawler_FetchMaxParallel(t *testing.T) {
	cases := []struct {
		name                         string
		hosts, hostPar, maxPar, each int
		want                         int32
	}{
		{"global cap over hosts", 4, 4, 2, 4, 2},
		{"host cap", 1, 3, 10, 12, 3},
		{"host cap per host", 3, 1, 10, 3, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCrawler(t, Options{HostParallelism: tc.hostPar, MaxParallel: tc.maxPar, IgnoreRobots: true})
			var cc concurrency
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				cc.enter()
				defer cc.leave()
				// Hold the request long enough for the others to pile up.
				time.Sleep(15 * time.Millisecond)
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, htmlPage)
			})
			var urls []string
			for range tc.hosts {
				srv := newServer(t, h)
				for i := range tc.each {
					urls = append(urls, fmt.Sprintf("%s/%d", srv.URL, i))
				}
			}
			fetchAll(t, c, urls)
			if got := cc.peak.Load(); got != tc.want {
				t.Errorf("peak concurrency = %d, want %d", got, tc.want)
			}
		})
	}
}

// A host whose requests hang must not hold up requests to other hosts,
// even when it has more requests queued than there are global slots.
func TestCrawler_FetchSlowHostIsolated(t *testing.T) {
	c := newTestCrawler(t, Options{HostParallelism: 1, MaxParallel: 2, IgnoreRobots: true})
	release := make(chan struct{})
	arrived := make(chan struct{}, 8)
	slow := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		blockUntil(r, release)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	}))
	fast := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	}))
	t.Cleanup(func() { close(release) })

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	for i := range 4 {
		wg.Go(func() { c.Fetch(ctx, Request{URL: fmt.Sprintf("%s/%d", slow.URL, i)}) })
	}
	<-arrived
	done := make(chan error, 1)
	go func() {
		_, err := c.Fetch(t.Context(), Request{URL: fast.URL + "/story"})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("fetch from the fast host: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("fetch from the fast host is stuck behind the slow host")
	}
}

// hangServer answers nothing until the test ends or the client goes away;
// arrived receives the path of every request.
func hangServer(t *testing.T) (srv *httptest.Server, arrived chan string) {
	t.Helper()
	release := make(chan struct{})
	arrived = make(chan string, 16)
	srv = newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- r.URL.Path
		blockUntil(r, release)
	}))
	// Registered after the server, so it runs before the server's Close,
	// which waits for handlers.
	t.Cleanup(func() { close(release) })
	return srv, arrived
}

func TestCrawler_FetchContext(t *testing.T) {
	// await fails the test instead of hanging when Fetch does not return.
	await := func(t *testing.T, done <-chan error) error {
		t.Helper()
		select {
		case err := <-done:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("Fetch did not return after its context ended")
			return nil
		}
	}
	start := func(ctx context.Context, c *Crawler, url string) <-chan error {
		done := make(chan error, 1)
		go func() {
			_, err := c.Fetch(ctx, Request{URL: url})
			done <- err
		}()
		return done
	}

	t.Run("slow response", func(t *testing.T) {
		c := newTestCrawler(t, Options{IgnoreRobots: true})
		srv, arrived := hangServer(t)
		ctx, cancel := context.WithCancel(t.Context())
		done := start(ctx, c, srv.URL+"/slow")
		<-arrived
		cancel()
		if err := await(t, done); !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	})
	t.Run("slow robots.txt", func(t *testing.T) {
		c := newTestCrawler(t, Options{})
		srv, arrived := hangServer(t)
		ctx, cancel := context.WithCancel(t.Context())
		done := start(ctx, c, srv.URL+"/story")
		if p := <-arrived; p != "/robots.txt" {
			t.Fatalf("first request was %s, want /robots.txt", p)
		}
		cancel()
		if err := await(t, done); !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	})
	t.Run("waiting for the host", func(t *testing.T) {
		c := newTestCrawler(t, Options{IgnoreRobots: true})
		srv, arrived := hangServer(t)
		first, cancelFirst := context.WithCancel(t.Context())
		defer cancelFirst()
		firstDone := start(first, c, srv.URL+"/first")
		<-arrived
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		if err := await(t, start(ctx, c, srv.URL+"/second")); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error = %v, want context.DeadlineExceeded", err)
		}
		cancelFirst()
		await(t, firstDone)
		if len(arrived) != 0 {
			t.Errorf("server saw %s, want the second fetch never sent", <-arrived)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		c := newTestCrawler(t, Options{IgnoreRobots: true, Timeout: 100 * time.Millisecond})
		srv, _ := hangServer(t)
		err := await(t, start(t.Context(), c, srv.URL+"/slow"))
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("error = %v, want a timeout", err)
		}
		if err != nil && !strings.Contains(err.Error(), srv.URL+"/slow") {
			t.Errorf("error %q does not name the URL", err)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		c := newTestCrawler(t, Options{IgnoreRobots: true})
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL + "/gone"
		srv.Close()
		fetchErr(t, c, Request{URL: url})
	})
}
