package tracker

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"syscall"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
)

// fetchFailure is whose trouble a failed fetch is.
type fetchFailure int

const (
	// storyTrouble backs off the one story.
	storyTrouble fetchFailure = iota
	// hostTrouble pauses the host at once: the host itself said so (429,
	// 503) or cannot be reached at all.
	hostTrouble
	// serverTrouble (a 5xx other than 503) backs off the story and counts
	// towards the host's streak; only several stories make it the host's.
	serverTrouble
)

// classifyFetch says whose trouble an error from crawler.Fetch is, with a
// short reason for a host pause. Only fetch errors come here: an error from
// the store or the disk is redline's own and never reaches it. That is why
// no generic net.Error test is used: syscall.Errno satisfies net.Error, and
// a full disk once paused a publisher.
func classifyFetch(err error) (fetchFailure, string) {
	if errors.Is(err, redline.ErrForbiddenTarget) {
		// Refused by redline's own guard, often inside a dial error: the
		// story's URL (or its DNS) is at fault, and pausing the host would
		// hold back its other stories.
		return storyTrouble, ""
	}
	var se *crawler.StatusError
	if errors.As(err, &se) {
		reason := fmt.Sprintf("HTTP %d %s", se.StatusCode, http.StatusText(se.StatusCode))
		switch {
		case se.StatusCode == http.StatusTooManyRequests || se.StatusCode == http.StatusServiceUnavailable:
			return hostTrouble, reason
		case se.StatusCode >= 500:
			return serverTrouble, reason
		}
		return storyTrouble, ""
	}
	if reason := unreachable(err); reason != "" {
		return hostTrouble, reason
	}
	return storyTrouble, ""
}

// unreachable names what kept the fetch from reaching the host (refused,
// reset, unreachable, timed out, DNS, TLS), or returns "" when the error is
// not of that kind.
func unreachable(err error) string {
	var (
		dnsErr   *net.DNSError
		opErr    *net.OpError
		certErr  *tls.CertificateVerificationError
		recErr   tls.RecordHeaderError
		alertErr tls.AlertError
		authErr  x509.UnknownAuthorityError
		nameErr  x509.HostnameError
		invErr   x509.CertificateInvalidError
		timeout  interface{ Timeout() bool }
	)
	switch {
	case errors.As(err, &dnsErr):
		return "DNS lookup failed"
	case errors.As(err, &certErr), errors.As(err, &recErr), errors.As(err, &alertErr),
		errors.As(err, &authErr), errors.As(err, &nameErr), errors.As(err, &invErr):
		return "TLS failure"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return "connection reset"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	case errors.As(err, &opErr) && opErr.Timeout(),
		errors.As(err, &timeout) && timeout.Timeout():
		return "timed out"
	}
	return ""
}

// answeredFetch reports a failed fetch in which the host did answer (a 4xx,
// a page that is not HTML or too large), which ends its 5xx streak.
func answeredFetch(err error) bool {
	var se *crawler.StatusError
	if errors.As(err, &se) {
		return se.StatusCode < 500 && se.StatusCode != http.StatusTooManyRequests
	}
	return errors.Is(err, redline.ErrNotHTML) || errors.Is(err, redline.ErrTooLarge) || errors.Is(err, crawler.ErrEmptyBody)
}

// LocalError is a check that failed on redline's side (the store refusing
// a write, a full or read-only disk, the crawler closed): nothing about the
// story or its host. The pass stops, returns it, and counts nothing
// against the story or the host.
type LocalError struct {
	Story redline.StoryID
	URL   string
	Err   error
}

// Error leads with what an operator must fix ("disk full").
func (e *LocalError) Error() string {
	return fmt.Sprintf("crawl: %s while checking story %d %s; nothing was counted against the story or its host: %v",
		localProblem(e.Err), e.Story, e.URL, e.Err)
}

func (e *LocalError) Unwrap() error { return e.Err }

// localProblem names the local failure in the words an operator searches for.
func localProblem(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "disk full"
	case errors.Is(err, syscall.EDQUOT):
		return "disk quota exceeded"
	case errors.Is(err, syscall.EROFS):
		return "database on a read-only file system"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return "permission denied writing the database"
	case errors.Is(err, syscall.EIO):
		return "disk I/O error"
	}
	return "local failure"
}
