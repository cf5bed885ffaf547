package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// oldStory writes a database by hand with one story whose three versions
// were fetched 100 days, 50 days and an hour ago, and which is not due, so
// a crawl fetches nothing.
func oldStory(t *testing.T, db string) [][]byte {
	t.Helper()
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st := redline.Story{URL: "http://127.0.0.1:9/news/old-story", Status: redline.StatusActive,
		NextCheck: time.Now().Add(24 * time.Hour)}
	if err := s.AddStory(&st); err != nil {
		t.Fatal(err)
	}
	var pages [][]byte
	for i, age := range []time.Duration{100 * 24 * time.Hour, 50 * 24 * time.Hour, time.Hour} {
		text := strings.Repeat("The council met again. ", 10+i)
		raw := []byte("<html><body><h1>Council</h1><p>" + text + "</p></body></html>")
		v := redline.Version{StoryID: st.ID, URL: st.URL, HTTPStatus: 200, FetchedAt: time.Now().Add(-age),
			Article: redline.Article{Headline: "Council", Paragraphs: []string{text}}}
		if _, err := s.SaveVersion(&v, raw); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, raw)
	}
	return pages
}

// TestKeepPages_crawlDropsOldPages: a cron crawl applies keep_pages; the
// text of every version stays, `show --raw` of a dropped page says so and
// exits 1, here and through a daemon, and the newer pages still decode.
func TestKeepPages_crawlDropsOldPages(t *testing.T) {
	cfg, db := testConfig(t, "keep_pages: 30d\nschedule:\n  tick: 1h\n")
	pages := oldStory(t, db)
	mustRun(t, "--config", cfg, "crawl")
	if r := mustRun(t, "--config", cfg, "log", "1"); strings.Count(r.stdout, "Council") < 3 {
		t.Errorf("log after dropping pages lost versions:\n%s", r.stdout)
	}
	for n := 1; n <= 3; n++ {
		if r := runRedline(t, "--config", cfg, "show", "1", string(rune('0'+n))); r.err != nil || !strings.Contains(r.stdout, "council met") {
			t.Errorf("show 1 %d (text): %v\n%s", n, r.err, r.stdout)
		}
	}
	assertRaw := func(t *testing.T, run func(args ...string) (string, string, int)) {
		t.Helper()
		for n, wantDropped := range []bool{true, true, false} {
			stdout, stderr, code := run("--config", cfg, "show", "1", string(rune('1'+n)), "--raw")
			switch {
			case wantDropped && (code != exitFailed || !strings.Contains(stderr, "dropped by keep_pages")):
				t.Errorf("show --raw of dropped page %d: exit %d\n%s", n+1, code, stderr)
			case !wantDropped && (code != 0 || !bytes.Equal([]byte(stdout), pages[n])):
				t.Errorf("show --raw of kept page %d: exit %d, %d bytes, want the %d stored\n%s", n+1, code, len(stdout), len(pages[n]), stderr)
			}
		}
	}
	assertRaw(t, func(args ...string) (string, string, int) {
		r := runRedline(t, args...)
		return r.stdout, r.stderr, r.code
	})
	checkDB(t, db)

	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)
	assertRaw(t, func(args ...string) (string, string, int) {
		msg, code := runProcess(t, args...)
		return msg, msg, code
	})
	daemon.Process.Signal(syscall.SIGTERM)
	daemon.Wait()
}

// TestKeepPages_compact applies keep_pages offline and gives the space
// back in one go.
func TestKeepPages_compact(t *testing.T) {
	cfg, db := testConfig(t, "keep_pages: 60d\n")
	oldStory(t, db)
	r := mustRun(t, "--config", cfg, "compact")
	if !strings.Contains(r.stdout, "keep_pages: dropped 1 page of 1 story") {
		t.Errorf("compact output: %q", r.stdout)
	}
	if show := runRedline(t, "--db", db, "show", "1", "1", "--raw"); show.code != exitFailed {
		t.Errorf("show --raw of a page dropped by compact: exit %d", show.code)
	}
	if show := runRedline(t, "--db", filepath.Clean(db), "show", "1", "2", "--raw"); show.code != 0 {
		t.Errorf("show --raw of the page compact kept: exit %d: %s", show.code, show.stderr)
	}
	if bad := runRedline(t, "--config", cfg, "--db", db, "config", "check"); bad.code != 0 {
		t.Errorf("config check with keep_pages: %s", bad.stderr)
	}
}
