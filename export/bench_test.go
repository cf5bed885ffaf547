package export_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/export"
)

// BenchmarkWARC_Write writes one 120 KB news page as a response and a
// metadata record, the unit of an export, with and without gzip.
func BenchmarkWARC_Write(b *testing.B) {
	raw := []byte("<!doctype html><html><body>" + strings.Repeat("<p>Flood waters rose overnight on Quay Street as crews went door to door.</p>\n", 1600) + "</body></html>")
	v := redline.Version{StoryID: 1, N: 1, FetchedAt: time.Date(2026, 3, 14, 14, 5, 0, 0, time.UTC), URL: "http://127.0.0.1/news/x",
		HTTPStatus: 200, Hash: "h", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"abc"`}}}
	for _, gz := range []bool{false, true} {
		name := "plain"
		if gz {
			name = "gzip"
		}
		b.Run(name, func(b *testing.B) {
			w, err := export.NewWARC(io.Discard, export.WARCOptions{Gzip: gz})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if err := w.Write(1, v, raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
