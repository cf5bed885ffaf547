package export_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/export"
	"github.com/redline-news/redline/internal/testutil"
)

var fetched = time.Date(2026, 3, 14, 14, 5, 7, 250_000_000, time.UTC)

// versions are three stored pages: one with its header as fetched (gzip
// undone, so its Content-Encoding and Content-Length no longer describe
// the stored body), one from before headers were stored, one without a
// page at all.
func versions() []redline.Version {
	return []redline.Version{
		{
			StoryID: 7, N: 1, FetchedAt: fetched, URL: "http://127.0.0.1:8080/news/flood?id=3",
			HTTPStatus: 200, Hash: "h1", Charset: "utf-8",
			Header: http.Header{
				"Content-Type":     {"text/html; charset=utf-8"},
				"Content-Encoding": {"gzip"},
				"Content-Length":   {"812"},
				"Set-Cookie":       {"a=1; Path=/", "b=2; Path=/"},
				"X-Newsroom-Proof": {"served-for-evidence-42"},
				"X-Folded":         {"line one\r\n line two"},
			},
		},
		{
			StoryID: 7, N: 2, FetchedAt: fetched.Add(time.Hour), URL: "http://127.0.0.1:8080/news/flood",
			HTTPStatus: 203, Hash: "h2", Charset: "windows-1252",
		},
		{StoryID: 7, N: 3, FetchedAt: fetched.Add(2 * time.Hour), URL: "http://127.0.0.1:8080/news/flood", HTTPStatus: 200, Hash: "h3"},
	}
}

var pages = [][]byte{
	[]byte("<!doctype html><p>Flood waters rose \xe2\x80\x94 overnight.</p>\r\n\r\n"),
	[]byte("<html><p>Caf\xe9 closed; r\xe9sidents \x93evacuated\x94.</p></html>"),
	nil,
}

func TestWARC_Write(t *testing.T) {
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%t", gz), func(t *testing.T) {
			var buf bytes.Buffer
			w, err := export.NewWARC(&buf, export.WARCOptions{Gzip: gz, Software: "redline/test", Filename: "ev.warc", Now: func() time.Time { return fetched }})
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range versions() {
				if err := w.Write(v.StoryID, v, pages[i]); err != nil {
					t.Fatal(err)
				}
			}
			if w.Responses() != 2 || w.Skipped() != 1 {
				t.Errorf("responses %d, skipped %d; want 2 and 1 (version 3 has no page)", w.Responses(), w.Skipped())
			}
			if !gz && bytes.HasPrefix(buf.Bytes(), []byte{0x1f, 0x8b}) || gz && !bytes.HasPrefix(buf.Bytes(), []byte{0x1f, 0x8b}) {
				t.Fatalf("gzip=%t but the file starts %q", gz, buf.Bytes()[:2])
			}
			recs := testutil.ReadWARC(t, buf.Bytes(), gz)
			if len(recs) != 5 {
				t.Fatalf("read %d records, want warcinfo + 2 × (response, metadata)", len(recs))
			}
			for _, r := range recs {
				if err := testutil.VerifyDigest(r.Get("WARC-Block-Digest"), r.Block); err != nil {
					t.Errorf("%s record: block: %v", r.Get("WARC-Type"), err)
				}
			}
			info := recs[0]
			if info.Get("WARC-Type") != "warcinfo" || info.Get("Content-Type") != "application/warc-fields" ||
				!hasField(info.Block, "software: redline/test") || info.Get("WARC-Filename") != "ev.warc" {
				t.Errorf("warcinfo = %v\n%s", info.Fields, info.Block)
			}
			for i, v := range versions()[:2] {
				resp, meta := recs[1+2*i], recs[2+2*i]
				checkResponse(t, resp, v, pages[i], info.Get("WARC-Record-ID"))
				if meta.Get("WARC-Type") != "metadata" || meta.Get("WARC-Concurrent-To") != resp.Get("WARC-Record-ID") ||
					meta.Get("WARC-Target-URI") != v.URL {
					t.Errorf("version %d metadata = %v, want one concurrent to %s", v.N, meta.Fields, resp.Get("WARC-Record-ID"))
				}
				want := "redline-http-header: as-fetched"
				if v.Header == nil {
					want = "redline-http-header: synthesized"
				}
				for _, line := range []string{want, "redline-story: 7", fmt.Sprintf("redline-version: %d", v.N), "redline-article-hash: " + v.Hash} {
					if !hasField(meta.Block, line) {
						t.Errorf("version %d metadata lacks %q:\n%s", v.N, line, meta.Block)
					}
				}
			}
		})
	}
}

func checkResponse(t *testing.T, r testutil.WARCRecord, v redline.Version, raw []byte, infoID string) {
	t.Helper()
	if r.Get("WARC-Type") != "response" || r.Get("Content-Type") != "application/http;msgtype=response" {
		t.Errorf("version %d: record %v, want an HTTP response record", v.N, r.Fields)
	}
	if r.Get("WARC-Target-URI") != v.URL {
		t.Errorf("version %d: WARC-Target-URI %q, want %q", v.N, r.Get("WARC-Target-URI"), v.URL)
	}
	if d, err := time.Parse(time.RFC3339Nano, r.Get("WARC-Date")); err != nil || !d.Equal(v.FetchedAt) {
		t.Errorf("version %d: WARC-Date %q, want %s", v.N, r.Get("WARC-Date"), v.FetchedAt.Format(time.RFC3339Nano))
	}
	if r.Get("WARC-Warcinfo-ID") != infoID {
		t.Errorf("version %d: WARC-Warcinfo-ID %q, want %q", v.N, r.Get("WARC-Warcinfo-ID"), infoID)
	}
	resp, payload, err := r.HTTPResponse()
	if err != nil {
		t.Fatalf("version %d: HTTP block: %v\n%q", v.N, err, r.Block)
	}
	if !bytes.Equal(payload, raw) {
		t.Errorf("version %d: payload %q, want the stored page %q", v.N, payload, raw)
	}
	if err := testutil.VerifyDigest(r.Get("WARC-Payload-Digest"), payload); err != nil {
		t.Errorf("version %d: payload: %v", v.N, err)
	}
	if resp.StatusCode != v.HTTPStatus || resp.Proto != "HTTP/1.1" {
		t.Errorf("version %d: status %s %d, want HTTP/1.1 %d", v.N, resp.Proto, resp.StatusCode, v.HTTPStatus)
	}
	if resp.ContentLength != int64(len(raw)) {
		t.Errorf("version %d: Content-Length %d, want the stored body's %d", v.N, resp.ContentLength, len(raw))
	}
	h := resp.Header
	if v.Header == nil {
		if h.Get("Content-Type") != "text/html; charset="+v.Charset || len(h) != 2 {
			t.Errorf("version %d (stored without header): synthesized header %v, want Content-Type and Content-Length only", v.N, h)
		}
		return
	}
	for _, k := range []string{"Content-Type", "Set-Cookie", "X-Newsroom-Proof"} {
		if got, want := h.Values(k), v.Header.Values(k); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("version %d: %s = %q, want %q as fetched", v.N, k, got, want)
		}
	}
	if h.Get("Content-Encoding") != "" || h.Get("X-Archive-Orig-Content-Encoding") != "gzip" || h.Get("X-Archive-Orig-Content-Length") != "812" {
		t.Errorf("version %d: header %v: the encoding and length of the wire body belong under X-Archive-Orig-", v.N, h)
	}
	if h.Get("X-Folded") != "line one   line two" {
		t.Errorf("version %d: X-Folded = %q, want the line break flattened", v.N, h.Get("X-Folded"))
	}
}

// hasField reports whether an application/warc-fields block holds the
// "name: value" line, names compared without case as the format says.
func hasField(block []byte, line string) bool {
	name, value, _ := strings.Cut(line, ": ")
	for _, l := range strings.Split(string(block), "\r\n") {
		n, v, ok := strings.Cut(l, ":")
		if ok && strings.EqualFold(n, name) && strings.TrimSpace(v) == value {
			return true
		}
	}
	return false
}
