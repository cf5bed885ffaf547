package crawler

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/redline-news/redline"
)

func TestCrawler_FetchGzip(t *testing.T) {
	const limit = 64 << 10
	c := newTestCrawler(t, Options{MaxBodySize: limit})
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	sitemap := []byte(`<?xml version="1.0" encoding="UTF-8"?><urlset><url><loc>https://example.com/a</loc></url></urlset>`)
	// Compresses to a few hundred bytes, far under the cap, but unpacks
	// to 16 times the cap.
	bomb := append([]byte(`<?xml version="1.0"?><urlset>`), bytes.Repeat([]byte(" "), 16*limit)...)
	cases := []struct {
		name, path, contentType, encoding string
		body                              []byte
		want                              []byte // nil: want ErrTooLarge
	}{
		{"Content-Encoding gzip", "/page", "text/html", "gzip", gz([]byte(htmlPage)), []byte(htmlPage)},
		{"gzip sitemap by type", "/sitemap", "application/x-gzip", "", gz(sitemap), sitemap},
		{"gzip sitemap by name", "/sitemap.xml.gz", "application/octet-stream", "", gz(sitemap), sitemap},
		{"already unpacked", "/sitemap.xml.gz", "application/gzip", "", sitemap, sitemap},
		{"gzip bomb", "/bomb.xml.gz", "application/gzip", "", gz(bomb), nil},
		{"encoded bomb", "/bomb", "text/html", "gzip", gz(bomb), nil},
	}
	mux := http.NewServeMux()
	for i, tc := range cases {
		mux.HandleFunc(fmt.Sprintf("/%d%s", i, tc.path), func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tc.contentType)
			if tc.encoding != "" {
				w.Header().Set("Content-Encoding", tc.encoding)
			}
			w.Write(tc.body)
		})
	}
	srv := newServer(t, mux)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := Request{URL: fmt.Sprintf("%s/%d%s", srv.URL, i, tc.path), AllowNonHTML: true}
			if tc.want == nil {
				if err := fetchErr(t, c, req); !errors.Is(err, redline.ErrTooLarge) {
					t.Errorf("error = %v, want ErrTooLarge", err)
				}
				return
			}
			p := mustFetch(t, c, req)
			if !bytes.Equal(p.Body, tc.want) {
				t.Errorf("body = %q, want %q", p.Body, tc.want)
			}
		})
	}
}

// The gzip body must be unpacked below colly's size limit, so the limit
// counts unpacked bytes.
func TestUnwrapGzip(t *testing.T) {
	plain := append([]byte("<?xml version=\"1.0\"?>"), bytes.Repeat([]byte("x"), 1<<20)...)
	var packed bytes.Buffer
	zw := gzip.NewWriter(&packed)
	zw.Write(plain)
	zw.Close()
	cases := []struct {
		name, contentType, path, encoding string
		body                              []byte
		want                              []byte
	}{
		{"gzip type", "application/gzip", "/s", "", packed.Bytes(), plain[:100]},
		{"xml.gz name", "application/octet-stream", "/S.XML.GZ", "", packed.Bytes(), plain[:100]},
		{"not gzip after all", "application/gzip", "/s", "", plain, plain[:100]},
		{"other type untouched", "text/html", "/s", "", packed.Bytes(), packed.Bytes()[:100]},
		{"content encoding is net/http's job", "application/gzip", "/s", "br", packed.Bytes(), packed.Bytes()[:100]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://example.com"+tc.path, nil)
			resp := &http.Response{Header: http.Header{}, Request: req, Body: io.NopCloser(bytes.NewReader(tc.body))}
			resp.Header.Set("Content-Type", tc.contentType)
			if tc.encoding != "" {
				resp.Header.Set("Content-Encoding", tc.encoding)
			}
			unwrapGzip(resp)
			got, err := io.ReadAll(io.LimitReader(resp.Body, 100))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Errorf("first 100 bytes = %q, want %q", got, tc.want)
			}
		})
	}
}
