package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/metrics"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
)

// failingSite answers each path with one way a check can fail.
func failingSite(t *testing.T) *httptest.Server {
	t.Helper()
	article := "<html><head><title>Harbor floods</title></head><body><article><h1>Harbor floods</h1>" +
		strings.Repeat("<p>The storm surge pushed water over the sea wall and into the harbor district overnight.</p>", 8) +
		"</article></body></html>"
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	status := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
	}
	mux.HandleFunc("/news/forbidden", status(http.StatusForbidden))
	mux.HandleFunc("/news/missing", status(http.StatusNotFound))
	mux.HandleFunc("/news/broken", status(http.StatusInternalServerError))
	mux.HandleFunc("/news/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"headline":"not a page"}`)
	})
	mux.HandleFunc("/news/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, strings.Replace(article, "</article>", strings.Repeat("<p>padding</p>", 20000)+"</article>", 1))
	})
	mux.HandleFunc("/news/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/news/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><head><title></title></head><body><nav><a href=/>Home</a></nav></body></html>")
	})
	mux.HandleFunc("/private/story", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, article)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// refusedURL is a loopback address nothing listens on any more.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/news/story"
}

// TestReason_realFailures classifies the errors the real crawler and
// extractor give, through a real pass, as the Recorder sees them.
func TestReason_realFailures(t *testing.T) {
	srv := failingSite(t)
	d := newDaemon(t, daemonOptions{crawler: crawler.Options{Timeout: 700 * time.Millisecond, MaxBodySize: 64 << 10}})
	cases := []struct {
		name, url string
		result    redline.CheckResult
		reason    string
	}{
		{"403", srv.URL + "/news/forbidden", redline.ResultFailed, metrics.ReasonHTTP4xx},
		{"404", srv.URL + "/news/missing", redline.ResultGone, metrics.ReasonHTTP4xx},
		{"500", srv.URL + "/news/broken", redline.ResultFailed, metrics.ReasonHTTP5xx},
		{"json", srv.URL + "/news/json", redline.ResultFailed, metrics.ReasonNotHTML},
		{"huge", srv.URL + "/news/huge", redline.ResultFailed, metrics.ReasonTooLarge},
		{"slow", srv.URL + "/news/slow", redline.ResultFailed, metrics.ReasonTimeout},
		{"no article", srv.URL + "/news/empty", redline.ResultFailed, metrics.ReasonExtract},
		{"robots", srv.URL + "/private/story", redline.ResultFailed, metrics.ReasonRobots},
		{"refused", refusedURL(t), redline.ResultFailed, metrics.ReasonNetwork},
	}
	var ids []redline.StoryID
	for _, c := range cases {
		st, err := d.tracker.Track(c.url, tracker.TrackOptions{})
		if err != nil {
			t.Fatalf("track %s: %v", c.url, err)
		}
		ids = append(ids, st.ID)
	}
	// Named stories are checked even on a host in back-off, so every case
	// runs in this one pass.
	rep, err := d.tracker.Once(context.Background(), tracker.OnceOptions{IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Stories) != len(cases) {
		t.Fatalf("pass checked %d stories, want %d", len(rep.Stories), len(cases))
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sr := rep.Stories[i]
			if sr.Result != c.result {
				t.Fatalf("result %q (%s), want %q", sr.Result, sr.Error, c.result)
			}
			if got := metrics.Reason(sr.Err); got != c.reason {
				t.Errorf("Reason(%v) = %q, want %q", sr.Err, got, c.reason)
			}
		})
	}
	s := d.scrape(t)
	for _, reason := range metrics.Reasons() {
		want := 0.0
		for _, c := range cases {
			if c.reason == reason {
				want++
			}
		}
		if got := s.value(t, "redline_check_failures_total", "reason", reason); got != want {
			t.Errorf("failures{%s} = %v, want %v", reason, got, want)
		}
	}
	checkBounded(t, s, mustHost(t, srv.URL))
}

// TestReason covers the causes a loopback pass cannot produce on demand.
func TestReason(t *testing.T) {
	diskFull := &fs.PathError{Op: "write", Path: "/var/lib/redline/redline.db", Err: syscall.ENOSPC}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, metrics.ReasonOther},
		{"forbidden target wrapped in a dial error", &net.OpError{Op: "dial", Net: "tcp", Err: fmt.Errorf("crawler: 127.0.0.1:80: %w", redline.ErrForbiddenTarget)}, metrics.ReasonForbiddenTarget},
		{"disk full", fmt.Errorf("store: save version of story 3: %w", diskFull), metrics.ReasonStore},
		{"bare errno from the disk", fmt.Errorf("store: sync: %w", syscall.EIO), metrics.ReasonStore},
		{"corrupt", fmt.Errorf("store: version 2 of story 3: %w", store.ErrCorrupt), metrics.ReasonStore},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, metrics.ReasonNetwork},
		{"dial timeout", &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}, metrics.ReasonTimeout},
		{"dns", fmt.Errorf("crawler: fetch: %w", &net.DNSError{Err: "no such host", Name: "news.test"}), metrics.ReasonNetwork},
		{"deadline", fmt.Errorf("crawler: fetch: %w", context.DeadlineExceeded), metrics.ReasonTimeout},
		{"cut short", fmt.Errorf("crawler: fetch: %w", errors.Join(errors.New("read body"), fs.ErrClosed, syscall.ECONNRESET)), metrics.ReasonNetwork},
		{"429", &crawler.StatusError{URL: "x", StatusCode: 429}, metrics.ReasonHTTP4xx},
		{"503", fmt.Errorf("wrapped: %w", &crawler.StatusError{URL: "x", StatusCode: 503}), metrics.ReasonHTTP5xx},
		{"3xx", &crawler.StatusError{URL: "x", StatusCode: 300}, metrics.ReasonOther},
		{"robots unavailable", fmt.Errorf("robots.txt unavailable (HTTP 503), so the site is treated as %w", redline.ErrRobotsDisallowed), metrics.ReasonRobots},
		{"bad URL", fmt.Errorf("crawler: fetch %q: %w", "ftp://x", redline.ErrBadURL), metrics.ReasonOther},
		{"canceled", context.Canceled, metrics.ReasonOther},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := metrics.Reason(c.err); got != c.want {
				t.Errorf("Reason(%v) = %q, want %q", c.err, got, c.want)
			}
		})
	}
}
