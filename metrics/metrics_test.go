package metrics_test

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/metrics"
)

// TestMetrics_moveAsCrawlsRun serves the newsroom on loopback, tracks its
// stories through the daemon's API and scrapes /metrics before and after
// each pass: the counters must move by exactly what the passes reported.
func TestMetrics_moveAsCrawlsRun(t *testing.T) {
	site := newsroom.NewSite(newsroom.Options{Seed: 5, Conditional: true})
	siteSrv := httptest.NewServer(site.Handler())
	t.Cleanup(siteSrv.Close)
	siteHost := mustHost(t, siteSrv.URL)
	d := newDaemon(t, daemonOptions{})

	before := d.scrape(t)
	for _, res := range metrics.Results() {
		if v := before.value(t, "redline_checks_total", "result", res); v != 0 {
			t.Errorf("before any pass: checks{result=%s} = %v, want 0", res, v)
		}
	}
	if _, ok := before["redline_last_pass_start_timestamp_seconds"]; ok {
		t.Errorf("before any pass: a last pass start is reported")
	}
	if before.value(t, "redline_build_info", "version", "test") != 1 {
		t.Errorf("build info is not 1")
	}
	if _, ok := before["go_goroutines"]; !ok {
		t.Errorf("the daemon's registry lacks the Go runtime figures")
	}
	if got := before.value(t, "redline_db_size_bytes"); got <= 0 {
		t.Errorf("db size = %v, want the file's size", got)
	}

	slugs := site.Slugs()
	for _, slug := range slugs {
		d.track(t, site.StoryURL(siteSrv.URL, slug))
	}
	n := float64(len(slugs))
	tracked := d.scrape(t)
	if got := tracked.value(t, "redline_stories", "status", "active"); got != n {
		t.Errorf("after tracking: stories{active} = %v, want %v", got, n)
	}
	if got := tracked.value(t, "redline_stories_due"); got != n {
		t.Errorf("after tracking: due = %v, want %v (never checked)", got, n)
	}

	start := time.Now()
	first := d.crawl(t, redline.CrawlRequest{All: true})
	if first.Changed != len(slugs) {
		t.Fatalf("first pass: %+v, want every story new", first)
	}
	s1 := d.scrape(t)
	if got := s1.value(t, "redline_checks_total", "result", "new"); got != n {
		t.Errorf("after the first pass: checks{new} = %v, want %v", got, n)
	}
	if got := s1.value(t, "redline_versions_stored_total"); got != n {
		t.Errorf("versions stored = %v, want %v", got, n)
	}
	if got := s1.value(t, "redline_versions"); got != n {
		t.Errorf("versions in the DB = %v, want %v", got, n)
	}
	if got := s1.value(t, "redline_fetch_duration_seconds"); got != n {
		t.Errorf("fetch duration observations = %v, want %v", got, n)
	}
	if got := s1.value(t, "redline_stories_due"); got != 0 {
		t.Errorf("after the pass: due = %v, want 0", got)
	}
	if got := s1.value(t, "redline_passes_total", "result", "ok"); got != 1 {
		t.Errorf("passes{ok} = %v, want 1", got)
	}
	at := s1.value(t, "redline_last_pass_start_timestamp_seconds")
	if at < float64(start.Add(-time.Second).Unix()) || at > float64(time.Now().Unix()+1) {
		t.Errorf("last pass start %v is not the pass just run (%v)", at, start.Unix())
	}
	if got := s1.value(t, "redline_last_pass_duration_seconds"); got <= 0 {
		t.Errorf("last pass duration = %v, want > 0", got)
	}

	// The publisher edits; one story breaks and one is taken down.
	site.Advance()
	if err := site.SetFault(slugs[0], newsroom.FaultServerError); err != nil {
		t.Fatal(err)
	}
	if err := site.SetFault(slugs[1], newsroom.FaultGone); err != nil {
		t.Fatal(err)
	}
	second := d.crawl(t, redline.CrawlRequest{All: true})
	s2 := d.scrape(t)
	counts := map[redline.CheckResult]float64{}
	for _, r := range second.Stories {
		counts[r.Result]++
	}
	for res, c := range counts {
		want := c
		if res == redline.ResultNew {
			want += n
		}
		if got := s2.value(t, "redline_checks_total", "result", string(res)); got != want {
			t.Errorf("after the second pass: checks{%s} = %v, want %v (pass results %v)", res, got, want, counts)
		}
	}
	if counts[redline.ResultFailed] != 1 || counts[redline.ResultGone] != 1 {
		t.Fatalf("second pass: %v, want one failed and one gone", counts)
	}
	if got := s2.value(t, "redline_check_failures_total", "reason", metrics.ReasonHTTP5xx); got != 1 {
		t.Errorf("failures{http_5xx} = %v, want 1", got)
	}
	if got := s2.value(t, "redline_check_failures_total", "reason", metrics.ReasonHTTP4xx); got != 1 {
		t.Errorf("failures{http_4xx} = %v, want 1 (the 410)", got)
	}
	if got, want := s2.sumOf("redline_check_failures_total"), counts[redline.ResultFailed]+counts[redline.ResultGone]; got != want {
		t.Errorf("failures in all = %v, want %v: every failed or gone check has one reason", got, want)
	}
	if got := s2.value(t, "redline_stories", "status", "gone"); got != 1 {
		t.Errorf("stories{gone} = %v, want 1", got)
	}
	if got := s2.value(t, "redline_stories", "status", "failing"); got != 1 {
		t.Errorf("stories{failing} = %v, want 1", got)
	}
	stored := s1.value(t, "redline_versions_stored_total") + counts[redline.ResultChanged] + counts[redline.ResultReread]
	if got := s2.value(t, "redline_versions_stored_total"); got != stored {
		t.Errorf("versions stored = %v, want %v", got, stored)
	}
	if got := s2.value(t, "redline_passes_total", "result", "ok"); got != 2 {
		t.Errorf("passes{ok} = %v, want 2", got)
	}
	checkBounded(t, s2, siteHost)
}

// TestMetrics_hostsPaused reports the source it is given, and an error
// from it fails the scrape rather than showing a stale figure.
func TestMetrics_hostsPaused(t *testing.T) {
	n, fail := 3, false
	d := newDaemon(t, daemonOptions{pausedHosts: func() (int, error) {
		if fail {
			return 0, errors.New("hosts bucket unreadable")
		}
		return n, nil
	}})
	if got := d.scrape(t).value(t, "redline_hosts_paused"); got != 3 {
		t.Errorf("hosts paused = %v, want 3", got)
	}
	fail = true
	resp, err := httpGet(d.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 500 || !strings.Contains(resp.body, "hosts bucket unreadable") {
		t.Errorf("scrape with a failing source: HTTP %d %q, want 500 naming the cause", resp.StatusCode, resp.body)
	}
}

// TestWriteTextfile_parsesAndSeeds writes the figures of a pass as a cron
// crawl does, parses the file, and starts a second "run" from it: the
// counters go on rising instead of restarting.
func TestWriteTextfile_parsesAndSeeds(t *testing.T) {
	site := newsroom.NewSite(newsroom.Options{Seed: 9})
	siteSrv := httptest.NewServer(site.Handler())
	t.Cleanup(siteSrv.Close)
	d := newDaemon(t, daemonOptions{})
	for _, slug := range site.Slugs()[:2] {
		d.track(t, site.StoryURL(siteSrv.URL, slug))
	}
	d.crawl(t, redline.CrawlRequest{All: true})

	path := filepath.Join(t.TempDir(), "redline.prom")
	reg, err := metrics.NewRegistry(metrics.Options{Store: d.store, Recorder: d.rec, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := metrics.WriteTextfile(reg, path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	first := parse(t, f)
	f.Close()
	if got := first.value(t, "redline_checks_total", "result", "new"); got != 2 {
		t.Errorf("textfile: checks{new} = %v, want 2", got)
	}
	for name := range first {
		if !strings.HasPrefix(name, "redline_") {
			t.Errorf("textfile carries %s, which would clash with node-exporter's own", name)
		}
	}
	checkBounded(t, first, mustHost(t, siteSrv.URL))

	next := metrics.NewRecorder()
	data, _ := os.ReadFile(path)
	if err := next.Seed(strings.NewReader(string(data))); err != nil {
		t.Fatalf("seed from %s: %v", path, err)
	}
	next.Checked(trackerResult(redline.ResultUnchanged, 40*time.Millisecond))
	reg2, err := metrics.NewRegistry(metrics.Options{Store: d.store, Recorder: next, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := metrics.WriteTextfile(reg2, path); err != nil {
		t.Fatal(err)
	}
	f, _ = os.Open(path)
	second := parse(t, f)
	f.Close()
	if got := second.value(t, "redline_checks_total", "result", "new"); got != 2 {
		t.Errorf("seeded: checks{new} = %v, want 2 carried over", got)
	}
	if got := second.value(t, "redline_checks_total", "result", "unchanged"); got != first.value(t, "redline_checks_total", "result", "unchanged")+1 {
		t.Errorf("seeded: checks{unchanged} = %v, want one more than before", got)
	}
	if got := second.value(t, "redline_fetch_duration_seconds"); got != first.value(t, "redline_fetch_duration_seconds")+1 {
		t.Errorf("seeded: fetch observations = %v, want one more than before", got)
	}
	if err := metrics.NewRecorder().Seed(strings.NewReader("redline_checks_total{result=\"new\"} x\n")); err == nil {
		t.Errorf("seed from a broken file: no error")
	}
}

func mustHost(t testing.TB, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}
