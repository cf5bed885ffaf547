package web_test

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
)

// TestClient_Hosts: a host paused in the daemon's pass is listed through
// the API, and the skipped sibling comes back with its reason and the
// pause's end.
func TestClient_Hosts(t *testing.T) {
	c, _, _ := newAPI(t)
	ctx := context.Background()
	if hosts, err := c.Hosts(ctx); err != nil || len(hosts) != 0 {
		t.Fatalf("hosts before any pass: %+v, %v; want an empty list", hosts, err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close() // refused from now on
	for _, p := range []string{"one", "two"} {
		if _, err := c.Track(ctx, redline.TrackRequest{URL: fmt.Sprintf("http://%s/news/%s", dead, p)}); err != nil {
			t.Fatal(err)
		}
	}
	report, err := c.Crawl(ctx, redline.CrawlRequest{All: true})
	if err != nil || report.Failed != 1 || report.Skipped != 1 || len(report.Stories) != 2 {
		t.Fatalf("crawl: %+v, %v; want one failed, one skipped", report, err)
	}
	skipped := report.Stories[1]
	if skipped.Result != tracker.ResultSkipped || skipped.Reason == "" || skipped.HostPausedUntil.IsZero() {
		t.Errorf("skipped story over the API: %+v; want result, reason and pause end", skipped)
	}
	hosts, err := c.Hosts(ctx)
	if err != nil || len(hosts) != 1 || hosts[0].Host != dead || hosts[0].Reason != "connection refused" ||
		!hosts[0].Until.Equal(skipped.HostPausedUntil) {
		t.Fatalf("hosts: %+v, %v; want %s paused for connection refused until %v", hosts, err, dead, skipped.HostPausedUntil)
	}
	if report.Stories[0].Result != redline.ResultFailed {
		t.Errorf("refused story: %+v", report.Stories[0])
	}
}
