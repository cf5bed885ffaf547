package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
)

func TestNew(t *testing.T) {
	cases := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{"zero value", Options{}, ""},
		{"negative delay disables it", Options{HostDelay: -1}, ""},
		{"negative timeout", Options{Timeout: -time.Second}, "timeout"},
		{"negative body cap", Options{MaxBodySize: -1}, "max body size"},
		{"negative host parallelism", Options{HostParallelism: -2}, "host parallelism"},
		{"negative max parallel", Options{MaxParallel: -1}, "max parallel"},
		{"negative robots TTL", Options{RobotsTTL: -time.Minute}, "robots TTL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(tc.opts)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				c.Close()
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("New error = %v, want one about %q", err, tc.wantErr)
			}
		})
	}
}

func TestCrawler_FetchDefaults(t *testing.T) {
	c, err := New(Options{IgnoreRobots: true, AllowPrivate: true}) // the server is on loopback
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if c.opts.HostDelay != DefaultHostDelay || c.opts.MaxBodySize != DefaultMaxBodySize ||
		c.opts.UserAgent != DefaultUserAgent || c.opts.Timeout != DefaultTimeout {
		t.Errorf("defaults not applied: %+v", c.opts)
	}
	var ua, accept string
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, accept = r.Header.Get("User-Agent"), r.Header.Get("Accept")
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	}))
	mustFetch(t, c, Request{URL: srv.URL})
	if ua != DefaultUserAgent || !strings.HasPrefix(accept, "text/html") {
		t.Errorf("sent User-Agent %q Accept %q, want %q and HTML first", ua, accept, DefaultUserAgent)
	}
}

func TestCrawler_FetchConcurrent(t *testing.T) {
	c := newTestCrawler(t, Options{HostParallelism: 8, MaxParallel: 8})
	mux := http.NewServeMux()
	mux.HandleFunc("/story/{n}", func(w http.ResponseWriter, r *http.Request) {
		// Odd stories move, so callers must also get their own FinalURL.
		if n, _ := strconv.Atoi(r.PathValue("n")); n%2 == 1 {
			http.Redirect(w, r, "/moved/"+r.PathValue("n"), http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><body><p>story %s</p></body></html>", r.PathValue("n"))
	})
	mux.HandleFunc("/moved/{n}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><body><p>story %s</p></body></html>", r.PathValue("n"))
	})
	srv := newServer(t, mux)

	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			url := fmt.Sprintf("%s/story/%d", srv.URL, i)
			p, err := c.Fetch(t.Context(), Request{URL: url})
			if err != nil {
				t.Errorf("fetch %d: %v", i, err)
				return
			}
			want := fmt.Sprintf("<p>story %d</p>", i)
			finalURL := url
			if i%2 == 1 {
				finalURL = fmt.Sprintf("%s/moved/%d", srv.URL, i)
			}
			if !strings.Contains(string(p.Body), want) || p.URL != url || p.FinalURL != finalURL {
				t.Errorf("fetch %d got URL %s final %s body %q, want its own page %q at %s", i, p.URL, p.FinalURL, p.Body, want, finalURL)
			}
		})
	}
	wg.Wait()
}

// A site that sets a session cookie and redirects works within one fetch,
// and the next fetch starts as a new visitor.
func TestCrawler_FetchCookies(t *testing.T) {
	c := newTestCrawler(t, Options{})
	var mu sync.Mutex
	var entryCookies []string
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("session"); err != nil {
			mu.Lock()
			entryCookies = append(entryCookies, r.Header.Get("Cookie"))
			mu.Unlock()
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/"})
			http.Redirect(w, r, "/story", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	})
	srv := newServer(t, mux)
	for range 2 {
		mustFetch(t, c, Request{URL: srv.URL + "/story"})
	}
	if want := []string{"", ""}; fmt.Sprint(entryCookies) != fmt.Sprint(want) {
		t.Errorf("cookies on arrival = %q, want none on either fetch", entryCookies)
	}
}

func TestCrawler_Close(t *testing.T) {
	c, err := New(Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_, err = c.Fetch(t.Context(), Request{URL: "http://127.0.0.1:1/story"})
	if !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "http://127.0.0.1:1/story") {
		t.Errorf("Fetch after Close: %v, want ErrClosed naming the URL", err)
	}
}

func TestStatusError_Is(t *testing.T) {
	cases := []struct {
		code       int
		gone, http bool
	}{
		{404, true, false},
		{410, true, false},
		{400, false, true},
		{403, false, true},
		{429, false, true},
		{500, false, true},
		{503, false, true},
		{302, false, true},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			var err error = fmt.Errorf("check: %w", &StatusError{URL: "https://example.com/a", StatusCode: tc.code})
			if errors.Is(err, redline.ErrGone) != tc.gone || errors.Is(err, redline.ErrHTTPStatus) != tc.http {
				t.Errorf("Is(ErrGone)=%v Is(ErrHTTPStatus)=%v, want %v %v",
					errors.Is(err, redline.ErrGone), errors.Is(err, redline.ErrHTTPStatus), tc.gone, tc.http)
			}
			if errors.Is(err, redline.ErrNotHTML) {
				t.Error("a StatusError must not match unrelated sentinels")
			}
		})
	}
}

func TestStatusError_Error(t *testing.T) {
	cases := []struct {
		err  StatusError
		want string
	}{
		{StatusError{URL: "https://example.com/a", StatusCode: 404}, "crawler: fetch https://example.com/a: HTTP 404 Not Found"},
		{StatusError{URL: "https://example.com/a", StatusCode: 429, RetryAfter: 2 * time.Minute},
			"crawler: fetch https://example.com/a: HTTP 429 Too Many Requests (retry after 2m0s)"},
		{StatusError{URL: "https://example.com/a", StatusCode: 599}, "crawler: fetch https://example.com/a: HTTP 599"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.err.StatusCode), func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name, value string
		want        time.Duration
	}{
		{"empty", "", 0},
		{"seconds", "120", 2 * time.Minute},
		{"seconds with spaces", " 5 ", 5 * time.Second},
		{"zero", "0", 0},
		{"negative", "-5", 0},
		{"huge", "99999999999999", 365 * 24 * time.Hour},
		{"IMF date", "Sun, 01 Mar 2026 12:01:30 GMT", 90 * time.Second},
		{"RFC 850 date", "Sunday, 01-Mar-26 12:00:10 GMT", 10 * time.Second},
		{"past date", "Sun, 01 Mar 2026 11:00:00 GMT", 0},
		{"junk", "tomorrow", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseRetryAfter(tc.value, now); got != tc.want {
				t.Errorf("parseRetryAfter(%q) = %s, want %s", tc.value, got, tc.want)
			}
		})
	}
}

func TestCrawler_sweepLocked(t *testing.T) {
	clk := clock.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	c := newTestCrawler(t, Options{RobotsTTL: time.Hour, Now: clk.Now})
	c.mu.Lock()
	defer c.mu.Unlock()
	add := func(key string, refs int, delayLeft, robotsAge time.Duration, hasBase bool) {
		h := c.hostRef(key)
		h.refs += refs - 1
		h.gate.nextStart = time.Now().Add(delayLeft)
		if hasBase {
			h.base, h.baseAt = c.newBase(), clk.Now().Add(-robotsAge)
		}
	}
	add("busy", 1, 0, 2*time.Hour, true)
	add("waiting-out-delay", 0, time.Hour, 2*time.Hour, true)
	add("fresh-robots", 0, 0, time.Minute, true)
	add("stale", 0, 0, 2*time.Hour, true)
	add("never-fetched", 0, 0, 0, false)
	c.sweepLocked()
	var kept []string
	for key := range c.hosts {
		kept = append(kept, key)
	}
	slices.Sort(kept)
	if want := []string{"busy", "fresh-robots", "waiting-out-delay"}; !slices.Equal(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
}
