package crawler

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// kind is what a body is, as far as the crawler cares.
type kind int

const (
	kindGeneric kind = iota // missing or uninformative type: sniff it
	kindHTML
	kindXML
	kindJSON
	kindOther
)

// mediaType returns the lowercased media type without parameters.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Servers send junk like "text/html;;charset=utf-8"; keep the part
		// before the first parameter rather than refusing the page.
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// classify maps a media type to a kind. Types that say nothing about the
// content (octet-stream, text/plain, compressed wrappers colly has already
// unpacked) are generic and get sniffed.
func classify(mt string) kind {
	switch mt {
	case "", "application/octet-stream", "binary/octet-stream", "application/unknown",
		"text/plain", "application/x-gzip", "application/gzip", "application/x-download":
		return kindGeneric
	case "text/html", "application/xhtml+xml":
		return kindHTML
	case "text/xml", "application/xml":
		return kindXML
	case "application/json", "text/json":
		return kindJSON
	}
	switch {
	case strings.HasSuffix(mt, "+xml"):
		return kindXML
	case strings.HasSuffix(mt, "+json"):
		return kindJSON
	}
	return kindOther
}

// sniff guesses the type of a body served with a generic type. It returns
// the media type it settled on and its kind.
func sniff(body []byte) (string, kind) {
	mt := mediaType(http.DetectContentType(body))
	switch k := classify(mt); k {
	case kindGeneric:
		// DetectContentType knows no JSON: look at the first character.
		trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
		if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
			return "application/json", kindJSON
		}
		return mt, kindOther
	default:
		return mt, k
	}
}

// accepted reports whether a body of kind k may be returned.
func accepted(k kind, allowNonHTML bool) bool {
	return k == kindHTML || (allowNonHTML && (k == kindXML || k == kindJSON))
}

// lenientContentType returns contentType in a form mime.ParseMediaType
// accepts, keeping a charset that a malformed header still names
// ("text/html;; charset=windows-1252"), because browsers honour it too.
func lenientContentType(contentType string) string {
	if _, _, err := mime.ParseMediaType(contentType); err == nil {
		return contentType
	}
	lower := strings.ToLower(contentType)
	i := strings.Index(lower, "charset=")
	if i < 0 {
		return ""
	}
	cs := strings.Trim(contentType[i+len("charset="):], "\"' ")
	cs, _, _ = strings.Cut(cs, ";")
	cs = strings.Trim(cs, "\"' ")
	if cs == "" {
		return ""
	}
	return "text/html; charset=" + cs
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 decodes raw into UTF-8 and names the source charset. The choice
// follows the HTML standard (BOM, then the Content-Type charset, then a
// <meta> in the first 1024 bytes) with one deviation: when nothing declares
// a charset x/net guesses windows-1252 unless it sees non-ASCII UTF-8 in
// the first 1024 bytes, which mangles UTF-8 pages whose first kilobyte is
// ASCII. An undeclared or meta-declared page that is valid UTF-8 as a whole
// is read as UTF-8 instead; a page that is not stays windows-1252.
func toUTF8(raw []byte, contentType string) (body []byte, name string, err error) {
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if !certain && name == "windows-1252" && utf8.Valid(raw) {
		name = "utf-8"
	}
	if name == "utf-8" {
		body = bytes.TrimPrefix(raw, utf8BOM)
		if !utf8.Valid(body) {
			// Downstream diffing panics on invalid UTF-8; mark the bad
			// bytes the way a browser would.
			body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
		return body, name, nil
	}
	body, err = enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, name, err
	}
	// UTF-16 decoders keep the BOM as U+FEFF.
	return bytes.TrimPrefix(body, utf8BOM), name, nil
}

// DecodeStored decodes a page kept as evidence (Page.Raw) into UTF-8 the
// way it was decoded when fetched: charsetName is the Page.Charset recorded
// then. Without one, the page is read as if served with no charset.
func DecodeStored(raw []byte, charsetName string) ([]byte, error) {
	contentType := "text/html"
	if charsetName != "" {
		contentType += "; charset=" + charsetName
	}
	body, name, err := toUTF8(raw, contentType)
	if err != nil {
		return nil, fmt.Errorf("crawler: decode stored page as %s: %w", name, err)
	}
	return body, nil
}
