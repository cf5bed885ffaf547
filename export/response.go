package export

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/redline-news/redline"
)

// origPrefix marks a header field the body as stored no longer matches,
// as the Wayback tools do when they rewrite one.
const origPrefix = "X-Archive-Orig-"

// httpBlock returns the HTTP response block of v: status line, header,
// blank line and the stored page. synthesized reports that v had no
// stored header and one was made from its status and charset.
func httpBlock(v redline.Version, raw []byte) (block []byte, synthesized bool) {
	h := responseHeader(v, len(raw))
	synthesized = v.Header == nil
	status := v.HTTPStatus
	if status == 0 {
		// Versions are only stored from 2xx answers; an old record
		// without a status was a plain 200.
		status = http.StatusOK
	}
	var b bytes.Buffer
	b.Grow(512 + len(raw))
	// HTTP/2 has no textual form; web archives record every response with
	// an HTTP/1.1 status line.
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	// http.Header keeps no order; sorting makes the export reproducible.
	slices.Sort(keys)
	for _, k := range keys {
		for _, val := range h[k] {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(headerValue(val))
			b.WriteString("\r\n")
		}
	}
	b.WriteString("\r\n")
	b.Write(raw)
	return b.Bytes(), synthesized
}

// responseHeader is v's header made true of the stored body.
func responseHeader(v redline.Version, bodyLen int) http.Header {
	length := strconv.Itoa(bodyLen)
	if v.Header == nil {
		ct := "text/html"
		if v.Charset != "" {
			ct += "; charset=" + v.Charset
		}
		return http.Header{"Content-Type": {ct}, "Content-Length": {length}}
	}
	h := v.Header.Clone()
	for _, k := range []string{"Content-Encoding", "Transfer-Encoding"} {
		if vals, ok := h[k]; ok {
			h[origPrefix+k] = vals
			delete(h, k)
		}
	}
	if vals, ok := h["Content-Length"]; ok && (len(vals) != 1 || vals[0] != length) {
		h[origPrefix+"Content-Length"] = vals
		h["Content-Length"] = []string{length}
	}
	return h
}

// headerValue keeps a stored value from breaking the header block: a
// line break inside it would start a new field.
func headerValue(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}
