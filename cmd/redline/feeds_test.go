package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/mmcdole/gofeed/atom"

	"github.com/redline-news/redline/internal/newsroom"
)

// TestServe_feedsAndChanges crawls the simulated newsroom through edit
// rounds under a real daemon, then reads the changes three ways, which
// must agree: the change feed, GET /api/v1/changes, and the diff route,
// whose body is exactly what `redline diff --format json` prints.
func TestServe_feedsAndChanges(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 7})
	cfg, db := testConfig(t, "schedule:\n  tick: 1h\n")
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	rec := waitForOwner(t, db, out)
	var urls []string
	for _, slug := range site.Slugs() {
		urls = append(urls, site.StoryURL(base, slug))
	}
	if msg, code := runProcess(t, append([]string{"--config", cfg, "track"}, urls...)...); code != 0 {
		t.Fatalf("track: exit %d\n%s", code, msg)
	}
	for round := range 3 {
		if round > 0 {
			site.Advance()
		}
		if msg, code := runProcess(t, "--config", cfg, "crawl", "--all"); code != 0 {
			t.Fatalf("crawl round %d: exit %d\n%s", round, code, msg)
		}
	}

	api := "http://" + rec.Addr
	get := func(path string, header map[string]string) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, api+path, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(body)
	}

	status, h, body := get("/feeds/changes.atom", nil)
	if status != http.StatusOK {
		t.Fatalf("GET /feeds/changes.atom = %d: %.300s", status, body)
	}
	feed, err := (&atom.Parser{}).Parse(strings.NewReader(body))
	if err != nil || len(feed.Entries) == 0 {
		t.Fatalf("change feed after three rounds: %v, %d entries", err, len(feed.Entries))
	}
	if status, _, _ := get("/feeds/changes.atom", map[string]string{"If-None-Match": h.Get("ETag")}); status != http.StatusNotModified {
		t.Errorf("poll with the ETag = %d, want 304", status)
	}

	status, _, body = get("/api/v1/changes?hours=1", nil)
	var changes struct {
		Changes []struct {
			Story    struct{ ID int }
			From, To int
			DiffPath string `json:"diff_path"`
		}
	}
	if err := json.Unmarshal([]byte(body), &changes); status != http.StatusOK || err != nil {
		t.Fatalf("GET /api/v1/changes = %d %v: %.300s", status, err, body)
	}
	if len(changes.Changes) != len(feed.Entries) {
		t.Fatalf("%d changes in the API, %d entries in the feed", len(changes.Changes), len(feed.Entries))
	}
	for i, c := range changes.Changes {
		if href := feed.Entries[i].Links[0].Href; href != api+c.DiffPath {
			t.Errorf("change %d: feed links %s, API says %s", i, href, c.DiffPath)
		}
	}

	c := changes.Changes[0]
	status, _, body = get("/api/v1"+c.DiffPath, nil)
	cli, code := runProcess(t, "--config", cfg, "diff", itoa(c.Story.ID), itoa(c.From), itoa(c.To), "--format", "json")
	if status != http.StatusOK || code != 0 || body != cli {
		t.Errorf("GET /api/v1%s = %d:\n%.500s\nredline diff --format json (exit %d):\n%.500s", c.DiffPath, status, body, code, cli)
	}

	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Errorf("daemon exit: %v\n%s", err, out.String())
	}
	checkDB(t, db)
}

func itoa(n int) string { return strconv.Itoa(n) }
