package metrics

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
)

// resultSkipped is the result of a story a pass did not reach (host
// paused, budget spent). Passes report skipped stories as a count; they
// are counted from Report.Skipped only, so a pass that also lists them as
// results cannot count them twice.
const resultSkipped = "skipped"

// Results lists every check result, the values of redline_checks_total's
// result label.
func Results() []string {
	return []string{
		string(redline.ResultNew), string(redline.ResultChanged), string(redline.ResultUnchanged),
		string(redline.ResultNotModified), string(redline.ResultSuspect), string(redline.ResultReread),
		string(redline.ResultFailed), string(redline.ResultGone), resultSkipped,
	}
}

// FetchBuckets are the upper bounds of redline_fetch_duration_seconds, from
// a fast local page to the crawler's default timeout.
var FetchBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

var (
	descChecks = prometheus.NewDesc("redline_checks_total",
		"Story checks by result; skipped counts stories a pass did not reach.", []string{"result"}, nil)
	descFailures = prometheus.NewDesc("redline_check_failures_total",
		"Failed checks (results failed and gone) by the reason of the failure.", []string{"reason"}, nil)
	descVersionsStored = prometheus.NewDesc("redline_versions_stored_total",
		"Checks that stored a new version (results new, changed and reread).", nil, nil)
	descPasses = prometheus.NewDesc("redline_passes_total",
		"Crawl passes by outcome; failed means the pass itself failed (the store, not a story).", []string{"result"}, nil)
	descFetch = prometheus.NewDesc("redline_fetch_duration_seconds",
		"Wall time of fetches that got an answer (2xx or 304), waiting for a politeness slot excluded.", nil, nil)
	descLastStart = prometheus.NewDesc("redline_last_pass_start_timestamp_seconds",
		"When the last crawl pass started, in seconds since the Unix epoch.", nil, nil)
	descLastDuration = prometheus.NewDesc("redline_last_pass_duration_seconds",
		"How long the last finished crawl pass took.", nil, nil)
)

// Recorder counts what the tracker reports. It is a tracker.Observer and a
// prometheus.Collector; the zero value is not usable, use NewRecorder.
type Recorder struct {
	mu       sync.Mutex
	checks   map[string]float64
	failures map[string]float64
	versions float64
	passes   map[string]float64

	fetchCount   uint64
	fetchSum     float64
	fetchBuckets []uint64 // per bucket, not cumulative; the last is +Inf

	started      time.Time
	lastDuration time.Duration
	finished     bool
}

// NewRecorder returns a Recorder with every series at zero.
func NewRecorder() *Recorder {
	r := &Recorder{
		checks:       map[string]float64{},
		failures:     map[string]float64{},
		passes:       map[string]float64{"ok": 0, "failed": 0},
		fetchBuckets: make([]uint64, len(FetchBuckets)+1),
	}
	for _, res := range Results() {
		r.checks[res] = 0
	}
	for _, reason := range Reasons() {
		r.failures[reason] = 0
	}
	return r
}

var _ tracker.Observer = (*Recorder)(nil)

// PassStarted implements tracker.Observer.
func (r *Recorder) PassStarted(at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started = at
}

// Checked implements tracker.Observer.
func (r *Recorder) Checked(sr redline.StoryResult) {
	res := string(sr.Result)
	if res == resultSkipped {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// Results are the tracker's constants, never input, so the label set
	// stays bounded even if a new one appears.
	r.checks[res]++
	switch sr.Result {
	case redline.ResultFailed, redline.ResultGone:
		r.failures[Reason(sr.Err)]++
	case redline.ResultNew, redline.ResultChanged, redline.ResultReread:
		r.versions++
	}
	if sr.Elapsed > 0 {
		s := sr.Elapsed.Seconds()
		r.fetchCount++
		r.fetchSum += s
		i, _ := slices.BinarySearch(FetchBuckets, s) // le: a value on a bound belongs to it
		r.fetchBuckets[i]++
	}
}

// PassDone implements tracker.Observer.
func (r *Recorder) PassDone(rep redline.CrawlReport, elapsed time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lastDuration, r.finished = elapsed, true
	r.checks[resultSkipped] += float64(rep.Skipped)
	if err != nil {
		r.passes["failed"]++
	} else {
		r.passes["ok"]++
	}
}

// Describe implements prometheus.Collector.
func (r *Recorder) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descChecks, descFailures, descVersionsStored, descPasses, descFetch, descLastStart, descLastDuration} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (r *Recorder) Collect(ch chan<- prometheus.Metric) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for res, v := range r.checks {
		ch <- prometheus.MustNewConstMetric(descChecks, prometheus.CounterValue, v, res)
	}
	for reason, v := range r.failures {
		ch <- prometheus.MustNewConstMetric(descFailures, prometheus.CounterValue, v, reason)
	}
	for res, v := range r.passes {
		ch <- prometheus.MustNewConstMetric(descPasses, prometheus.CounterValue, v, res)
	}
	ch <- prometheus.MustNewConstMetric(descVersionsStored, prometheus.CounterValue, r.versions)
	buckets := make(map[float64]uint64, len(FetchBuckets))
	var cum uint64
	for i, le := range FetchBuckets {
		cum += r.fetchBuckets[i]
		buckets[le] = cum
	}
	ch <- prometheus.MustNewConstHistogram(descFetch, r.fetchCount, r.fetchSum, buckets)
	// Before the first pass there is no last pass: the series are absent
	// rather than claiming one at 1970.
	if !r.started.IsZero() {
		ch <- prometheus.MustNewConstMetric(descLastStart, prometheus.GaugeValue, float64(r.started.UnixNano())/1e9)
	}
	if r.finished {
		ch <- prometheus.MustNewConstMetric(descLastDuration, prometheus.GaugeValue, r.lastDuration.Seconds())
	}
}

// Seed adds the counters of a previous textfile written by WriteTextfile,
// so a cron crawl's counters go on from the last run's instead of starting
// at zero every time. It reads only this package's counters; a histogram
// whose buckets differ from FetchBuckets is left at zero (a counter reset,
// which Prometheus copes with).
func (r *Recorder) Seed(rd io.Reader) error {
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(rd)
	if err != nil {
		return fmt.Errorf("metrics: seed: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	addLabelled := func(name, label string, into map[string]float64, allowed []string) {
		mf := families[name]
		if mf == nil {
			return
		}
		for _, m := range mf.GetMetric() {
			v := labelValue(m, label)
			if slices.Contains(allowed, v) {
				into[v] += m.GetCounter().GetValue()
			}
		}
	}
	addLabelled("redline_checks_total", "result", r.checks, Results())
	addLabelled("redline_check_failures_total", "reason", r.failures, Reasons())
	addLabelled("redline_passes_total", "result", r.passes, []string{"ok", "failed"})
	if mf := families["redline_versions_stored_total"]; mf != nil && len(mf.GetMetric()) == 1 {
		r.versions += mf.GetMetric()[0].GetCounter().GetValue()
	}
	if mf := families["redline_fetch_duration_seconds"]; mf != nil && len(mf.GetMetric()) == 1 {
		r.seedHistogram(mf.GetMetric()[0].GetHistogram())
	}
	return nil
}

// seedHistogram adds h when its buckets are this release's, and reports
// whether it did.
func (r *Recorder) seedHistogram(h *dto.Histogram) bool {
	bs := slices.DeleteFunc(slices.Clone(h.GetBucket()), func(b *dto.Bucket) bool {
		return math.IsInf(b.GetUpperBound(), 1)
	})
	if len(bs) != len(FetchBuckets) {
		return false
	}
	var prev uint64
	per := make([]uint64, len(FetchBuckets)+1)
	for i, b := range bs {
		if b.GetUpperBound() != FetchBuckets[i] || b.GetCumulativeCount() < prev {
			return false
		}
		per[i] = b.GetCumulativeCount() - prev
		prev = b.GetCumulativeCount()
	}
	if h.GetSampleCount() < prev {
		return false
	}
	per[len(FetchBuckets)] = h.GetSampleCount() - prev
	for i := range per {
		r.fetchBuckets[i] += per[i]
	}
	r.fetchCount += h.GetSampleCount()
	r.fetchSum += h.GetSampleSum()
	return true
}

func labelValue(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}
