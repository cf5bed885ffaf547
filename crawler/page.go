package crawler

import (
	"net/http"
	"time"
)

// Request is one fetch to make.
type Request struct {
	// URL must be an absolute http or https URL.
	URL string
	// ETag is sent as If-None-Match when set.
	ETag string
	// LastModified is sent as If-Modified-Since when set.
	LastModified string
	// AllowNonHTML accepts XML and JSON bodies (feeds, sitemaps) as well as
	// HTML. They are still size-capped and converted to UTF-8.
	AllowNonHTML bool
}

// Page is the raw result of one successful fetch.
type Page struct {
	// URL is the URL as requested.
	URL string
	// FinalURL is where the redirects, if any, ended.
	FinalURL string
	// StatusCode is the final HTTP status: 2xx, or 304.
	StatusCode int
	// NotModified reports a 304 answer to a conditional GET; Body and Raw
	// are then empty.
	NotModified bool
	// Header is the final response's header, unaltered.
	Header http.Header
	// ContentType is the media type without parameters ("text/html"); for a
	// body whose declared type was missing or generic it is the sniffed type.
	ContentType string
	// Charset is the WHATWG name of the source encoding ("utf-8",
	// "windows-1252", "shift_jis"). ISO-8859-1 pages report "windows-1252",
	// which is how browsers, and this package, decode them.
	Charset string
	// Body is the document in UTF-8. It still carries its own <meta
	// charset> declaration, which parsers of Body must ignore.
	Body []byte
	// Raw is the body as received (after undoing Content-Encoding and
	// unpacking a gzip file), kept as evidence. It shares memory with Body
	// when the source was already valid UTF-8.
	Raw []byte
	// ETag and LastModified are the validators to send next time. A 304
	// that omits them carries over the ones from the Request.
	ETag         string
	LastModified string
	// FetchedAt is when the request started, from Options.Now.
	FetchedAt time.Time
	// Elapsed is the wall time of the request, waiting for a slot excluded.
	Elapsed time.Duration
}
