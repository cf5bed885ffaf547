package discover

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/redline-news/redline"
)

// sniffLimit bounds how much of a body Detect reads; the root element of
// any real feed, sitemap or HTML page appears well within it.
const sniffLimit = 64 << 10

// DefaultMaxDecompressed caps a gzip-compressed sitemap after
// decompression. The sitemap protocol limits files to 50 MB uncompressed.
const DefaultMaxDecompressed = 50 << 20

// Detect names the format of body. The content itself decides, because
// servers routinely send feeds as text/html or text/xml; contentType
// (a Content-Type header value, may be empty) only breaks ties when the
// body is not recognizable. A gzip-compressed body (a sitemap.xml.gz) is
// detected by its content.
func Detect(body []byte, contentType string) Kind {
	if isGzip(body) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return KindUnknown
		}
		head, _ := io.ReadAll(io.LimitReader(zr, sniffLimit))
		body = head
	} else if len(body) > sniffLimit {
		body = body[:sniffLimit]
	}
	if k := sniff(body); k != KindUnknown {
		return k
	}
	return kindFromContentType(contentType)
}

func sniff(body []byte) Kind {
	trimmed := bytes.TrimLeft(body, "\xef\xbb\xbf \t\r\n")
	if len(trimmed) == 0 {
		return KindUnknown
	}
	switch trimmed[0] {
	case '{':
		// JSON Feed is the only JSON discovery format; whether the object
		// really is one is for the parser to say.
		return KindJSON
	case '<':
		return sniffMarkup(trimmed)
	}
	return KindUnknown
}

// sniffMarkup names the root element. The decoder is lenient so that an
// HTML page, which is rarely well-formed XML, still reaches its <html>.
func sniffMarkup(b []byte) Kind {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) {
		// Only the ASCII root name matters here, so any declared encoding
		// can be read as raw bytes.
		return r, nil
	}
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.ToLower(t), []byte("doctype html")) {
				return KindHTML
			}
		case xml.StartElement:
			return kindFromRoot(t.Name.Local)
		}
	}
	lower := bytes.ToLower(b[:min(len(b), 1024)])
	if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html")) {
		return KindHTML
	}
	return KindUnknown
}

func kindFromRoot(local string) Kind {
	switch strings.ToLower(local) {
	case "rss", "rdf":
		return KindRSS
	case "feed":
		return KindAtom
	case "urlset":
		return KindSitemap
	case "sitemapindex":
		return KindSitemapIndex
	case "html", "head", "body":
		return KindHTML
	}
	return KindUnknown
}

func kindFromContentType(contentType string) Kind {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return KindUnknown
	}
	switch mt {
	case "application/rss+xml", "application/rdf+xml":
		return KindRSS
	case "application/atom+xml":
		return KindAtom
	case "application/feed+json":
		return KindJSON
	case "text/html", "application/xhtml+xml":
		return KindHTML
	}
	return KindUnknown
}

func isGzip(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// gunzip decompresses body, failing with redline.ErrTooLarge past max bytes
// so that a small compressed bomb cannot exhaust memory.
func gunzip(body []byte, max int64, source string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("discover: decompress %s: %w: %w", source, ErrMalformed, err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, fmt.Errorf("discover: decompress %s: %w: %w", source, ErrMalformed, err)
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("discover: decompress %s: more than %d bytes: %w", source, max, redline.ErrTooLarge)
	}
	return out, nil
}
