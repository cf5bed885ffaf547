package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guardedConfig writes a config that leaves allow_private_targets at its
// default (off), with extra appended.
func guardedConfig(t *testing.T, extra string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "redline.yaml")
	body := "db: " + filepath.Join(dir, "redline.db") + "\nlog:\n  level: warn\n" + extra
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRun_trackForbiddenTarget(t *testing.T) {
	cfg := guardedConfig(t, "")
	for _, u := range []string{"http://127.1/news/a", "http://metadata.google.internal/computeMetadata/v1/", "http://[::ffff:10.0.0.1]/x"} {
		r := runRedline(t, "--config", cfg, "track", u)
		if r.code != exitUsage || !strings.Contains(r.stderr, u) || !strings.Contains(r.stderr, "allow_private_targets") {
			t.Errorf("track %s: exit %d, stderr %q; want exit %d naming the URL and the setting", u, r.code, r.stderr, exitUsage)
		}
	}
	if list := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout); len(list) != 0 {
		t.Errorf("stories after refusals: %v, want none", list)
	}

	t.Setenv("REDLINE_ALLOW_PRIVATE", "1")
	if r := mustRun(t, "--config", cfg, "track", "http://127.1/news/a"); !strings.Contains(r.stdout, "tracking story 1") {
		t.Errorf("track with REDLINE_ALLOW_PRIVATE=1: %q", r.stdout)
	}
}

func TestRun_configStoryForbiddenTarget(t *testing.T) {
	const u = "http://169.254.169.254/latest/meta-data/"
	cfg := guardedConfig(t, "stories:\n  - url: "+u+"\n")
	r := runRedline(t, "--config", cfg, "crawl")
	if r.code != exitUsage || !strings.Contains(r.stderr, u) || !strings.Contains(r.stderr, "cloud metadata") {
		t.Errorf("crawl with a metadata story in the config: exit %d, stderr %q; want exit %d naming it", r.code, r.stderr, exitUsage)
	}
}
