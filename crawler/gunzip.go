package crawler

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
)

// gzipMagic starts every gzip stream (RFC 1952).
const gzipMagic = "\x1f\x8b"

// unwrapGzip takes over colly's handling of gzip files (application/gzip
// types and *.xml.gz sitemaps sent without Content-Encoding). colly
// unpacks those after its size limit, so a small compressed body could
// expand without bound; here the body is unpacked before colly's limit
// applies, and only if it really is gzip. net/http itself already undoes
// Content-Encoding: gzip, before any limit too.
func unwrapGzip(resp *http.Response) {
	if resp.Uncompressed || resp.Header.Get("Content-Encoding") != "" {
		return
	}
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	path := ""
	if resp.Request != nil {
		path = strings.ToLower(resp.Request.URL.Path)
	}
	if !strings.Contains(ct, "gzip") && !strings.HasSuffix(path, ".xml.gz") {
		return
	}
	resp.Body = &gunzipBody{src: resp.Body}
	// Tells colly the body is already plain.
	resp.Uncompressed = true
}

// gunzipBody decompresses its source if it starts with the gzip magic and
// passes it through unchanged otherwise (a proxy may have unpacked it).
type gunzipBody struct {
	src io.ReadCloser
	r   io.Reader
	err error
}

func (b *gunzipBody) Read(p []byte) (int, error) {
	if b.r == nil && b.err == nil {
		br := bufio.NewReader(b.src)
		if head, _ := br.Peek(len(gzipMagic)); string(head) == gzipMagic {
			b.r, b.err = gzip.NewReader(br)
		} else {
			b.r = br
		}
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.r.Read(p)
}

func (b *gunzipBody) Close() error { return b.src.Close() }
