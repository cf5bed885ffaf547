package main

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
)

// waitMails waits until the server holds n mails, and fails on more.
func waitMails(t *testing.T, srv *testutil.SMTPServer, n int, out interface{ String() string }) []testutil.ReceivedMail {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got := srv.Messages(); len(got) >= n {
			if len(got) > n {
				t.Fatalf("server got %d mails, want %d", len(got), n)
			}
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server got %d mails after 20s, want %d; daemon output:\n%s", len(srv.Messages()), n, out.String())
	return nil
}

// The daemon mails an immediate subscriber after a crawl that found an
// edit, and a cron report beside it goes through it: each edit is mailed
// once, however many runs there are.
func TestServe_deliversReportsAndCronReportGoesThroughIt(t *testing.T) {
	srv := testutil.StartSMTP(t)
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, db := reportConfig(t, srv, "schedule:\n  tick: 1s\n")
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, site.Slugs()[0]))
	mustRun(t, "--config", cfg, "crawl", "--all")
	mustRun(t, "--config", cfg, "report") // the subscriber starts here

	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)

	site.Advance()
	if msg, code := runProcess(t, "--config", cfg, "crawl", "--all"); code != 0 || !strings.Contains(msg, "CHANGED") {
		t.Fatalf("crawl through the daemon: exit %d\n%s", code, msg)
	}
	first := waitMails(t, srv, 1, out)
	if first[0].To[0] != "desk@example.org" {
		t.Fatalf("mail to %v", first[0].To)
	}

	// A second edit, and a cron report racing the daemon's own run.
	site.Advance()
	if msg, code := runProcess(t, "--config", cfg, "crawl", "--all"); code != 0 || !strings.Contains(msg, "CHANGED") {
		t.Fatalf("second crawl through the daemon: exit %d\n%s", code, msg)
	}
	msg, code := runProcess(t, "--config", cfg, "report")
	if code != 0 || !strings.Contains(msg, "asking it to run the reports") {
		t.Fatalf("report beside the daemon: exit %d\n%s", code, msg)
	}
	got := waitMails(t, srv, 2, out)
	time.Sleep(2500 * time.Millisecond) // two more delivery ticks: nothing more may come
	if n := len(srv.Messages()); n != 2 {
		t.Fatalf("server got %d mails for two edits, want 2", n)
	}
	if got[0].MessageID() == got[1].MessageID() {
		t.Errorf("both mails carry Message-ID %s", got[0].MessageID())
	}
	st, code := runProcess(t, "--config", cfg, "report", "--status", "--json")
	if code != 0 || !strings.Contains(st, `"sent": 2`) {
		t.Errorf("status through the daemon: exit %d\n%s", code, st)
	}

	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Errorf("daemon exit: %v\n%s", err, out.String())
	}
	checkDB(t, db)
}

// A crawl that goes through the daemon mails its edits at once, not at the
// daemon's next reports.every (an hour here).
func TestServe_crawlThroughTheDaemonDeliversAtOnce(t *testing.T) {
	srv := testutil.StartSMTP(t)
	site, base := newSite(t, newsroom.Options{Seed: 1})
	cfg, db := testConfig(t, fmt.Sprintf(`base_url: https://redline.example.org
smtp: {host: 127.0.0.1, port: %d, tls: none, from: "Redline <redline@example.org>"}
reports: {every: 1h}
schedule: {tick: 1h}
subscribers:
  - email: desk@example.org
    cadence: immediate 0s
    follow: {all: true}
`, srv.Port))
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, site.Slugs()[0]))
	mustRun(t, "--config", cfg, "crawl", "--all")
	mustRun(t, "--config", cfg, "report") // the subscriber starts here

	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)
	time.Sleep(10 * time.Millisecond) // the edit is seen after the cursor started
	site.Advance()
	if msg, code := runProcess(t, "--config", cfg, "crawl", "--all"); code != 0 || !strings.Contains(msg, "CHANGED") {
		t.Fatalf("crawl through the daemon: exit %d\n%s", code, msg)
	}
	waitMails(t, srv, 1, out)
	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Errorf("daemon exit: %v\n%s", err, out.String())
	}
	checkDB(t, db)
}
