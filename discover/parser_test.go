package discover

import (
	"bytes"
	"compress/gzip"
	"errors"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestParseFeed_errors(t *testing.T) {
	const feedURL = "https://example.com/broken/feed.xml"
	tests := []struct {
		name    string
		body    []byte
		wantErr error
	}{
		{"empty body", nil, ErrNotFeed},
		{"whitespace body", []byte(" \n\t"), ErrNotFeed},
		{"plain text", []byte("Service temporarily unavailable"), ErrNotFeed},
		{"html page", []byte("<!DOCTYPE html><html><head><title>World</title></head><body><a href=/a>a</a></body></html>"), ErrNotFeed},
		{"unknown xml root", []byte(`<?xml version="1.0"?><error><code>500</code></error>`), ErrNotFeed},
		{"truncated rss", []byte(`<rss version="2.0"><channel><item><title>Cut off`), ErrMalformed},
		{"broken rss attribute", []byte(`<rss version="2.0"><channel><item><title a="1 b="2">x</title></item></channel></rss>`), ErrMalformed},
		{"stray angle bracket", []byte(`<rss version="2.0"><channel><item><<title>x</title></item></channel></rss>`), ErrMalformed},
		{"truncated atom", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry>`), ErrMalformed},
		{"broken json", []byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"url":`), ErrMalformed},
		{"json of the wrong shape", []byte(`{"version":"https://jsonfeed.org/version/1.1","items":"none"}`), ErrMalformed},
		{"truncated sitemap", []byte(`<urlset><url><loc>https://example.com/a</loc></url><url><loc>https://exa`), ErrMalformed},
		{"mismatched sitemap tags", []byte(`<urlset><url><loc>https://example.com/a</lastmod></url></urlset>`), ErrMalformed},
		{"corrupt gzip", []byte{0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02}, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _, err := ParseFeed(tt.body, feedURL)
			if err == nil {
				t.Fatalf("ParseFeed = %d items, want error", len(items))
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v does not wrap %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), feedURL) {
				t.Errorf("error %q does not name the feed URL", err)
			}
		})
	}
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParser_ParseFeed_gzip(t *testing.T) {
	plain := readTestdata(t, "news-sitemap.xml")
	compressed := gzipBytes(t, plain)
	bomb := gzipBytes(t, append([]byte("<urlset>"), bytes.Repeat([]byte(" "), 1<<20)...))

	t.Run("decompressed like the plain body", func(t *testing.T) {
		want, _, err := ParseFeed(plain, "https://www.example-daily.com/sitemaps/news.xml")
		if err != nil {
			t.Fatal(err)
		}
		got, kind, err := ParseFeed(compressed, "https://www.example-daily.com/sitemaps/news.xml.gz")
		if err != nil {
			t.Fatalf("ParseFeed: %v", err)
		}
		if kind != KindSitemap || !reflect.DeepEqual(summarize(got), summarize(want)) {
			t.Errorf("gzip body gave %q %+v, want %q %+v", kind, summarize(got), KindSitemap, summarize(want))
		}
	})
	t.Run("cap enforced", func(t *testing.T) {
		p := Parser{MaxDecompressed: 64 << 10}
		_, _, err := p.ParseFeed(bomb, "https://example.com/bomb.xml.gz")
		if !errors.Is(err, redline.ErrTooLarge) {
			t.Fatalf("error = %v, want redline.ErrTooLarge", err)
		}
		if !strings.Contains(err.Error(), "https://example.com/bomb.xml.gz") {
			t.Errorf("error %q does not name the URL", err)
		}
	})
	t.Run("exactly at cap accepted", func(t *testing.T) {
		body := []byte(`<urlset><url><loc>https://example.com/a</loc></url></urlset>`)
		p := Parser{MaxDecompressed: int64(len(body))}
		items, _, err := p.ParseFeed(gzipBytes(t, body), "https://example.com/s.xml.gz")
		if err != nil || len(items) != 1 {
			t.Fatalf("ParseFeed = %d items, %v; want 1 item", len(items), err)
		}
	})
}

func TestParser_ParseFeed_options(t *testing.T) {
	body := []byte(`<rss version="2.0"><channel>
		<item><title>Markets rally on rate hopes</title><link>https://example.com/markets/rally</link></item>
		<item><title>Storm: roads closed</title><link>https://example.com/weather/storm</link></item>
		<item><title>Podcast</title><guid isPermaLink="false">pod-7</guid></item>
		<item><title>Old link</title><link>ftp://example.com/file</link></item>
	</channel></rss>`)
	var logs bytes.Buffer
	p := Parser{
		Matcher: Matcher{Keywords: []string{"storm:"}},
		Logger:  slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	items, _, err := p.ParseFeed(body, "https://example.com/rss")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, it := range items {
		got[it.URL] = it.Developing
	}
	want := map[string]bool{"https://example.com/markets/rally": false, "https://example.com/weather/storm": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("developing flags = %v, want %v", got, want)
	}
	for _, s := range []string{"Podcast", "ftp://example.com/file"} {
		if !strings.Contains(logs.String(), s) {
			t.Errorf("log does not mention skipped entry %q:\n%s", s, logs.String())
		}
	}
}

func TestParseFeed_relativeWithoutBase(t *testing.T) {
	body := []byte(`<rss version="2.0"><channel>
		<item><title>Relative</title><link>/news/a</link></item>
		<item><title>Absolute</title><link>https://example.com/news/b</link></item>
	</channel></rss>`)
	items, _, err := ParseFeed(body, "saved/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].URL != "https://example.com/news/b" {
		t.Errorf("items = %+v, want only the absolute link", summarize(items))
	}
}
