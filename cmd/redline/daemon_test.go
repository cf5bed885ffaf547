package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/store"
)

// slowSite serves the newsroom with a delay per story page, so a crawl is
// still running while other commands try to use the database.
func slowSite(t *testing.T, delay time.Duration) (*newsroom.Site, string) {
	t.Helper()
	site := newsroom.NewSite(newsroom.Options{Seed: 7})
	h := site.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/news/") {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return site, srv.URL
}

func waitForOwner(t *testing.T, db string, out interface{ String() string }) dbowner.Record {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(dbowner.File(db)); err == nil {
			var rec dbowner.Record
			if json.Unmarshal(data, &rec) == nil && rec.Addr != "" {
				return rec
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no owner file beside %s after 15s; process output:\n%s", db, out.String())
	return dbowner.Record{}
}

// checkDB opens the database as a fresh process would and runs bbolt's
// consistency check.
func checkDB(t *testing.T, db string) {
	t.Helper()
	s, err := store.Open(db, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("reopen %s: %v", db, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("consistency check of %s: %v", db, err)
	}
}

func TestServe_sharesDatabaseWithCron(t *testing.T) {
	site, base := slowSite(t, 50*time.Millisecond)
	cfg, db := testConfig(t, "schedule:\n  tick: 1s\n")
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	rec := waitForOwner(t, db, out)
	if rec.Role != "daemon" || rec.PID != daemon.Process.Pid {
		t.Fatalf("owner record %+v, want the daemon's", rec)
	}

	// Every one-shot command works while the daemon holds the database.
	var urls []string
	for _, slug := range site.Slugs() {
		urls = append(urls, site.StoryURL(base, slug))
	}
	if msg, code := runProcess(t, append([]string{"--config", cfg, "track"}, urls...)...); code != 0 {
		t.Fatalf("track while serving: exit %d\n%s", code, msg)
	}
	msg, code := runProcess(t, "--config", cfg, "crawl", "--all", "--json")
	if code != 0 && !strings.Contains(msg, "already running") {
		t.Fatalf("crawl while serving: exit %d\n%s", code, msg)
	}
	// Two crawls at once: neither waits for the other to finish; each
	// either runs or says a crawl is already running.
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			msg, code := runProcess(t, "--config", cfg, "crawl", "--all")
			if code != 0 && !strings.Contains(msg, "already running") {
				t.Errorf("concurrent crawl: exit %d\n%s", code, msg)
			}
		})
	}
	wg.Wait()
	listOut, code := runProcess(t, "--config", cfg, "list", "--json")
	if code != 0 {
		t.Fatalf("list while serving: exit %d\n%s", code, listOut)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(listOut[strings.Index(listOut, "["):]), &list); err != nil {
		t.Fatalf("list --json: %v\n%s", err, listOut)
	}
	if len(list) != len(urls) {
		t.Fatalf("list shows %d stories, want %d", len(list), len(urls))
	}
	for _, args := range [][]string{{"log", "1"}, {"show", "1"}, {"diff", "1", "1", "1"}} {
		if msg, code := runProcess(t, append([]string{"--config", cfg}, args...)...); code != 0 {
			t.Errorf("%v while serving: exit %d\n%s", args, code, msg)
		}
	}

	// SIGTERM mid-crawl: the daemon stops within seconds and leaves a
	// database that opens and passes the consistency check.
	crawl, _ := startProcess(t, "--config", cfg, "crawl", "--all")
	time.Sleep(100 * time.Millisecond)
	daemon.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- daemon.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("daemon exit after SIGTERM: %v\n%s", err, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("daemon still running 15s after SIGTERM\n%s", out.String())
	}
	crawl.Wait()
	if _, err := os.Stat(dbowner.File(db)); err == nil {
		t.Errorf("owner file still present after the daemon stopped")
	}
	checkDB(t, db)
}

func TestCrawl_othersGoThroughItsAPI(t *testing.T) {
	// Story pages hang until released, so the first crawl is certainly
	// still running while the other commands try the database.
	site, siteURL, release := heldSite(t, 8, nil)
	cfg, db := testConfig(t, "")
	for _, slug := range site.Slugs() {
		mustRun(t, "--config", cfg, "track", site.StoryURL(siteURL, slug))
	}
	crawl, out := startProcess(t, "--config", cfg, "crawl", "--all")
	defer crawl.Process.Kill()
	rec := waitForOwner(t, db, out)
	if rec.Role != "crawl" {
		t.Fatalf("owner role %q, want crawl", rec.Role)
	}
	if msg, code := runProcess(t, "--config", cfg, "list"); code != 0 {
		t.Errorf("list during a crawl: exit %d\n%s", code, msg)
	}
	msg, code := runProcess(t, "--config", cfg, "crawl", "--all")
	if code != exitFailed || !strings.Contains(msg, "already running") {
		t.Errorf("second crawl: exit %d, want %d with 'already running'\n%s", code, exitFailed, msg)
	}
	// A daemon started mid-crawl waits for the crawl, then takes over.
	daemon, daemonOut := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	close(release)
	if err := crawl.Wait(); err != nil {
		t.Fatalf("first crawl: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "4 changed") {
		t.Errorf("first crawl output:\n%s", out.String())
	}
	deadline := time.Now().Add(30 * time.Second)
	for rec.Role != "daemon" && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		if data, err := os.ReadFile(dbowner.File(db)); err == nil {
			json.Unmarshal(data, &rec)
		}
	}
	if rec.Role != "daemon" {
		t.Fatalf("the daemon did not take over after the crawl:\n%s", daemonOut.String())
	}
	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Errorf("daemon exit: %v\n%s", err, daemonOut.String())
	}
	checkDB(t, db)
}
