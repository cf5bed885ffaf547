package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
)

// reportConfig is a test config with one immediate subscriber (no
// batching window) on a loopback SMTP server.
func reportConfig(t *testing.T, srv *testutil.SMTPServer, extra string) (cfg, db string) {
	t.Helper()
	return testConfig(t, fmt.Sprintf(`base_url: https://redline.example.org
smtp: {host: 127.0.0.1, port: %d, tls: none, from: "Redline <redline@example.org>"}
reports: {every: 1s}
subscribers:
  - email: desk@example.org
    cadence: immediate 0s
    follow: {all: true}
%s`, srv.Port, extra))
}

// editedStory tracks one newsroom story, crawls it, lets report start the
// subscriber's cursor, and crawls the story's first real edit.
func editedStory(t *testing.T, cfg string) {
	t.Helper()
	site, base := newSite(t, newsroom.Options{Seed: 1})
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, site.Slugs()[0]))
	mustRun(t, "--config", cfg, "crawl", "--all")
	// The subscriber starts now: the first version is history, not news.
	if r := mustRun(t, "--config", cfg, "report"); !strings.Contains(r.stdout, "0 sent") {
		t.Fatalf("first report: %s", r.stdout)
	}
	time.Sleep(10 * time.Millisecond) // the edit is seen after the cursor started
	site.Advance()
	if r := mustRun(t, "--config", cfg, "crawl", "--all"); !strings.Contains(r.stdout, "CHANGED") {
		t.Fatalf("crawl after an edit: %s", r.stdout)
	}
}

func TestReport_cronDeliversOnce(t *testing.T) {
	srv := testutil.StartSMTP(t)
	cfg, _ := reportConfig(t, srv, "")
	editedStory(t, cfg)

	dry := mustRun(t, "--config", cfg, "report", "--dry-run")
	if !strings.Contains(dry.stdout, "mail to desk@example.org (new)") || !strings.Contains(dry.stdout, "Content-Type: multipart/alternative") {
		t.Fatalf("dry run does not show the mail:\n%s", dry.stdout)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("--dry-run sent %d mails", n)
	}

	r := mustRun(t, "--config", cfg, "report")
	if !strings.Contains(r.stdout, "1 queued, 1 sent, 0 failed") {
		t.Fatalf("report: %s", r.stdout)
	}
	got := srv.Messages()
	if len(got) != 1 || got[0].To[0] != "desk@example.org" {
		t.Fatalf("server got %d mails (%v), want 1 for desk", len(got), got)
	}
	if id := got[0].MessageID(); id == "" || !strings.Contains(dry.stdout, id) {
		t.Errorf("sent Message-ID %q is not the one --dry-run showed", id)
	}
	again := mustRun(t, "--config", cfg, "report")
	if !strings.Contains(again.stdout, "0 queued, 0 sent") || len(srv.Messages()) != 1 {
		t.Fatalf("second report sent again: %s (%d mails)", again.stdout, len(srv.Messages()))
	}
	if d := mustRun(t, "--config", cfg, "report", "--dry-run"); !strings.Contains(d.stdout, "nothing is due") {
		t.Errorf("dry run after the send: %s", d.stdout)
	}
	st := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "report", "--status", "--json").stdout)
	if len(st) != 1 || st[0]["recipient"] != "desk@example.org" || st[0]["sent"] != 1.0 || st[0]["queued"] != 0.0 {
		t.Errorf("status = %v, want desk with 1 sent", st)
	}
}

func TestReport_statusShowsPermanentFailure(t *testing.T) {
	srv := testutil.StartSMTP(t)
	srv.Reject("desk@example.org", true)
	cfg, _ := reportConfig(t, srv, "")
	editedStory(t, cfg)

	r := runRedline(t, "--config", cfg, "report")
	if r.code != exitFailed || !strings.Contains(r.stderr, "mail desk@example.org:") || !strings.Contains(r.stderr, "refused for good") {
		t.Fatalf("report to a rejected address: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	st := mustRun(t, "--config", cfg, "report", "--status")
	if !strings.Contains(st.stdout, "desk@example.org: 1 refused for good") || !strings.Contains(st.stdout, "550") {
		t.Fatalf("status does not show the refusal:\n%s", st.stdout)
	}
	js := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "report", "--status", "--json").stdout)
	if len(js) != 1 || js[0]["failed"] != 1.0 || !strings.Contains(fmt.Sprint(js[0]["last_error"]), "550") {
		t.Fatalf("status --json = %v", js)
	}
	// Refused for good is not retried: the next run is clean.
	srv.Reject("desk@example.org", false)
	if r := mustRun(t, "--config", cfg, "report"); !strings.Contains(r.stdout, "0 sent, 0 failed") || len(srv.Messages()) != 0 {
		t.Fatalf("the refused mail was retried: %s", r.stdout)
	}
}

func TestReport_previewWritesHTMLWithMarks(t *testing.T) {
	srv := testutil.StartSMTP(t)
	cfg, _ := reportConfig(t, srv, "")
	editedStory(t, cfg)
	r := mustRun(t, "--config", cfg, "report", "--preview", "1")
	html := r.stdout
	if !strings.HasPrefix(strings.TrimSpace(html), "<!DOCTYPE html") && !strings.HasPrefix(strings.TrimSpace(html), "<html") {
		t.Fatalf("preview is not an HTML document:\n%.300s", html)
	}
	// The first edit of this story adds a paragraph: an underlined insert.
	if !strings.Contains(html, `<ins class="rl-ins" style="`) || !strings.Contains(html, "text-decoration:underline") {
		t.Errorf("preview lacks the added mark:\n%s", html)
	}
	if !strings.Contains(html, "https://redline.example.org/stories/1/diff/1/2") {
		t.Errorf("preview lacks the permalink to the web diff")
	}
	if again := mustRun(t, "--config", cfg, "report", "--preview", "1", "1", "2"); again.stdout != html {
		t.Errorf("--preview 1 1 2 differs from --preview 1 (latest change)")
	}
	if bad := runRedline(t, "--config", cfg, "report", "--preview", "1", "2", "9"); bad.code != exitUsage {
		t.Errorf("preview of a version the story lacks: exit %d, want 2 (%s)", bad.code, bad.stderr)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("preview sent %d mails", n)
	}
}

func TestReport_testToArrives(t *testing.T) {
	srv := testutil.StartSMTP(t)
	cfg, _ := reportConfig(t, srv, "")
	r := mustRun(t, "--config", cfg, "report", "--test-to", "me@example.org")
	got := srv.Messages()
	if len(got) != 1 || got[0].To[0] != "me@example.org" || !strings.Contains(r.stdout, got[0].MessageID()) {
		t.Fatalf("test mail: %s; server got %v", r.stdout, got)
	}
	if !strings.Contains(string(got[0].Data), "multipart/alternative") {
		t.Errorf("test mail is not multipart/alternative")
	}
	if bad := runRedline(t, "--config", cfg, "report", "--test-to", "not an address"); bad.code != exitUsage {
		t.Errorf("--test-to with a bad address: exit %d", bad.code)
	}
}

func TestReport_usage(t *testing.T) {
	cfg, _ := testConfig(t, "")
	for _, args := range [][]string{
		{"report"},                          // nothing configured
		{"report", "--dry-run", "--status"}, // two modes
		{"report", "1", "2"},                // versions without --preview
		{"report", "--json"},                // --json without --status
	} {
		if r := runRedline(t, append([]string{"--config", cfg}, args...)...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
	}
}

func TestSubscribersList(t *testing.T) {
	srv := testutil.StartSMTP(t)
	cfg, _ := reportConfig(t, srv, `  - email: ny@example.org
    name: New York desk
    cadence: daily 07:30
    timezone: America/New_York
    follow: {tags: [Politics], headlines_only: true}
`)
	r := mustRun(t, "--config", cfg, "subscribers", "list")
	for _, want := range []string{"desk@example.org", "immediate 0s", "ny@example.org", "New York desk", "daily 07:30", "America/New_York", "tags: politics; headlines only"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("subscribers list lacks %q:\n%s", want, r.stdout)
		}
	}
	js := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "subscribers", "list", "--json").stdout)
	if len(js) != 2 {
		t.Fatalf("subscribers list --json = %v", js)
	}
	hasKeys(t, js[1], "email", "name", "cadence", "timezone", "follow", "headlines_only")
}
