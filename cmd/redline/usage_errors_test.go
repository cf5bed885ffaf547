package main

import (
	"strings"
	"testing"

	"github.com/redline-news/redline/internal/newsroom"
)

// A version a story does not have is the caller's mistake, as version 0 or
// an unknown story is: exit 2, naming the story and what it has.
func TestRun_missingVersionIsUsage(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, _ := testConfig(t, "")
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, site.Slugs()[0]))
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, site.Slugs()[1]))
	mustRun(t, "--config", cfg, "crawl", "1")

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"show", []string{"show", "1", "999"}, "story 1: version not found: no version 999, it has 1 version"},
		{"show raw", []string{"show", "1", "2", "--raw"}, "no version 2, it has 1 version"},
		{"show json", []string{"show", "1", "5", "--json"}, "no version 5"},
		{"diff to", []string{"diff", "1", "1", "999"}, "no version 999, it has 1 version"},
		{"diff from", []string{"diff", "1", "999"}, "no version 999, it has 1 version"},
		{"show unfetched", []string{"show", "2"}, "story 2: version not found: it has no versions yet"},
		{"diff unfetched", []string{"diff", "2"}, "it has no versions yet"},
		{"show version 0", []string{"show", "1", "0"}, "must be a number from 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runRedline(t, append([]string{"--config", cfg}, tt.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("redline %s: exit %d, stderr %q; want exit 2 containing %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.want)
			}
		})
	}
	if r := mustRun(t, "--config", cfg, "show", "1", "1"); !strings.Contains(r.stdout, "version 1 of 1") {
		t.Errorf("show 1 1 after the refusals:\n%s", r.stdout)
	}
}

// An overlong URL is refused where URL identity is decided, before bbolt
// sees it as a key, and the message quotes only its start.
func TestRun_overlongURL(t *testing.T) {
	cfg, _ := testConfig(t, "")
	huge := "http://127.0.0.1:9/story?id=" + strings.Repeat("x", 40<<10)
	mustRun(t, "--config", cfg, "track", "http://127.0.0.1:9/short")
	for _, args := range [][]string{
		{"track", huge},
		{"show", huge},
		{"log", huge},
		{"diff", huge},
		{"untrack", huge},
		{"crawl", huge},
	} {
		t.Run(args[0], func(t *testing.T) {
			r := runRedline(t, append([]string{"--config", cfg}, args...)...)
			if r.code != exitUsage {
				t.Fatalf("redline %s HUGE: exit %d, want 2; stderr %.300s", args[0], r.code, r.stderr)
			}
			if len(r.stderr) > 400 || !strings.Contains(r.stderr, "bytes") {
				t.Errorf("stderr is %d bytes, want the URL cut and its length named: %.400s", len(r.stderr), r.stderr)
			}
		})
	}
}
