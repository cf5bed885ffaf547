package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

func TestClient_backupCompactCheck(t *testing.T) {
	c, site, base := newAPI(t)
	ctx := context.Background()
	for _, slug := range site.Slugs() {
		if _, err := c.Track(ctx, redline.TrackRequest{URL: site.StoryURL(base, slug)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Crawl(ctx, redline.CrawlRequest{All: true}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var announced int64 = -1
	n, err := c.Backup(ctx, &buf, func(size int64) { announced = size })
	if err != nil || n != int64(buf.Len()) || n != announced || n == 0 {
		t.Fatalf("backup: %d bytes, %d announced, %d received, %v", n, announced, buf.Len(), err)
	}
	rep, err := c.Check(ctx)
	if err != nil || !rep.OK || rep.Stories != len(site.Slugs()) || rep.Versions != len(site.Slugs()) {
		t.Errorf("check = %+v, %v", rep, err)
	}
	comp, err := c.Compact(ctx)
	if err != nil || comp.Before == 0 || comp.After == 0 {
		t.Errorf("compact = %+v, %v", comp, err)
	}
	if rep, err := c.Check(ctx); err != nil || !rep.OK {
		t.Errorf("check after compaction = %+v, %v", rep, err)
	}
}

// A copy cut off short of its Content-Length is an error, never a backup.
func TestClient_Backup_cutOff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(1<<20))
		w.WriteHeader(http.StatusOK)
		w.Write(make([]byte, 4096))
		panic(http.ErrAbortHandler)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	_, err := web.NewClient(srv.URL).Backup(context.Background(), &buf, nil)
	if err == nil || !strings.Contains(err.Error(), "cut off") {
		t.Errorf("backup of a cut-off stream: %v, want an error saying it was cut off", err)
	}
}
