package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// newTestCrawler builds a crawler with test-friendly defaults: no host
// delay and a short timeout, unless the test sets them. It allows private
// targets, because every test server is on loopback; the guard's tests
// build their crawlers with newGuardedCrawler instead.
func newTestCrawler(t testing.TB, opts Options) *Crawler {
	t.Helper()
	opts.AllowPrivate = true
	if opts.HostDelay == 0 {
		opts.HostDelay = -1
	}
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return c
}

// newServer starts a loopback server. Register it after the crawler so
// that cleanup closes the crawler (and waits for its fetches) last.
func newServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// fetchErr runs a fetch that must fail and checks the error names the URL.
func fetchErr(t *testing.T, c *Crawler, req Request) error {
	t.Helper()
	p, err := c.Fetch(context.Background(), req)
	if err == nil {
		t.Fatalf("Fetch(%s) = page %d %q, want an error", req.URL, p.StatusCode, p.Body)
	}
	if !strings.Contains(err.Error(), req.URL) {
		t.Errorf("error %q does not name the URL %s", err, req.URL)
	}
	return err
}

// mustFetch runs a fetch that must succeed.
func mustFetch(t *testing.T, c *Crawler, req Request) *Page {
	t.Helper()
	p, err := c.Fetch(context.Background(), req)
	if err != nil {
		t.Fatalf("Fetch(%s): %v", req.URL, err)
	}
	return p
}

// blockUntil waits for done or the request's end, so a hung handler never
// keeps httptest.Server.Close waiting.
func blockUntil(r *http.Request, done <-chan struct{}) {
	select {
	case <-done:
	case <-r.Context().Done():
	}
}

const htmlPage = "<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>"
