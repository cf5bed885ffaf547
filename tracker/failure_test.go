package tracker

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
)

// netErr wraps a syscall error the way net/http hands a failed dial to
// the crawler.
func netErr(op string, errno syscall.Errno) error {
	return fmt.Errorf("crawler: fetch http://127.0.0.1:9/x: %w", &url.Error{Op: "Get", URL: "http://127.0.0.1:9/x",
		Err: &net.OpError{Op: op, Net: "tcp", Err: os.NewSyscallError("connect", errno)}})
}

type timeoutErr struct{}

func (timeoutErr) Error() string { return "i/o timeout" }
func (timeoutErr) Timeout() bool { return true }

func TestClassifyFetch(t *testing.T) {
	t.Parallel()
	status := func(code int) error { return &crawler.StatusError{URL: "http://127.0.0.1:9/x", StatusCode: code} }
	for _, tc := range []struct {
		name   string
		err    error
		want   fetchFailure
		reason string
	}{
		{"refused", netErr("dial", syscall.ECONNREFUSED), hostTrouble, "connection refused"},
		{"reset", netErr("read", syscall.ECONNRESET), hostTrouble, "connection reset"},
		{"unreachable", netErr("dial", syscall.EHOSTUNREACH), hostTrouble, "host unreachable"},
		{"timeout", &url.Error{Op: "Get", URL: "http://127.0.0.1:9/x", Err: timeoutErr{}}, hostTrouble, "timed out"},
		{"dns", &url.Error{Op: "Get", Err: &net.DNSError{Err: "no such host", Name: "x"}}, hostTrouble, "DNS lookup failed"},
		{"503", status(503), hostTrouble, "HTTP 503 Service Unavailable"},
		{"429", status(429), hostTrouble, "HTTP 429 Too Many Requests"},
		{"500", status(500), serverTrouble, "HTTP 500 Internal Server Error"},
		{"502", status(502), serverTrouble, "HTTP 502 Bad Gateway"},
		{"404", status(404), storyTrouble, ""},
		{"403", status(403), storyTrouble, ""},
		{"not html", fmt.Errorf("crawler: fetch: %w", redline.ErrNotHTML), storyTrouble, ""},
		{"robots", fmt.Errorf("crawler: fetch: %w", redline.ErrRobotsDisallowed), storyTrouble, ""},
		// A dial refused by a policy (no errno, no timeout) is not the
		// host's fault.
		{"dial refused by policy", &net.OpError{Op: "dial", Err: errors.New("private address refused")}, storyTrouble, ""},
		// syscall.Errno satisfies net.Error; a disk error must never read as
		// the network's, should one ever reach the classifier.
		{"disk full", &os.PathError{Op: "write", Path: "redline.db", Err: syscall.ENOSPC}, storyTrouble, ""},
		{"cancelled", context.Canceled, storyTrouble, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := classifyFetch(tc.err)
			if got != tc.want || reason != tc.reason {
				t.Errorf("classifyFetch(%v) = %d, %q; want %d, %q", tc.err, got, reason, tc.want, tc.reason)
			}
		})
	}
}

func TestLocalError_names(t *testing.T) {
	t.Parallel()
	for errno, want := range map[syscall.Errno]string{
		syscall.ENOSPC: "disk full",
		syscall.EROFS:  "read-only file system",
		syscall.EACCES: "permission denied",
	} {
		err := &LocalError{Story: 3, URL: "http://127.0.0.1:9/x", Err: &os.PathError{Op: "write", Path: "redline.db", Err: errno}}
		if msg := err.Error(); !errors.Is(err, errno) || !strings.Contains(msg, want) || !strings.Contains(msg, "story 3") {
			t.Errorf("local error for %v: %q; want it to name %q and story 3", errno, msg, want)
		}
	}
}
