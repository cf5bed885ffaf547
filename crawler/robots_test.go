package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
)

// robotsSite serves a robots.txt the test can change, and counts requests.
type robotsSite struct {
	mu     sync.Mutex
	status int
	body   string

	robotsHits atomic.Int32
	pageHits   atomic.Int32
}

func (s *robotsSite) set(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body = status, body
}

func (s *robotsSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		s.robotsHits.Add(1)
		s.mu.Lock()
		status, body := s.status, s.body
		s.mu.Unlock()
		w.WriteHeader(status)
		fmt.Fprint(w, body)
		return
	}
	s.pageHits.Add(1)
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprint(w, htmlPage)
}

func TestCrawler_FetchRobots(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /private\n"
	type step struct {
		path       string
		disallowed bool
	}
	cases := []struct {
		name       string
		userAgent  string
		ignore     bool
		status     int
		body       string
		steps      []step
		wantRobots int32 // robots.txt requests over all steps
	}{
		{"disallow honoured, cached", "", false, 200, rules,
			[]step{{"/private/story", true}, {"/news", false}, {"/private", true}, {"/news", false}}, 1},
		{"group for our agent", "redline/0.1 (+https://github.com/redline-news/redline)", false, 200,
			"User-agent: redline\nDisallow: /\n\nUser-agent: *\nAllow: /\n", []step{{"/news", true}}, 1},
		{"group for another agent", "otherbot/1.0", false, 200,
			"User-agent: redline\nDisallow: /\n\nUser-agent: *\nAllow: /\n", []step{{"/news", false}}, 1},
		{"404 allows all", "", false, 404, "not found", []step{{"/private", false}, {"/news", false}}, 1},
		{"401 allows all", "", false, 401, "", []step{{"/private", false}}, 1},
		{"503 disallows, not cached", "", false, 503, "", []step{{"/news", true}, {"/news", true}}, 2},
		{"500 disallows", "", false, 500, "", []step{{"/news", true}}, 1},
		{"429 disallows", "", false, 429, "", []step{{"/news", true}}, 1},
		{"ignored", "", true, 200, "User-agent: *\nDisallow: /\n", []step{{"/private", false}}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCrawler(t, Options{UserAgent: tc.userAgent, IgnoreRobots: tc.ignore})
			site := &robotsSite{}
			site.set(tc.status, tc.body)
			srv := newServer(t, site)
			var wantPages int32
			for _, s := range tc.steps {
				req := Request{URL: srv.URL + s.path}
				if s.disallowed {
					if err := fetchErr(t, c, req); !errors.Is(err, redline.ErrRobotsDisallowed) {
						t.Errorf("%s: error = %v, want ErrRobotsDisallowed", s.path, err)
					}
					continue
				}
				wantPages++
				mustFetch(t, c, req)
			}
			if got := site.robotsHits.Load(); got != tc.wantRobots {
				t.Errorf("robots.txt fetched %d times, want %d", got, tc.wantRobots)
			}
			if got := site.pageHits.Load(); got != wantPages {
				t.Errorf("pages fetched %d times, want %d (a disallowed page must not be requested)", got, wantPages)
			}
		})
	}
}

func TestCrawler_FetchRobotsExpiry(t *testing.T) {
	clk := clock.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	c := newTestCrawler(t, Options{RobotsTTL: time.Hour, Now: clk.Now})
	site := &robotsSite{}
	site.set(200, "User-agent: *\nDisallow: /private\n")
	srv := newServer(t, site)

	mustFetch(t, c, Request{URL: srv.URL + "/news"})
	site.set(200, "User-agent: *\nDisallow: /news\n")
	clk.Advance(59 * time.Minute)
	// Within the TTL the old rules still apply and robots.txt is not asked.
	mustFetch(t, c, Request{URL: srv.URL + "/news"})
	if got := site.robotsHits.Load(); got != 1 {
		t.Fatalf("robots.txt fetched %d times within the TTL, want 1", got)
	}
	clk.Advance(2 * time.Minute)
	if err := fetchErr(t, c, Request{URL: srv.URL + "/news"}); !errors.Is(err, redline.ErrRobotsDisallowed) {
		t.Errorf("after expiry: error = %v, want ErrRobotsDisallowed from the new rules", err)
	}
	mustFetch(t, c, Request{URL: srv.URL + "/private"})
	if got := site.robotsHits.Load(); got != 2 {
		t.Errorf("robots.txt fetched %d times, want 2 (once more after expiry)", got)
	}
}

func TestCrawler_FetchRobotsRecovers(t *testing.T) {
	c := newTestCrawler(t, Options{})
	site := &robotsSite{}
	site.set(503, "")
	srv := newServer(t, site)
	if err := fetchErr(t, c, Request{URL: srv.URL + "/news"}); !errors.Is(err, redline.ErrRobotsDisallowed) {
		t.Fatalf("robots.txt 503: error = %v, want ErrRobotsDisallowed", err)
	}
	site.set(200, "User-agent: *\nAllow: /\n")
	mustFetch(t, c, Request{URL: srv.URL + "/news"})
	if got := site.pageHits.Load(); got != 1 {
		t.Errorf("page fetched %d times, want 1", got)
	}
}
