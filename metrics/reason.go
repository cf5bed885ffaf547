package metrics

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"syscall"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/store"
)

// Failure reasons: the values of redline_check_failures_total's reason
// label.
const (
	ReasonHTTP4xx         = "http_4xx"
	ReasonHTTP5xx         = "http_5xx"
	ReasonTimeout         = "timeout"
	ReasonNetwork         = "network"
	ReasonRobots          = "robots"
	ReasonNotHTML         = "not_html"
	ReasonTooLarge        = "too_large"
	ReasonExtract         = "extract"
	ReasonForbiddenTarget = "forbidden_target"
	ReasonStore           = "store"
	ReasonOther           = "other"
)

// Reasons lists every failure reason, so each series exists from the
// first scrape on and a rate over it never starts from a missing series.
func Reasons() []string {
	return []string{
		ReasonHTTP4xx, ReasonHTTP5xx, ReasonTimeout, ReasonNetwork, ReasonRobots, ReasonNotHTML,
		ReasonTooLarge, ReasonExtract, ReasonForbiddenTarget, ReasonStore, ReasonOther,
	}
}

// sentinelReasons are checked first and in order: a refused target or a
// robots refusal may wrap a network error, and must count as what it is.
var sentinelReasons = []struct {
	err    error
	reason string
}{
	{redline.ErrForbiddenTarget, ReasonForbiddenTarget},
	{redline.ErrRobotsDisallowed, ReasonRobots},
	{redline.ErrTooLarge, ReasonTooLarge},
	{redline.ErrNotHTML, ReasonNotHTML},
	{redline.ErrEmptyArticle, ReasonExtract},
	{store.ErrCorrupt, ReasonStore},
	{store.ErrNotRedline, ReasonStore},
	{store.ErrSchemaTooNew, ReasonStore},
	{store.ErrNeedsMigration, ReasonStore},
}

// Reason classifies the cause of a failed check into one of Reasons.
func Reason(err error) string {
	if err == nil {
		return ReasonOther
	}
	for _, s := range sentinelReasons {
		if errors.Is(err, s.err) {
			return s.reason
		}
	}
	var se *crawler.StatusError
	if errors.As(err, &se) {
		switch {
		case se.StatusCode >= 400 && se.StatusCode < 500:
			return ReasonHTTP4xx
		case se.StatusCode >= 500 && se.StatusCode < 600:
			return ReasonHTTP5xx
		}
		return ReasonOther
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return ReasonTimeout
	}
	if isNetwork(err) {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return ReasonTimeout
		}
		return ReasonNetwork
	}
	// Only now, past every network error: a syscall.Errno also satisfies
	// net.Error, and a full disk must not read as the publisher's trouble.
	var pe *fs.PathError
	var errno syscall.Errno
	if errors.As(err, &pe) || errors.As(err, &errno) {
		return ReasonStore
	}
	return ReasonOther
}

// isNetwork reports an error from the connection itself: dialing, DNS, a
// reset or a body cut short.
func isNetwork(err error) bool {
	var (
		op  *net.OpError
		dns *net.DNSError
		ue  *url.Error
	)
	return errors.As(err, &op) || errors.As(err, &dns) || errors.As(err, &ue) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED)
}
