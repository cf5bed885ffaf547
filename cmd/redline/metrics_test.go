package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/redline-news/redline/internal/newsroom"
)

func parseMetrics(t *testing.T, r interface{ Read([]byte) (int, error) }) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mf, err := p.TextToMetricFamilies(r)
	if err != nil {
		t.Fatalf("parse metrics: %v", err)
	}
	return mf
}

// series is the value of the counter or gauge name{label=value}.
func series(t *testing.T, mf map[string]*dto.MetricFamily, name, label, value string) float64 {
	t.Helper()
	for _, m := range mf[name].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == label && l.GetValue() == value {
				if m.Counter != nil {
					return m.GetCounter().GetValue()
				}
				return m.GetGauge().GetValue()
			}
		}
	}
	t.Fatalf("no series %s{%s=%q}", name, label, value)
	return 0
}

// TestServe_metrics runs `redline serve` in-process and crawls through its
// API as cron would: /metrics on the daemon's listener counts the pass.
func TestServe_metrics(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 11})
	cfg, db := testConfig(t, "schedule:\n  tick: 1h\n")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan result, 1)
	go func() {
		var r result
		r.err = run(ctx, []string{"--config", cfg, "serve", "--addr", "127.0.0.1:0"}, &strings.Builder{}, &strings.Builder{})
		done <- r
	}()
	defer func() {
		cancel()
		select {
		case r := <-done:
			if r.err != nil {
				t.Errorf("serve: %v", r.err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("serve still running 20s after cancel")
		}
	}()
	rec := waitForOwner(t, db, &strings.Builder{})

	slugs := site.Slugs()[:3]
	for _, slug := range slugs {
		mustRun(t, "--config", cfg, "track", site.StoryURL(base, slug))
	}
	prom := filepath.Join(t.TempDir(), "redline.prom")
	r := mustRun(t, "--config", cfg, "crawl", "--all", "--metrics-file", prom)
	if !strings.Contains(r.stderr, "not written") {
		t.Errorf("crawl through the daemon with --metrics-file: stderr %q, want a note that the file is not written", r.stderr)
	}
	if _, err := os.Stat(prom); err == nil {
		t.Errorf("crawl through the daemon wrote %s; the daemon's /metrics holds that pass", prom)
	}

	resp, err := http.Get("http://" + rec.Addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: HTTP %d", resp.StatusCode)
	}
	mf := parseMetrics(t, resp.Body)
	if got := series(t, mf, "redline_checks_total", "result", "new"); got != float64(len(slugs)) {
		t.Errorf("checks{new} = %v, want %d", got, len(slugs))
	}
	if got := series(t, mf, "redline_stories", "status", "active"); got != float64(len(slugs)) {
		t.Errorf("stories{active} = %v, want %d", got, len(slugs))
	}
	if got := series(t, mf, "redline_build_info", "version", version); got != 1 {
		t.Errorf("build_info{version=%s} = %v", version, got)
	}
	if _, ok := mf["process_resident_memory_bytes"]; !ok {
		t.Errorf("the daemon's /metrics lacks the process figures")
	}

	// /metrics stands behind the API's rules: a page that rebinds its own
	// name to this machine gets no figures either.
	req, err := http.NewRequest(http.MethodGet, "http://"+rec.Addr+"/metrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "rebound.attacker.test"
	foreign, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	foreign.Body.Close()
	if foreign.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("GET /metrics with a foreign Host: HTTP %d, want 421", foreign.StatusCode)
	}
}

// TestCrawl_metricsFile: a cron crawl writes a textfile that parses, also
// when some stories failed, and its counters go on from the last run's.
func TestCrawl_metricsFile(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 12})
	cfg, _ := testConfig(t, "")
	slugs := site.Slugs()[:2]
	for _, slug := range slugs {
		mustRun(t, "--config", cfg, "track", site.StoryURL(base, slug))
	}
	if err := site.SetFault(slugs[1], newsroom.FaultServerError); err != nil {
		t.Fatal(err)
	}
	prom := filepath.Join(t.TempDir(), "textfile", "redline.prom")
	if err := os.MkdirAll(filepath.Dir(prom), 0o755); err != nil {
		t.Fatal(err)
	}
	read := func() map[string]*dto.MetricFamily {
		f, err := os.Open(prom)
		if err != nil {
			t.Fatalf("metrics file: %v", err)
		}
		defer f.Close()
		return parseMetrics(t, f)
	}

	if r := runRedline(t, "--config", cfg, "crawl", "--all", "--metrics-file", prom); r.code != exitFailed {
		t.Fatalf("crawl with a failing story: exit %d, want %d\n%s", r.code, exitFailed, r.stderr)
	}
	first := read()
	if got := series(t, first, "redline_checks_total", "result", "new"); got != 1 {
		t.Errorf("first run: checks{new} = %v, want 1", got)
	}
	if got := series(t, first, "redline_check_failures_total", "reason", "http_5xx"); got != 1 {
		t.Errorf("first run: failures{http_5xx} = %v, want 1", got)
	}
	for name := range first {
		if !strings.HasPrefix(name, "redline_") {
			t.Errorf("textfile carries %s, which clashes with node-exporter's own series", name)
		}
	}

	runRedline(t, "--config", cfg, "crawl", "--all", "--metrics-file", prom)
	second := read()
	if got := series(t, second, "redline_check_failures_total", "reason", "http_5xx"); got != 2 {
		t.Errorf("second run: failures{http_5xx} = %v, want 2 (carried over, plus this run's)", got)
	}
	if got := series(t, second, "redline_checks_total", "result", "new"); got != 1 {
		t.Errorf("second run: checks{new} = %v, want 1 carried over", got)
	}
	if got := series(t, second, "redline_passes_total", "result", "ok"); got != 2 {
		t.Errorf("second run: passes{ok} = %v, want 2", got)
	}

	// An unwritable path fails the crawl with a message naming it.
	bad := filepath.Join(t.TempDir(), "missing-dir", "redline.prom")
	r := runRedline(t, "--config", cfg, "crawl", "--all", "--metrics-file", bad)
	if r.code == exitOK || !strings.Contains(r.stderr, bad) {
		t.Errorf("crawl with an unwritable metrics file: exit %d, stderr %q; want a failure naming %s", r.code, r.stderr, bad)
	}
}
