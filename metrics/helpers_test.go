package metrics_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/metrics"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// daemon is the wiring of `redline serve` over real parts: a bbolt file,
// a crawler allowed onto loopback, the real extractor, a tracker that
// reports to a Recorder, and one mux with the JSON API and /metrics.
type daemon struct {
	store   *store.Store
	tracker *tracker.Tracker
	rec     *metrics.Recorder
	api     *web.Client
	url     string // of the daemon's listener
}

type daemonOptions struct {
	crawler     crawler.Options
	pausedHosts func() (int, error)
}

func newDaemon(t testing.TB, o daemonOptions) *daemon {
	t.Helper()
	st := testutil.MustOpenStore(t)
	o.crawler.AllowPrivate = true // every site in these tests is on loopback
	if o.crawler.HostDelay == 0 {
		o.crawler.HostDelay = -1
	}
	cr, err := crawler.New(o.crawler)
	if err != nil {
		t.Fatalf("crawler: %v", err)
	}
	t.Cleanup(func() { cr.Close() })
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extractor: %v", err)
	}
	rec := metrics.NewRecorder()
	tr, err := tracker.New(tracker.Options{Store: st, Crawler: cr, Extractor: ex, Observer: rec, Workers: 4})
	if err != nil {
		t.Fatalf("tracker: %v", err)
	}
	reg, err := metrics.NewRegistry(metrics.Options{
		Store: st, Recorder: rec, Version: "test", Overdue: 10 * time.Minute,
		PausedHosts: o.pausedHosts, Runtime: true,
	})
	if err != nil {
		t.Fatalf("registry: %v", err)
	}
	mux := http.NewServeMux()
	web.NewAPI(&tracker.Service{Store: st, Tracker: tr, Line: web.ExportLineOf}, web.Health{Version: "test", DB: st.Path(), Role: "daemon"}, nil).Register(mux)
	mux.Handle("GET /metrics", metrics.Handler(reg, nil))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &daemon{store: st, tracker: tr, rec: rec, api: web.NewClient(srv.URL), url: srv.URL}
}

// crawl runs a pass through the API, as `redline crawl` does against a
// running daemon.
func (d *daemon) crawl(t testing.TB, req redline.CrawlRequest) redline.CrawlReport {
	t.Helper()
	rep, err := d.api.Crawl(context.Background(), req)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return rep
}

func (d *daemon) track(t testing.TB, url string) {
	t.Helper()
	if _, err := d.api.Track(context.Background(), redline.TrackRequest{URL: url}); err != nil {
		t.Fatalf("track %s: %v", url, err)
	}
}

// scrape GETs /metrics and parses it with Prometheus's own text parser.
func (d *daemon) scrape(t testing.TB) scraped {
	t.Helper()
	resp, err := http.Get(d.url + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: HTTP %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("GET /metrics: Content-Type %q, want the text format", ct)
	}
	return parse(t, resp.Body)
}

// scraped is a parsed exposition, by metric family name.
type scraped map[string]*dto.MetricFamily

func parse(t testing.TB, r io.Reader) scraped {
	t.Helper()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(r)
	if err != nil {
		t.Fatalf("parse exposition: %v", err)
	}
	return families
}

// value is the counter or gauge value of the series of name whose labels
// include the given name=value pairs; it fails the test if there is none.
func (s scraped) value(t testing.TB, name string, labels ...string) float64 {
	t.Helper()
	mf, ok := s[name]
	if !ok {
		t.Fatalf("no metric %s in the exposition", name)
	}
	for _, m := range mf.GetMetric() {
		if hasLabels(m, labels) {
			switch {
			case m.Counter != nil:
				return m.GetCounter().GetValue()
			case m.Gauge != nil:
				return m.GetGauge().GetValue()
			case m.Histogram != nil:
				return float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	t.Fatalf("no series %s%v in the exposition", name, labels)
	return 0
}

func hasLabels(m *dto.Metric, pairs []string) bool {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !slices.ContainsFunc(m.GetLabel(), func(l *dto.LabelPair) bool {
			return l.GetName() == pairs[i] && l.GetValue() == pairs[i+1]
		}) {
			return false
		}
	}
	return true
}

// sumOf adds up every series of a labelled counter.
func (s scraped) sumOf(name string) float64 {
	var sum float64
	for _, m := range s[name].GetMetric() {
		sum += m.GetCounter().GetValue()
	}
	return sum
}

// labelSets are the allowed values of every labelled redline metric.
var labelSets = map[string]map[string][]string{
	"redline_checks_total":         {"result": metrics.Results()},
	"redline_check_failures_total": {"reason": metrics.Reasons()},
	"redline_passes_total":         {"result": {"ok", "failed"}},
	"redline_stories": {"status": {
		string(redline.StatusActive), string(redline.StatusFailing), string(redline.StatusGone), string(redline.StatusPaused),
	}},
	"redline_build_info": {"version": {"test"}, "goversion": nil},
}

// checkBounded fails the test when a redline series carries a label not in
// labelSets, a value outside its set, or anything that looks like a URL or
// a host (the only http in a value may be the http_4xx/http_5xx reasons).
func checkBounded(t testing.TB, s scraped, hosts ...string) {
	t.Helper()
	for name, mf := range s {
		if !strings.HasPrefix(name, "redline_") {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				v := l.GetValue()
				allowed, known := labelSets[name][l.GetName()]
				switch {
				case !known:
					t.Errorf("%s has unexpected label %s=%q", name, l.GetName(), v)
				case allowed != nil && !slices.Contains(allowed, v):
					t.Errorf("%s{%s=%q}: value outside the bounded set %v", name, l.GetName(), v, allowed)
				}
				if strings.Contains(v, "://") || strings.Contains(v, "127.0.0.1") ||
					strings.Contains(v, "http") && !strings.HasPrefix(v, "http_") {
					t.Errorf("%s{%s=%q}: looks like a URL", name, l.GetName(), v)
				}
				for _, h := range hosts {
					if strings.Contains(v, h) {
						t.Errorf("%s{%s=%q}: names host %s", name, l.GetName(), v, h)
					}
				}
			}
		}
	}
}

type response struct {
	StatusCode int
	body       string
}

func httpGet(u string) (response, error) {
	resp, err := http.Get(u)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(b)}, err
}

func trackerResult(r redline.CheckResult, elapsed time.Duration) redline.StoryResult {
	return redline.StoryResult{ID: 1, Result: r, Elapsed: elapsed}
}
