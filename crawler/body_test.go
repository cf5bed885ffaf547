package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

// latin1Page is "Café “quoted” costs 5 €" and friends in windows-1252:
// é=E9, “=93, ”=94, €=80, ’=92.
var (
	cp1252Text = []byte("Caf\xe9 \x93quoted\x94 costs 5 \x80, it\x92s")
	utf8Text   = "Café “quoted” costs 5 €, it’s"
)

func TestCrawler_FetchCharset(t *testing.T) {
	c := newTestCrawler(t, Options{})
	page := func(head string) []byte {
		return fmt.Appendf(nil, "<!doctype html><html><head>%s<title>x</title></head><body><p>%s</p></body></html>", head, cp1252Text)
	}
	// A UTF-8 page without any declaration whose first kilobyte is ASCII:
	// x/net alone would guess windows-1252 for it.
	lateUTF8 := "<!doctype html><html><head><title>x</title></head><body>" +
		strings.Repeat("<p>ascii filler</p>", 100) + "<p>" + utf8Text + "</p></body></html>"

	cases := []struct {
		name        string
		contentType string
		body        []byte
		wantCharset string
		wantText    string
	}{
		{"windows-1252 in header", "text/html; charset=windows-1252", page(""), "windows-1252", utf8Text},
		{"ISO-8859-1 in header", "text/html; charset=ISO-8859-1", page(""), "windows-1252", utf8Text},
		{"meta charset", "text/html", page(`<meta charset="windows-1252">`), "windows-1252", utf8Text},
		{"meta http-equiv", "text/html", page(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`), "windows-1252", utf8Text},
		{"header wins over meta", "text/html; charset=windows-1252", page(`<meta charset="utf-8">`), "windows-1252", utf8Text},
		{"undeclared latin-1 bytes", "text/html", page(""), "windows-1252", utf8Text},
		{"undeclared UTF-8 after an ASCII kilobyte", "text/html", []byte(lateUTF8), "utf-8", utf8Text},
		{"UTF-8 BOM", "text/html", append([]byte("\xef\xbb\xbf"), lateUTF8...), "utf-8", utf8Text},
		{"meta says latin-1 but page is UTF-8", "text/html", []byte(`<html><head><meta charset="iso-8859-1"></head><body>` + utf8Text + `</body></html>`), "utf-8", utf8Text},
		{"invalid UTF-8 in a UTF-8 page", "text/html; charset=utf-8", []byte("<html><body>ok \xff\xfe end</body></html>"), "utf-8", "ok \uFFFD end"},
		{"malformed header still names the charset", "text/html;; charset=windows-1252", page(""), "windows-1252", utf8Text},
		{"shift_jis in header", "text/html; charset=shift_jis", []byte("<html><body>\x93\xfa\x96\x7b</body></html>"), "shift_jis", "日本"},
	}
	mux := http.NewServeMux()
	for i, tc := range cases {
		mux.HandleFunc(fmt.Sprintf("/%d", i), func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tc.contentType)
			w.Write(tc.body)
		})
	}
	srv := newServer(t, mux)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustFetch(t, c, Request{URL: fmt.Sprintf("%s/%d", srv.URL, i)})
			if p.Charset != tc.wantCharset {
				t.Errorf("charset = %q, want %q", p.Charset, tc.wantCharset)
			}
			if !bytes.Contains(p.Body, []byte(tc.wantText)) {
				t.Errorf("body = %q, want it to contain %q", p.Body, tc.wantText)
			}
			if !bytes.Equal(p.Raw, tc.body) {
				t.Errorf("raw = %q, want the bytes as sent %q", p.Raw, tc.body)
			}
			if p.Header.Get("Content-Type") != tc.contentType {
				t.Errorf("header Content-Type = %q, want %q", p.Header.Get("Content-Type"), tc.contentType)
			}
		})
	}
}

func TestCrawler_FetchContentType(t *testing.T) {
	c := newTestCrawler(t, Options{})
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	cases := []struct {
		name         string
		contentType  string // "-" sends no Content-Type at all
		body         []byte
		allowNonHTML bool
		wantType     string // empty: want ErrNotHTML
	}{
		{"pdf", "application/pdf", []byte("%PDF-1.7\n..."), false, ""},
		{"png", "image/png", png, false, ""},
		{"json", "application/json", []byte(`{"a":1}`), false, ""},
		{"rss", "application/rss+xml", []byte(`<?xml version="1.0"?><rss></rss>`), false, ""},
		{"png without a type", "-", png, false, ""},
		{"png as octet-stream", "application/octet-stream", png, false, ""},
		{"json as text/plain", "text/plain", []byte(` {"a":1}`), false, ""},
		{"html as octet-stream", "application/octet-stream", []byte(htmlPage), false, "text/html"},
		{"xhtml", "application/xhtml+xml", []byte(htmlPage), false, "application/xhtml+xml"},
		{"json allowed", "application/json", []byte(`{"a":1}`), true, "application/json"},
		{"feed+json allowed", "application/feed+json", []byte(`{"a":1}`), true, "application/feed+json"},
		{"rss allowed", "application/rss+xml; charset=utf-8", []byte(`<?xml version="1.0"?><rss></rss>`), true, "application/rss+xml"},
		{"xml sniffed", "text/plain", []byte(`<?xml version="1.0"?><urlset></urlset>`), true, "text/xml"},
		{"json sniffed", "-", []byte(`[1,2]`), true, "application/json"},
		{"html still allowed", "text/html", []byte(htmlPage), true, "text/html"},
		{"pdf never allowed", "application/pdf", []byte("%PDF-1.7\n..."), true, ""},
		{"png sniffed never allowed", "-", png, true, ""},
	}
	mux := http.NewServeMux()
	for i, tc := range cases {
		mux.HandleFunc(fmt.Sprintf("/%d", i), func(w http.ResponseWriter, r *http.Request) {
			if tc.contentType == "-" {
				w.Header()["Content-Type"] = nil
			} else {
				w.Header().Set("Content-Type", tc.contentType)
			}
			w.Write(tc.body)
		})
	}
	srv := newServer(t, mux)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := Request{URL: fmt.Sprintf("%s/%d", srv.URL, i), AllowNonHTML: tc.allowNonHTML}
			if tc.wantType == "" {
				err := fetchErr(t, c, req)
				if !errors.Is(err, redline.ErrNotHTML) {
					t.Fatalf("error = %v, want ErrNotHTML", err)
				}
				return
			}
			p := mustFetch(t, c, req)
			if p.ContentType != tc.wantType || !bytes.Equal(p.Body, tc.body) {
				t.Errorf("type %q body %q, want %q %q", p.ContentType, p.Body, tc.wantType, tc.body)
			}
		})
	}
}

func TestCrawler_FetchSize(t *testing.T) {
	const limit = 4096
	c := newTestCrawler(t, Options{MaxBodySize: limit})
	body := func(n int) []byte {
		b := bytes.Repeat([]byte("x"), n)
		copy(b, "<html><body>")
		return b
	}
	cases := []struct {
		name    string
		size    int
		chunked bool // no Content-Length: the cap must be found while reading
		tooBig  bool
	}{
		{"at the cap", limit, false, false},
		{"at the cap, chunked", limit, true, false},
		{"one byte over", limit + 1, false, true},
		{"one byte over, chunked", limit + 1, true, true},
		{"far over", 50 * limit, false, true},
		{"far over, chunked", 50 * limit, true, true},
	}
	mux := http.NewServeMux()
	for i, tc := range cases {
		mux.HandleFunc(fmt.Sprintf("/%d", i), func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			b := body(tc.size)
			if !tc.chunked {
				w.Header().Set("Content-Length", fmt.Sprint(len(b)))
				w.Write(b)
				return
			}
			for len(b) > 0 {
				n := min(len(b), 1000)
				w.Write(b[:n])
				w.(http.Flusher).Flush()
				b = b[n:]
			}
		})
	}
	srv := newServer(t, mux)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := Request{URL: fmt.Sprintf("%s/%d", srv.URL, i)}
			if !tc.tooBig {
				if p := mustFetch(t, c, req); len(p.Body) != tc.size {
					t.Errorf("body is %d bytes, want %d", len(p.Body), tc.size)
				}
				return
			}
			err := fetchErr(t, c, req)
			if !errors.Is(err, redline.ErrTooLarge) {
				t.Errorf("error = %v, want ErrTooLarge", err)
			}
			// A declared length over the cap is refused before the body
			// is downloaded, and the error says how large it was.
			if early := fmt.Sprintf("body of %d bytes", tc.size); !tc.chunked && !strings.Contains(err.Error(), early) {
				t.Errorf("error %q does not report the declared %d bytes", err, tc.size)
			}
		})
	}
}

func TestToUTF8(t *testing.T) {
	cases := []struct {
		name, contentType string
		raw               []byte
		want, wantCharset string
	}{
		{"plain ASCII", "", []byte("abc"), "abc", "utf-8"},
		{"windows-1252 header", "text/html; charset=windows-1252", cp1252Text, utf8Text, "windows-1252"},
		{"UTF-16LE with BOM", "", []byte("\xff\xfeh\x00i\x00"), "hi", "utf-16le"},
		{"UTF-8 BOM dropped", "", []byte("\xef\xbb\xbfhi"), "hi", "utf-8"},
		{"quoted charset", `text/html; charset="windows-1252"`, cp1252Text, utf8Text, "windows-1252"},
		{"unknown label falls back to sniffing", "text/html; charset=x-klingon", []byte(utf8Text), utf8Text, "utf-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, name, err := toUTF8(tc.raw, tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || name != tc.wantCharset {
				t.Errorf("toUTF8 = %q %q, want %q %q", got, name, tc.want, tc.wantCharset)
			}
		})
	}
}

func TestDecodeStored(t *testing.T) {
	// The header that named windows-1252 is gone; the recorded charset
	// must still read the page the way the fetch did.
	got, err := DecodeStored(cp1252Text, "windows-1252")
	if err != nil || string(got) != utf8Text {
		t.Errorf("DecodeStored(windows-1252) = %q, %v; want %q", got, err, utf8Text)
	}
	got, err = DecodeStored([]byte(utf8Text), "")
	if err != nil || string(got) != utf8Text {
		t.Errorf("DecodeStored(no charset) = %q, %v; want %q", got, err, utf8Text)
	}
}

// Bodies are read through a pool of buffers (see third_party/colly): each
// page fetched keeps its own bytes, whatever is fetched after it (a large
// page, one over the size of buffers kept, an empty answer refused).
func TestCrawler_Fetch_bodiesOwnTheirBytes(t *testing.T) {
	c := newTestCrawler(t, Options{})
	pages := map[string][]byte{
		"/a":     []byte("<!doctype html><p>" + strings.Repeat("a", 70_000) + "</p>"),
		"/b":     []byte("<!doctype html><p>" + strings.Repeat("b", 300) + "</p>"),
		"/empty": {},
		"/c":     []byte("<!doctype html><p>" + strings.Repeat("c", 4<<20+300<<10) + "</p>"),
	}
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(pages[r.URL.Path])
	}))
	got := map[string][]byte{}
	for range 2 {
		for _, p := range []string{"/a", "/b", "/empty", "/c"} {
			page, err := c.Fetch(t.Context(), Request{URL: srv.URL + p})
			if p == "/empty" {
				if !errors.Is(err, ErrEmptyBody) {
					t.Fatalf("fetch %s: %v, want %v", p, err, ErrEmptyBody)
				}
				continue
			}
			if err != nil {
				t.Fatalf("fetch %s: %v", p, err)
			}
			if prev, ok := got[p]; ok && !bytes.Equal(prev, page.Raw) {
				t.Fatalf("%s fetched twice reads differently", p)
			}
			got[p] = page.Raw
		}
	}
	for p, want := range pages {
		if p == "/empty" {
			continue
		}
		if !bytes.Equal(got[p], want) {
			t.Errorf("%s: kept %d bytes that differ from the %d served, after the other pages were fetched", p, len(got[p]), len(want))
		}
	}
}
