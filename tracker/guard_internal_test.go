package tracker

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"testing"
	"time"

	"github.com/redline-news/redline/crawler"
)

// A refusal at connect time reaches the tracker inside the *url.Error and
// *net.OpError that net/http wraps dial errors in, both net.Errors; it
// must not pause the host as a refused connection does.
func TestClassifyFetch_ForbiddenTarget(t *testing.T) {
	refused := &url.Error{Op: "Get", URL: "http://news.redline.test/a", Err: &net.OpError{
		Op: "dial", Net: "tcp",
		Err: &crawler.TargetError{Host: "127.0.0.1:80", Addr: netip.MustParseAddr("127.0.0.1"), Reason: "loopback"},
	}}
	if kind, _ := classifyFetch(refused); kind != storyTrouble {
		t.Errorf("classifyFetch(%v) = %v, want storyTrouble", refused, kind)
	}
	// The same shape with a real refused connection is host trouble.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, dialErr := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if dialErr == nil {
		t.Fatal("dial to a closed port succeeded")
	}
	down := &url.Error{Op: "Get", URL: "http://" + addr + "/a", Err: dialErr}
	if kind, _ := classifyFetch(down); kind != hostTrouble || errors.Is(down, context.Canceled) {
		t.Errorf("classifyFetch(%v) = %v, want hostTrouble", down, kind)
	}
}
