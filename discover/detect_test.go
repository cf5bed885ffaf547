package discover

import (
	"bytes"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		contentType string
		want        Kind
	}{
		{"rss", `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel/></rss>`, "application/rss+xml", KindRSS},
		{"rss sent as html", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, "text/html; charset=utf-8", KindRSS},
		{"rss after bom, comment and stylesheet", "\xef\xbb\xbf\n<?xml version=\"1.0\"?>\n<!-- generated -->\n<?xml-stylesheet href=\"/rss.xsl\"?>\n<rss/>", "", KindRSS},
		{"rss 1.0 rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`, "", KindRSS},
		{"rss with latin-1 declaration", `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"/>`, "", KindRSS},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"/>`, "text/xml", KindAtom},
		{"json feed", ` {"version": "https://jsonfeed.org/version/1.1", "items": []}`, "application/json", KindJSON},
		{"news sitemap", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"/>`, "application/xml", KindSitemap},
		{"sitemap index", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>`, "", KindSitemapIndex},
		{"html5", "<!DOCTYPE html>\n<html lang=en><head><title>x</title></head><body></body></html>", "", KindHTML},
		{"html without doctype", `<html><body><p>Hi &nbsp; there<br></body></html>`, "", KindHTML},
		{"xhtml", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"/>`, "", KindHTML},
		{"html fragment falls back to content type", `<div><a href="/a">a</a></div>`, "text/html", KindHTML},
		{"unknown root", `<error>nope</error>`, "", KindUnknown},
		{"unknown root, feed content type", `<channel/>`, "application/rss+xml; charset=utf-8", KindRSS},
		{"empty with atom content type", ``, "application/atom+xml", KindAtom},
		{"plain text", `Service unavailable`, "text/plain", KindUnknown},
		{"empty", ``, "", KindUnknown},
		{"bad content type", `hello`, "%%%", KindUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.body), tt.contentType); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDetect_gzip(t *testing.T) {
	body := gzipBytes(t, []byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>`))
	if got := Detect(body, "application/x-gzip"); got != KindSitemap {
		t.Errorf("Detect(gzip sitemap) = %q, want %q", got, KindSitemap)
	}
	if got := Detect(body[:10], ""); got != KindUnknown {
		t.Errorf("Detect(truncated gzip) = %q, want %q", got, KindUnknown)
	}
}

func TestDetect_rootBeyondSniffLimit(t *testing.T) {
	body := append([]byte("<!--"), bytes.Repeat([]byte("x"), sniffLimit)...)
	body = append(body, []byte("--><rss/>")...)
	if got := Detect(body, "application/rss+xml"); got != KindRSS {
		t.Errorf("Detect = %q, want the content type to decide (%q)", got, KindRSS)
	}
}
