package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// redirectServer starts a host without a robots.txt whose pages all
// redirect with code to target(r).
func redirectServer(t *testing.T, code int, target func(r *http.Request) string) *httptest.Server {
	t.Helper()
	return newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, target(r), code)
	}))
}

// redirectTo is a redirectServer target: url itself.
func redirectTo(url string) func(*http.Request) string {
	return func(*http.Request) string { return url }
}

// heldServer starts a host whose page requests wait until unblock is
// called (or the test ends); arrived receives the path of each.
func heldServer(t *testing.T) (srv *httptest.Server, arrived chan string, unblock func()) {
	t.Helper()
	release := make(chan struct{})
	arrived = make(chan string, 16)
	srv = newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		arrived <- r.URL.Path
		blockUntil(r, release)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	}))
	unblock = sync.OnceFunc(func() { close(release) })
	// Registered after the server, so it runs before the server's Close,
	// which waits for handlers.
	t.Cleanup(unblock)
	return srv, arrived, unblock
}

// referencedHosts lists the hosts c still counts fetches for, with the count.
func referencedHosts(c *Crawler) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var held []string
	for key, h := range c.hosts {
		if h.refs != 0 {
			held = append(held, fmt.Sprintf("%s (%d)", key, h.refs))
		}
	}
	return held
}

func TestCrawler_FetchCrossHostRedirect(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /private\n"
	cases := []struct {
		name         string
		code         int
		ignoreRobots bool
		robotsStatus int
		path         string
		disallowed   bool
		wantRobots   int32
	}{
		{"301 to a disallowed page", http.StatusMovedPermanently, false, 200, "/private/story", true, 1},
		{"302 to an allowed page", http.StatusFound, false, 200, "/news/story", false, 1},
		{"303", http.StatusSeeOther, false, 200, "/news/story", false, 1},
		{"307", http.StatusTemporaryRedirect, false, 200, "/news/story", false, 1},
		{"308", http.StatusPermanentRedirect, false, 200, "/news/story", false, 1},
		{"robots.txt unavailable", http.StatusFound, false, 503, "/news/story", true, 1},
		{"robots ignored", http.StatusFound, true, 200, "/private/story", false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCrawler(t, Options{IgnoreRobots: tc.ignoreRobots})
			target := &robotsSite{}
			target.set(tc.robotsStatus, rules)
			b := newServer(t, target)
			a := redirectServer(t, tc.code, redirectTo(b.URL+tc.path))
			req := Request{URL: a.URL + "/story"}

			if tc.disallowed {
				err := fetchErr(t, c, req)
				if !errors.Is(err, redline.ErrRobotsDisallowed) {
					t.Errorf("error = %v, want ErrRobotsDisallowed", err)
				}
				if !strings.Contains(err.Error(), b.URL+tc.path) {
					t.Errorf("error %q does not name the redirect target %s", err, b.URL+tc.path)
				}
			} else {
				p := mustFetch(t, c, req)
				if p.URL != req.URL || p.FinalURL != b.URL+tc.path {
					t.Errorf("URL %q FinalURL %q, want %q then %q", p.URL, p.FinalURL, req.URL, b.URL+tc.path)
				}
				if p.StatusCode != http.StatusOK || string(p.Body) != htmlPage {
					t.Errorf("status %d body %q, want the target's page", p.StatusCode, p.Body)
				}
			}
			if got := target.robotsHits.Load(); got != tc.wantRobots {
				t.Errorf("target's robots.txt fetched %d times, want %d", got, tc.wantRobots)
			}
			wantPages := int32(1)
			if tc.disallowed {
				wantPages = 0
			}
			if got := target.pageHits.Load(); got != wantPages {
				t.Errorf("target page requested %d times, want %d", got, wantPages)
			}
			if held := referencedHosts(c); len(held) != 0 {
				t.Errorf("hosts still referenced after the fetch: %q", held)
			}
		})
	}
}

// A fetch redirected to a host queues for that host's slot like a direct
// fetch of the target URL would.
func TestCrawler_FetchCrossHostRedirectWaitsForTargetHost(t *testing.T) {
	c := newTestCrawler(t, Options{HostParallelism: 1, IgnoreRobots: true})
	b, arrived, unblock := heldServer(t)
	a := redirectServer(t, http.StatusFound, redirectTo(b.URL+"/story"))

	holding := make(chan error, 1)
	go func() {
		_, err := c.Fetch(t.Context(), Request{URL: b.URL + "/hold"})
		holding <- err
	}()
	<-arrived
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	if _, err := c.Fetch(ctx, Request{URL: a.URL + "/story"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("redirected fetch while the target host is busy: error = %v, want DeadlineExceeded", err)
	}
	if len(arrived) != 0 {
		t.Fatalf("target host saw %s while its only slot was taken", <-arrived)
	}
	unblock()
	if err := <-holding; err != nil {
		t.Fatalf("holding fetch: %v", err)
	}
	p := mustFetch(t, c, Request{URL: a.URL + "/story"})
	if p.FinalURL != b.URL+"/story" {
		t.Errorf("FinalURL = %q, want %q", p.FinalURL, b.URL+"/story")
	}
}

// Requests that reach a host through redirects from several others, and
// direct ones, share that host's HostParallelism.
func TestCrawler_FetchCrossHostRedirectTargetLimit(t *testing.T) {
	c := newTestCrawler(t, Options{HostParallelism: 1, MaxParallel: 16, IgnoreRobots: true})
	var cc concurrency
	var hits atomic.Int32
	b := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cc.enter()
		defer cc.leave()
		hits.Add(1)
		// Hold the request long enough for the others to pile up.
		time.Sleep(15 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	}))
	urls := []string{b.URL + "/direct/0", b.URL + "/direct/1"}
	for range 3 {
		a := redirectServer(t, http.StatusMovedPermanently, func(r *http.Request) string { return b.URL + r.URL.Path })
		for i := range 3 {
			urls = append(urls, fmt.Sprintf("%s/story/%d", a.URL, i))
		}
	}
	fetchAll(t, c, urls)
	if got := cc.peak.Load(); got != 1 {
		t.Errorf("peak concurrency at the target host = %d, want 1", got)
	}
	if got := hits.Load(); got != int32(len(urls)) {
		t.Errorf("target host saw %d requests, want %d", got, len(urls))
	}
}

// A fetch gives its first host's slot back when it is redirected away, so
// a slow target does not hold up the host it came from.
func TestCrawler_FetchCrossHostRedirectFreesFirstHost(t *testing.T) {
	c := newTestCrawler(t, Options{HostParallelism: 1, IgnoreRobots: true})
	b, arrived, _ := heldServer(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/story", http.StatusFound)
	})
	mux.HandleFunc("/other", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	})
	a := newServer(t, mux)

	first, cancelFirst := context.WithCancel(t.Context())
	defer cancelFirst()
	firstDone := make(chan error, 1)
	go func() {
		_, err := c.Fetch(first, Request{URL: a.URL + "/moved"})
		firstDone <- err
	}()
	<-arrived
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if _, err := c.Fetch(ctx, Request{URL: a.URL + "/other"}); err != nil {
		t.Errorf("fetch from the first host while the redirected one waits at the target: %v", err)
	}
	cancelFirst()
	if err := <-firstDone; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled fetch: error = %v, want context.Canceled", err)
	}
}

// The redirect cap counts the hops on every host of the chain.
func TestCrawler_FetchCrossHostRedirectLoop(t *testing.T) {
	c := newTestCrawler(t, Options{})
	var hits atomic.Int32
	var a, b *httptest.Server
	bounce := func(to **httptest.Server) func(*http.Request) string {
		return func(*http.Request) string {
			hits.Add(1)
			return (*to).URL + "/loop"
		}
	}
	a = redirectServer(t, http.StatusFound, bounce(&b))
	b = redirectServer(t, http.StatusFound, bounce(&a))

	err := fetchErr(t, c, Request{URL: a.URL + "/loop"})
	if !strings.Contains(err.Error(), fmt.Sprintf("stopped after %d redirects", maxRedirects)) {
		t.Errorf("error %q does not say the redirect cap stopped it", err)
	}
	if got := hits.Load(); got != maxRedirects {
		t.Errorf("the hosts saw %d requests, want %d as for a loop on one host", got, maxRedirects)
	}
	if held := referencedHosts(c); len(held) != 0 {
		t.Errorf("hosts still referenced after the fetch: %q", held)
	}
}

// A redirect to a URL that cannot be fetched fails as net/http reports it,
// not as a bad URL from the caller.
func TestCrawler_FetchCrossHostRedirectUnfetchable(t *testing.T) {
	c := newTestCrawler(t, Options{})
	for _, to := range []string{"ftp://127.0.0.1/story", "http:///story"} {
		t.Run(to, func(t *testing.T) {
			a := redirectServer(t, http.StatusFound, redirectTo(to))
			err := fetchErr(t, c, Request{URL: a.URL + "/story"})
			if errors.Is(err, redline.ErrBadURL) || !strings.Contains(err.Error(), to) {
				t.Errorf("error = %v, want one naming %s that is not ErrBadURL", err, to)
			}
		})
	}
}

// The cookie session survives a trip through another host; the
// conditional-GET validators, which may describe the first host's page, do
// not reach the other host nor come back with the chain.
func TestCrawler_FetchCrossHostRedirectSession(t *testing.T) {
	const etag, lastMod = `"v1"`, "Sun, 01 Mar 2026 10:00:00 GMT"
	c := newTestCrawler(t, Options{})
	var mu sync.Mutex
	var validators []string
	record := func(r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		validators = append(validators, r.URL.Path+" "+r.Header.Get("If-None-Match")+" "+r.Header.Get("If-Modified-Since"))
	}
	var a *httptest.Server
	b := redirectServer(t, http.StatusFound, func(r *http.Request) string {
		record(r)
		return a.URL + "/story"
	})
	mux := http.NewServeMux()
	mux.HandleFunc("/start", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/"})
		http.Redirect(w, r, b.URL+"/consent", http.StatusFound)
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		if _, err := r.Cookie("session"); err != nil {
			http.Error(w, "no session", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	})
	a = newServer(t, mux)

	p := mustFetch(t, c, Request{URL: a.URL + "/start", ETag: etag, LastModified: lastMod})
	if p.NotModified || p.StatusCode != http.StatusOK || p.FinalURL != a.URL+"/story" {
		t.Errorf("status %d notModified %v FinalURL %q, want 200 from %s", p.StatusCode, p.NotModified, p.FinalURL, a.URL+"/story")
	}
	want := []string{"/start " + etag + " " + lastMod, "/consent  ", "/story  "}
	if fmt.Sprint(validators) != fmt.Sprint(want) {
		t.Errorf("path and validators seen = %q, want %q", validators, want)
	}
}

func TestCrawler_FetchCrossHostRedirectContext(t *testing.T) {
	c := newTestCrawler(t, Options{})
	release := make(chan struct{})
	robotsAsked := make(chan struct{}, 1)
	b := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAsked <- struct{}{}
			blockUntil(r, release)
		}
		http.NotFound(w, r)
	}))
	unblock := sync.OnceFunc(func() { close(release) })
	t.Cleanup(unblock)
	a := redirectServer(t, http.StatusFound, redirectTo(b.URL+"/story"))

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := c.Fetch(ctx, Request{URL: a.URL + "/story"})
		done <- err
	}()
	select {
	case <-robotsAsked:
	case err := <-done:
		t.Fatalf("Fetch ended (%v) without asking the target's robots.txt", err)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Fetch did not return after its context ended while the target's robots.txt hung")
	}
	unblock()
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if held := referencedHosts(c); len(held) != 0 {
		t.Errorf("hosts still referenced after the abandoned fetch ended: %q", held)
	}
}
