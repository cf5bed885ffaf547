package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/report"
)

func TestParseConfig_reportProblemsWithLines(t *testing.T) {
	yaml := `base_url: redline.example.org
smtp:
  host: smtp.example.org
  tls: ssl
  form: "Redline <redline@example.org>"
subscribers:
  - email: Desk <desk@example.org>
    cadence: immediate
    follow: {all: true}
  - email: editor@example.org
    cadence: daily 25:00
    follow: {tags: [politics]}
  - email: late@example.org
    cadence: weekly
    timezone: Mars/Olympus
    follow: {all: true}
  - email: nothing@example.org
    cadence: hourly
    follow: {headlines_only: true}
  - email: x@example.org
    cadence: hourly
    follow: {all: true}
    colour: red
webhooks:
  - url: ftp://hooks.example.org/x
    format: xml
    follow: {tags: ["  "]}
`
	_, err := ParseConfig("r.yaml", []byte(yaml))
	want := []string{
		`config r.yaml:1: base_url: "redline.example.org" is not an absolute http(s) URL`,
		`config r.yaml:2: smtp.from: must be set when there are subscribers`,
		`config r.yaml:4: smtp.tls: "ssl" is not one of none, starttls, tls`,
		`config r.yaml:5: smtp.form: unknown key "form" in smtp (did you mean "from"?)`,
		`config r.yaml:7: subscribers[0].email: subscriber email "Desk <desk@example.org>": want a bare address`,
		`config r.yaml:11: subscribers[1].cadence: cadence "daily 25:00": time "25:00" is not HH:MM`,
		`config r.yaml:15: subscribers[2].timezone: time zone "Mars/Olympus"`,
		`config r.yaml:19: subscribers[3].follow: subscriber nothing@example.org: follow: nothing to follow`,
		`config r.yaml:23: subscribers[4].colour: unknown key "colour" in subscribers[4]`,
		`config r.yaml:25: webhooks[0].url: "ftp://hooks.example.org/x" is not an absolute http(s) URL`,
		`config r.yaml:26: webhooks[0].format: "xml" is not one of json, slack`,
		`config r.yaml:27: webhooks[0].follow: follow tag`,
	}
	got := problems(t, err)
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func TestParseConfig_reports(t *testing.T) {
	yaml := `base_url: https://redline.example.org/
smtp: {host: 127.0.0.1, port: 2525, tls: none, from: "Redline <redline@example.org>"}
reports: {timezone: Europe/Berlin}
subscribers:
  - email: desk@example.org
    cadence: daily at 07:30
    follow: {stories: [12], headlines_only: true}
  - email: ny@example.org
    cadence: weekly fri 16:00
    timezone: America/New_York
    follow: {keywords: [Minister]}
`
	c, err := ParseConfig("ok.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	desk, err := c.subscriber(c.Subscribers[0])
	if err != nil {
		t.Fatal(err)
	}
	if desk.Cadence.Kind != report.Daily || desk.Cadence.Hour != 7 || desk.Cadence.Minute != 30 || desk.Location.String() != "Europe/Berlin" {
		t.Errorf("desk cadence %v in %v, want daily 07:30 in Europe/Berlin (reports.timezone)", desk.Cadence, desk.Location)
	}
	if desk.Follow.Stories[0] != "12" || !desk.Follow.HeadlinesOnly {
		t.Errorf("desk follow %+v, want story 12, headlines only", desk.Follow)
	}
	ny, err := c.subscriber(c.Subscribers[1])
	if err != nil {
		t.Fatal(err)
	}
	if ny.Cadence.Weekday != time.Friday || ny.Location.String() != "America/New_York" || ny.Follow.Keywords[0] != "minister" {
		t.Errorf("ny %+v", ny)
	}
	o, err := c.reportOptions()
	if err != nil {
		t.Fatal(err)
	}
	if o.UnsubscribeMailto != "redline@example.org" {
		t.Errorf("unsubscribe mailto %q, want the from address when none is set", o.UnsubscribeMailto)
	}
}

// A webhook on a private address is refused at config check, unless
// private targets are allowed, in the file or by the environment.
func TestConfigCheck_webhookGuard(t *testing.T) {
	cfg, _ := testConfig(t, "base_url: https://redline.example.org\nwebhooks:\n  - url: http://10.0.0.7/hook\n    follow: {all: true}\n")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	refused := strings.Replace(string(data), "allow_private_targets: true", "allow_private_targets: false", 1)
	if err := os.WriteFile(cfg, []byte(refused), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runRedline(t, "--config", cfg, "config", "check")
	if r.code != 2 || !strings.Contains(r.stderr, "webhooks[0].url") || !strings.Contains(r.stderr, ":10:") || !strings.Contains(r.stderr, "not public") {
		t.Fatalf("config check with a private webhook: exit %d, stderr %q; want 2 naming webhooks[0].url on line 10", r.code, r.stderr)
	}
	t.Setenv("REDLINE_ALLOW_PRIVATE", "1")
	if r := runRedline(t, "--config", cfg, "config", "check"); r.code != 0 {
		t.Fatalf("with REDLINE_ALLOW_PRIVATE=1: exit %d, %s", r.code, r.stderr)
	}
}

func TestConfigShow_redactsReportSecrets(t *testing.T) {
	t.Setenv("REDLINE_TEST_SMTP_PASSWORD", "hunter2-smtp-password")
	t.Setenv("REDLINE_TEST_HOOK_SECRET", "hook-secret-0123456789")
	cfg, _ := testConfig(t, `base_url: https://redline.example.org
smtp: {host: smtp.example.org, username: redline, password: "${REDLINE_TEST_SMTP_PASSWORD}", from: redline@example.org}
subscribers:
  - {email: desk@example.org, cadence: hourly, follow: {all: true}}
webhooks:
  - url: https://hooks.example.org/x
    follow: {all: true}
    secret: ${REDLINE_TEST_HOOK_SECRET}
`)
	out := mustRun(t, "--config", cfg, "config", "show").stdout
	if strings.Contains(out, "hunter2") || strings.Contains(out, "hook-secret") {
		t.Fatalf("config show prints a secret:\n%s", out)
	}
	if strings.Count(out, "[redacted]") < 2 || !strings.Contains(out, "desk@example.org") {
		t.Errorf("config show:\n%s", out)
	}
}
