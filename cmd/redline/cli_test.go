package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/newsroom"
)

func TestRun_trackCrawlInspect(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, _ := testConfig(t, "")
	slug := site.Slugs()[0]
	url := site.StoryURL(base, slug)

	tracked := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "track", url+"?utm_source=rss", "--tag", "Weather,metro", "--json").stdout)
	if len(tracked) != 1 || tracked[0]["url"] != url {
		t.Fatalf("track --json = %v, want one story at %s (tracking parameter stripped)", tracked, url)
	}
	again := runRedline(t, "--config", cfg, "track", url)
	if again.err != nil || !strings.Contains(again.stderr, "already tracked as story 1") {
		t.Fatalf("tracking twice: err=%v stderr=%q", again.err, again.stderr)
	}

	crawl := decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "crawl", "--json").stdout)
	hasKeys(t, crawl, "fetched", "unchanged", "changed", "failed", "stories")
	stories := crawl["stories"].([]any)
	if len(stories) != 1 {
		t.Fatalf("crawl stories = %v", stories)
	}
	first := stories[0].(map[string]any)
	hasKeys(t, first, "id", "url", "result", "version", "error")
	if first["result"] != "new" || first["version"] != 1.0 {
		t.Fatalf("first crawl = %v, want result new, version 1", first)
	}

	// Noise only: the page differs byte for byte, the story does not.
	mustRun(t, "--config", cfg, "crawl", "--all")
	// Advance to the first real edit and crawl again.
	site.Advance()
	crawl = decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "crawl", "--all", "--json").stdout)
	if got := crawl["stories"].([]any)[0].(map[string]any)["result"]; got != "changed" {
		t.Fatalf("crawl after an edit: result %v, want changed (%v)", got, crawl)
	}

	list := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout)
	if len(list) != 1 {
		t.Fatalf("list = %v", list)
	}
	hasKeys(t, list[0], "id", "url", "headline", "status", "versions", "last_checked", "last_changed", "tags")
	if list[0]["versions"] != 2.0 {
		t.Errorf("versions = %v, want 2", list[0]["versions"])
	}
	if tags := list[0]["tags"].([]any); len(tags) != 2 || tags[0] != "weather" {
		t.Errorf("tags = %v, want [weather metro]", tags)
	}

	log := decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "log", "1", "--json").stdout)
	hasKeys(t, log, "story", "versions")
	versions := log["versions"].([]any)
	if len(versions) != 2 {
		t.Fatalf("log versions = %v", versions)
	}
	hasKeys(t, versions[1].(map[string]any), "n", "fetched_at", "hash", "headline", "words", "added", "removed")

	show := decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "show", url, "1", "--json").stdout)
	hasKeys(t, show, "n", "fetched_at", "url", "headline", "byline", "published", "modified", "paragraphs")
	if want := extract.Normalize(site.Stories()[0].Rounds[0].Headline); show["headline"] != want {
		t.Errorf("show headline = %v, want %q", show["headline"], want)
	}

	d := decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "diff", "1", "--format", "json").stdout)
	hasKeys(t, d, "fields", "added", "removed", "paragraphs")
	plain := mustRun(t, "--config", cfg, "diff", "1", "--format", "plain").stdout
	if !strings.Contains(plain, "{+") && !strings.Contains(plain, "[-") {
		t.Errorf("plain diff has no change marks:\n%s", plain)
	}

	mustRun(t, "--config", cfg, "untrack", "1")
	list = decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout)
	if list[0]["status"] != "paused" || list[0]["versions"] != 2.0 {
		t.Errorf("after untrack: %v, want paused with versions kept", list[0])
	}
}

// TestRun_newIgnoreRuleIsNoEdit: an editor adds an ignore rule for a line
// already stored; the next crawl reports a re-read, not an edit, and the
// log says so.
func TestRun_newIgnoreRuleIsNoEdit(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, db := testConfig(t, "")
	url := site.StoryURL(base, site.Slugs()[0])
	mustRun(t, "--config", cfg, "track", url)
	mustRun(t, "--config", cfg, "crawl")

	para := extract.Normalize(site.Stories()[0].Rounds[0].Paragraphs[2])
	pattern := "^" + regexp.QuoteMeta(strings.Join(strings.Fields(para)[:6], " "))
	rule := "extract:\n  ignore:\n    - '" + strings.ReplaceAll(pattern, "'", "''") + "'\n"
	body := "db: " + db + "\nallow_private_targets: true\ncrawler:\n  host_delay: 0s\n  timeout: 60s\nlog:\n  level: warn\n" + rule
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--config", cfg, "crawl", "--all").stdout
	if !strings.Contains(out, "re-read → version 2") || !strings.Contains(out, "0 changed") {
		t.Errorf("crawl after a new ignore rule:\n%s\nwant a re-read to version 2 and 0 changed", out)
	}
	log := decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "log", "1", "--json").stdout)
	versions := log["versions"].([]any)
	if len(versions) != 2 || versions[1].(map[string]any)["reread"] != true {
		t.Fatalf("log versions = %v, want 2, the second a reread", versions)
	}
	if table := mustRun(t, "--config", cfg, "log", "1").stdout; !strings.Contains(table, "no edit") {
		t.Errorf("log table does not mark the re-read:\n%s", table)
	}
	if d := mustRun(t, "--config", cfg, "diff", "1", "--format", "plain").stdout; !strings.Contains(d, "v1 → v2") || !strings.Contains(d, "no edit") {
		t.Errorf("diff header does not mark the re-read:\n%s", d)
	}
}

func TestRun_exitCodes(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 2})
	cfg, _ := testConfig(t, "")
	badCfg := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(badCfg, []byte("db: x.db\ncrawler:\n  timeout: 10s\n  colour: red\n"), 0o644)
	badValue := filepath.Join(t.TempDir(), "badvalue.yaml")
	os.WriteFile(badValue, []byte("schedule:\n  ladder: [5m, 1m]\n"), 0o644)

	slug := site.Slugs()[0]
	// Nothing listens on port 1 of loopback: that story's check fails.
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, slug), "http://127.0.0.1:1/news/unreachable")

	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"unknown flag", []string{"list", "--bogus"}, exitUsage, "unknown flag"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "frobnicate"},
		{"missing argument", []string{"--config", cfg, "show"}, exitUsage, "wants 1 to 2 arguments"},
		{"unknown config key", []string{"--config", badCfg, "list"}, exitUsage, `bad.yaml:4: crawler.colour: unknown key "colour" in crawler`},
		{"bad config value", []string{"--config", badValue, "list"}, exitUsage, "badvalue.yaml:2: schedule.ladder[1]"},
		{"missing config file", []string{"--config", "/nonexistent/redline.yaml", "list"}, exitUsage, "/nonexistent/redline.yaml"},
		{"bad URL", []string{"--config", cfg, "track", "ftp://example.com/x"}, exitUsage, "ftp://example.com/x"},
		{"unknown story", []string{"--config", cfg, "log", "99"}, exitUsage, "story 99"},
		{"some stories failed", []string{"--config", cfg, "crawl"}, exitFailed, "127.0.0.1:1/news/unreachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runRedline(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d (err %v)", r.code, tt.code, r.err)
			}
			if !strings.Contains(r.stderr+r.stdout, tt.contains) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", tt.contains, r.stdout, r.stderr)
			}
		})
	}
}

func TestRun_demo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	r := mustRun(t, "demo", "--db", db)
	for _, want := range []string{"CHANGED", "first version", "{+", "no longer developing"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	// The demo's database is a normal one: the other commands read it.
	list := decodeJSON[[]map[string]any](t, mustRun(t, "--db", db, "list", "--json").stdout)
	if len(list) != len(newsroom.DemoStories()) {
		t.Fatalf("demo tracked %d stories, want %d", len(list), len(newsroom.DemoStories()))
	}
	storm := newsroom.DemoStories()[0]
	wantVersions := 1
	for _, er := range storm.EditRounds() {
		// A developing-only change counts too: the marker line is article
		// text, so removing it is an edit.
		if er.ChangesContent() {
			wantVersions++
		}
	}
	if got := int(list[0]["versions"].(float64)); got != wantVersions {
		t.Errorf("storm story has %d versions, want %d (one per real edit, none for noise)\n%s", got, wantVersions, mustRun(t, "--db", db, "log", strconv.Itoa(1)).stdout)
	}
}
