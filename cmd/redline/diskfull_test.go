//go:build linux

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/redline-news/redline/internal/newsroom"
)

// TestCrawl_diskFull: `redline crawl` on a database whose disk is full
// exits 1 saying "disk full", marks neither story nor host, and works
// again once space is freed.
func TestCrawl_diskFull(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", 2<<20)); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (needs root and CAP_SYS_ADMIN): %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, _ := testConfig(t, "")
	db := filepath.Join(dir, "redline.db")
	mustRun(t, "--config", cfg, "--db", db, "track", site.StoryURL(base, site.Slugs()[0]))

	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// Room for the owner file beside the database, not for the database.
	fi, _ := f.Stat()
	if err := f.Truncate(fi.Size() - 2*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()

	r := runRedline(t, "--config", cfg, "--db", db, "crawl", "--json")
	if r.code != exitFailed || !strings.Contains(r.stderr, "disk full") {
		t.Fatalf("crawl on a full disk: exit %d, stderr:\n%s\nwant exit %d naming the disk full", r.code, r.stderr, exitFailed)
	}
	t.Logf("crawl on a full disk said: %s", r.stderr)
	if list := mustRun(t, "--config", cfg, "--db", db, "list").stdout; strings.Contains(list, "failing") || strings.Contains(list, "paused hosts") {
		t.Errorf("a full disk was counted against the story or its host:\n%s", list)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	crawl := decodeJSON[map[string]any](t, mustRun(t, "--config", cfg, "--db", db, "crawl", "--json").stdout)
	if crawl["changed"] != 1.0 {
		t.Errorf("crawl after freeing space: %v, want the first version stored", crawl)
	}
	checkDB(t, db)
}
