package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

func TestCrawler_Fetch(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c := newTestCrawler(t, Options{Now: func() time.Time { return now }})
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sun, 01 Mar 2026 11:00:00 GMT")
		fmt.Fprint(w, htmlPage)
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop net/http from sniffing for us
		fmt.Fprint(w, htmlPage)
	})
	status := func(code int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(code)
			fmt.Fprint(w, "<html><body>error page</body></html>")
		}
	}
	mux.Handle("/500", status(500, ""))
	mux.Handle("/404", status(404, ""))
	mux.Handle("/410", status(410, ""))
	mux.Handle("/403", status(403, ""))
	mux.Handle("/429", status(429, "120"))
	mux.Handle("/503", status(503, now.Add(90*time.Second).Format(http.TimeFormat)))
	mux.Handle("/503-past", status(503, now.Add(-time.Hour).Format(http.TimeFormat)))
	mux.Handle("/429-junk", status(429, "soon"))
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n >= 3 {
			http.Redirect(w, r, "/ok", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
	})
	mux.HandleFunc("/unasked-304", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	})
	mux.HandleFunc("/no-content", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := newServer(t, mux)

	t.Run("200", func(t *testing.T) {
		p := mustFetch(t, c, Request{URL: srv.URL + "/ok"})
		want := Page{URL: srv.URL + "/ok", FinalURL: srv.URL + "/ok", StatusCode: 200, ContentType: "text/html",
			Charset: "utf-8", ETag: `"v1"`, LastModified: "Sun, 01 Mar 2026 11:00:00 GMT", FetchedAt: now}
		got := *p
		got.Header, got.Body, got.Raw, got.Elapsed = nil, nil, nil, 0
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("page = %+v\nwant   %+v", got, want)
		}
		if string(p.Body) != htmlPage || string(p.Raw) != htmlPage {
			t.Errorf("body = %q, raw = %q, want %q", p.Body, p.Raw, htmlPage)
		}
		if p.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("header Content-Type = %q, want it unaltered", p.Header.Get("Content-Type"))
		}
		if p.Elapsed <= 0 {
			t.Errorf("elapsed = %s, want > 0", p.Elapsed)
		}
	})
	t.Run("untyped HTML is sniffed", func(t *testing.T) {
		p := mustFetch(t, c, Request{URL: srv.URL + "/untyped"})
		if p.ContentType != "text/html" || string(p.Body) != htmlPage {
			t.Errorf("content type %q body %q, want sniffed text/html with the page", p.ContentType, p.Body)
		}
	})
	t.Run("redirect chain", func(t *testing.T) {
		p := mustFetch(t, c, Request{URL: srv.URL + "/hop/0"})
		if p.URL != srv.URL+"/hop/0" || p.FinalURL != srv.URL+"/ok" {
			t.Errorf("URL %q FinalURL %q, want %q then %q", p.URL, p.FinalURL, srv.URL+"/hop/0", srv.URL+"/ok")
		}
	})

	statusCases := []struct {
		name       string
		path       string
		code       int
		gone       bool
		retryAfter time.Duration
	}{
		{"500", "/500", 500, false, 0},
		{"304 to an unconditional GET", "/unasked-304", 304, false, 0},
		{"403", "/403", 403, false, 0},
		{"404", "/404", 404, true, 0},
		{"410", "/410", 410, true, 0},
		{"429 seconds", "/429", 429, false, 120 * time.Second},
		{"503 HTTP date", "/503", 503, false, 90 * time.Second},
		{"503 date in the past", "/503-past", 503, false, 0},
		{"429 unparseable", "/429-junk", 429, false, 0},
	}
	for _, tc := range statusCases {
		t.Run(tc.name, func(t *testing.T) {
			err := fetchErr(t, c, Request{URL: srv.URL + tc.path})
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *StatusError", err)
			}
			if se.StatusCode != tc.code || se.URL != srv.URL+tc.path {
				t.Errorf("status %d for %s, want %d for %s", se.StatusCode, se.URL, tc.code, srv.URL+tc.path)
			}
			if errors.Is(err, redline.ErrGone) != tc.gone || errors.Is(err, redline.ErrHTTPStatus) == tc.gone {
				t.Errorf("Is(ErrGone) = %v, Is(ErrHTTPStatus) = %v, want gone=%v",
					errors.Is(err, redline.ErrGone), errors.Is(err, redline.ErrHTTPStatus), tc.gone)
			}
			if se.RetryAfter != tc.retryAfter {
				t.Errorf("RetryAfter = %s, want %s", se.RetryAfter, tc.retryAfter)
			}
		})
	}

	failCases := []struct {
		name string
		path string
		want error
		text string
	}{
		{"redirect loop", "/loop", nil, "stopped after 10 redirects"},
		{"empty 200", "/empty", ErrEmptyBody, ""},
		{"204", "/no-content", ErrEmptyBody, ""},
	}
	for _, tc := range failCases {
		t.Run(tc.name, func(t *testing.T) {
			err := fetchErr(t, c, Request{URL: srv.URL + tc.path})
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q does not say %q", err, tc.text)
			}
		})
	}
}

func TestCrawler_FetchBadURL(t *testing.T) {
	c := newTestCrawler(t, Options{})
	for _, raw := range []string{"", "example.com/story", "/news/1", "ftp://example.com/x", "mailto:desk@example.com",
		"http://", "https:///path", "http://exa mple.com/", "javascript:alert(1)"} {
		t.Run(raw, func(t *testing.T) {
			_, err := c.Fetch(t.Context(), Request{URL: raw})
			if !errors.Is(err, redline.ErrBadURL) {
				t.Fatalf("Fetch(%q) error = %v, want ErrBadURL", raw, err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", raw)) {
				t.Errorf("error %q does not name %q", err, raw)
			}
		})
	}
}

func TestCrawler_FetchConditional(t *testing.T) {
	const etag, lastMod = `"abc123"`, "Sun, 01 Mar 2026 10:00:00 GMT"
	c := newTestCrawler(t, Options{})
	var gotINM, gotIMS []string
	mux := http.NewServeMux()
	mux.HandleFunc("/etag", func(w http.ResponseWriter, r *http.Request) {
		gotINM = append(gotINM, r.Header.Get("If-None-Match"))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	})
	// /lastmod omits validators on its 304, as some servers do.
	mux.HandleFunc("/lastmod", func(w http.ResponseWriter, r *http.Request) {
		gotIMS = append(gotIMS, r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, htmlPage)
	})
	srv := newServer(t, mux)

	for _, path := range []string{"/etag", "/lastmod"} {
		t.Run(path, func(t *testing.T) {
			first := mustFetch(t, c, Request{URL: srv.URL + path})
			if first.NotModified || first.StatusCode != 200 || len(first.Body) == 0 {
				t.Fatalf("first fetch: status %d notModified %v body %d bytes", first.StatusCode, first.NotModified, len(first.Body))
			}
			second := mustFetch(t, c, Request{URL: srv.URL + path, ETag: first.ETag, LastModified: first.LastModified})
			if !second.NotModified || second.StatusCode != http.StatusNotModified {
				t.Fatalf("second fetch: status %d notModified %v, want 304", second.StatusCode, second.NotModified)
			}
			if len(second.Body) != 0 || len(second.Raw) != 0 {
				t.Errorf("304 body = %q, want none", second.Body)
			}
			if second.ETag != first.ETag || second.LastModified != first.LastModified {
				t.Errorf("304 validators %q %q, want carried over %q %q", second.ETag, second.LastModified, first.ETag, first.LastModified)
			}
		})
	}
	if want := []string{"", etag}; fmt.Sprint(gotINM) != fmt.Sprint(want) {
		t.Errorf("If-None-Match sent = %q, want %q", gotINM, want)
	}
	if want := []string{"", lastMod}; fmt.Sprint(gotIMS) != fmt.Sprint(want) {
		t.Errorf("If-Modified-Since sent = %q, want %q", gotIMS, want)
	}
}
