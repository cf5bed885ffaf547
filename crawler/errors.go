package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
)

// Errors returned by Fetch, besides the redline sentinels.
var (
	// ErrEmptyBody is returned for a 2xx answer without a body: there is no
	// page to extract, and storing it would read as a deletion.
	ErrEmptyBody = errors.New("empty response body")
	// ErrClosed is returned by Fetch after Close.
	ErrClosed = errors.New("crawler is closed")
)

// StatusError is a final answer with a status that is neither 2xx nor 304.
type StatusError struct {
	URL        string
	StatusCode int
	// RetryAfter is the server's Retry-After on a 429 or 503, converted to
	// a duration from now; zero when absent or unparseable.
	RetryAfter time.Duration
}

// Error names the URL and the status.
func (e *StatusError) Error() string {
	var b strings.Builder
	b.WriteString("crawler: fetch ")
	b.WriteString(e.URL)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" ")
		b.WriteString(text)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Is makes 404 and 410 match redline.ErrGone and every other status match
// redline.ErrHTTPStatus, so callers need not know the codes.
func (e *StatusError) Is(target error) bool {
	switch target {
	case redline.ErrGone:
		return e.gone()
	case redline.ErrHTTPStatus:
		return !e.gone()
	}
	return false
}

func (e *StatusError) gone() bool {
	return e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusGone
}

// parseRetryAfter reads a Retry-After value, either delay-seconds or an
// HTTP date (RFC 9110 §10.2.3). A date in the past means "now".
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		// Cap absurd values instead of overflowing the Duration.
		const maxSecs = int64(365 * 24 * time.Hour / time.Second)
		return time.Duration(min(secs, maxSecs)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
