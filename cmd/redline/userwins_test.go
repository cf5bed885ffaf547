package main

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/redline-news/redline/internal/newsroom"
)

// TestCrawl_pausedHostsShown: a refusing host is paused by one crawl; the
// report lists its skipped sibling with reason and pause end, `list` names
// the host under the table, and the next crawl (a new process opening the
// database) still skips it.
func TestCrawl_pausedHostsShown(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, _ := testConfig(t, "")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	mustRun(t, "--config", cfg, "track", fmt.Sprintf("http://%s/news/one", dead), fmt.Sprintf("http://%s/news/two", dead),
		site.StoryURL(base, site.Slugs()[0]))

	r := runRedline(t, "--config", cfg, "crawl", "--json")
	if r.code != exitFailed {
		t.Fatalf("crawl with a refusing host: exit %d, want %d\n%s", r.code, exitFailed, r.stderr)
	}
	rep := decodeJSON[map[string]any](t, r.stdout)
	// Checks run in parallel, so the sibling may have been under way
	// before the host was paused: it is either failed or skipped.
	if stories := rep["stories"].([]any); len(stories) != 3 || rep["failed"].(float64)+rep["skipped"].(float64) != 2 {
		t.Fatalf("crawl --json: %v; want 3 stories, the 2 on the refusing host failed or skipped", rep)
	}

	out := mustRun(t, "--config", cfg, "list").stdout
	if want := "paused hosts: " + dead + " until "; !strings.Contains(out, want) || !strings.Contains(out, "(connection refused)") {
		t.Errorf("list does not show the paused host (%q):\n%s", want, out)
	}
	if list := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout); len(list) != 3 {
		t.Errorf("list --json: %v, want the array of 3 stories", list)
	}

	r = runRedline(t, "--config", cfg, "crawl", "--all", "--json")
	rep = decodeJSON[map[string]any](t, r.stdout)
	if rep["skipped"] != 2.0 || r.code != exitOK {
		t.Fatalf("next crawl during the pause: exit %d, %v; want both stories of the paused host skipped", r.code, rep)
	}
	skipped := rep["stories"].([]any)[1].(map[string]any)
	hasKeys(t, skipped, "id", "url", "result", "reason", "host_paused_until")
	if skipped["result"] != "skipped" || !strings.Contains(skipped["reason"].(string), "connection refused") {
		t.Errorf("skipped story: %v", skipped)
	}
	if !strings.Contains(mustRun(t, "--config", cfg, "crawl", "--all").stdout, "skipped 2 stories: host "+dead+" paused: connection refused (until ") {
		t.Errorf("crawl output does not say which host is paused until when")
	}
}

// TestUntrack_duringCrawl: `redline untrack` run while a crawl holds the
// database and the story's page is in flight wins over the crawl's result.
func TestUntrack_duringCrawl(t *testing.T) {
	site, siteURL, release := heldSite(t, 8, nil)
	cfg, db := testConfig(t, "")
	mustRun(t, "--config", cfg, "track", site.StoryURL(siteURL, site.Slugs()[0]))
	crawl, out := startProcess(t, "--config", cfg, "crawl")
	defer crawl.Process.Kill()
	waitForOwner(t, db, out)
	if msg, code := runProcess(t, "--config", cfg, "untrack", "1"); code != 0 {
		t.Fatalf("untrack during the crawl: exit %d\n%s", code, msg)
	}
	close(release)
	if err := crawl.Wait(); err != nil {
		t.Fatalf("crawl: %v\n%s", err, out.String())
	}
	list := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout)
	if list[0]["status"] != "paused" || list[0]["next_check"] != nil || list[0]["versions"] != 1.0 {
		t.Errorf("after untrack during the crawl: %v; want paused, no next check, the fetched version kept", list[0])
	}
	checkDB(t, db)
}
