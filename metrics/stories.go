package metrics

import (
	"fmt"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

var (
	descStories = prometheus.NewDesc("redline_stories",
		"Tracked stories by status.", []string{"status"}, nil)
	descDue = prometheus.NewDesc("redline_stories_due",
		"Active or failing stories whose next check is due now.", nil, nil)
	descOverdue = prometheus.NewDesc("redline_stories_overdue",
		"Due stories that have been due for longer than one scheduler tick plus the run budget.", nil, nil)
	descVersions = prometheus.NewDesc("redline_versions",
		"Versions held in the database.", nil, nil)
	descDBSize = prometheus.NewDesc("redline_db_size_bytes",
		"Size of the database file on disk; bbolt never shrinks it.", nil, nil)
	descOutboxQueued = prometheus.NewDesc("redline_outbox_queued",
		"Report deliveries (mails, webhook posts) waiting to be sent or retried.", nil, nil)
	descOutboxFailed = prometheus.NewDesc("redline_outbox_failed",
		"Report deliveries refused for good (see redline report --status).", nil, nil)
	descHostsPaused = prometheus.NewDesc("redline_hosts_paused",
		"Hosts in back-off after server trouble: their stories are skipped until the pause ends.", nil, nil)
)

// statuses are the story statuses, each reported even at zero.
var statuses = []redline.Status{redline.StatusActive, redline.StatusFailing, redline.StatusGone, redline.StatusPaused}

// storeCollector computes the story figures from the store at scrape time,
// so they are right whoever changed the stories (a pass, a track through
// the API, a resume).
type storeCollector struct {
	store       *store.Store
	now         func() time.Time
	overdue     time.Duration
	pausedHosts func() (int, error)
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descStories, descDue, descOverdue, descVersions, descDBSize, descOutboxQueued, descOutboxFailed} {
		ch <- d
	}
	if c.pausedHosts != nil {
		ch <- descHostsPaused
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	if c.pausedHosts != nil {
		if n, err := c.pausedHosts(); err != nil {
			ch <- prometheus.NewInvalidMetric(descHostsPaused, fmt.Errorf("metrics: paused hosts: %w", err))
		} else {
			ch <- prometheus.MustNewConstMetric(descHostsPaused, prometheus.GaugeValue, float64(n))
		}
	}
	if fi, err := os.Stat(c.store.Path()); err != nil {
		ch <- prometheus.NewInvalidMetric(descDBSize, fmt.Errorf("metrics: database size: %w", err))
	} else {
		ch <- prometheus.MustNewConstMetric(descDBSize, prometheus.GaugeValue, float64(fi.Size()))
	}
	c.collectOutbox(ch)
	stories, err := c.store.Stories()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(descStories, fmt.Errorf("metrics: stories: %w", err))
		return
	}
	f := countStories(stories, c.now(), c.overdue)
	for _, s := range statuses {
		ch <- prometheus.MustNewConstMetric(descStories, prometheus.GaugeValue, float64(f.byStatus[s]), string(s))
	}
	ch <- prometheus.MustNewConstMetric(descDue, prometheus.GaugeValue, float64(f.due))
	ch <- prometheus.MustNewConstMetric(descOverdue, prometheus.GaugeValue, float64(f.overdue))
	ch <- prometheus.MustNewConstMetric(descVersions, prometheus.GaugeValue, float64(f.versions))
}

func (c *storeCollector) collectOutbox(ch chan<- prometheus.Metric) {
	entries, err := c.store.Outbox()
	if err != nil {
		err = fmt.Errorf("metrics: outbox: %w", err)
		ch <- prometheus.NewInvalidMetric(descOutboxQueued, err)
		ch <- prometheus.NewInvalidMetric(descOutboxFailed, err)
		return
	}
	var queued, failed int
	for _, e := range entries {
		switch e.State {
		case store.OutboxQueued:
			queued++
		case store.OutboxFailed:
			failed++
		}
	}
	ch <- prometheus.MustNewConstMetric(descOutboxQueued, prometheus.GaugeValue, float64(queued))
	ch <- prometheus.MustNewConstMetric(descOutboxFailed, prometheus.GaugeValue, float64(failed))
}

type storyFigures struct {
	byStatus               map[redline.Status]int
	due, overdue, versions int
}

// countStories sums the stories up. A story is overdue when it has been
// due for longer than grace: a healthy scheduler picks a due story up
// within one tick and checks it within the run budget, so anything older
// was skipped or is waiting behind too much work. A story never checked is
// due from when it was added (or resumed).
func countStories(stories []redline.Story, now time.Time, grace time.Duration) storyFigures {
	f := storyFigures{byStatus: make(map[redline.Status]int, len(statuses))}
	for i := range stories {
		st := &stories[i]
		f.byStatus[st.Status]++
		f.versions += st.Versions
		if !st.Due(now) {
			continue
		}
		f.due++
		since := st.NextCheck
		if since.IsZero() {
			since = st.AddedAt
		}
		if now.Sub(since) > grace {
			f.overdue++
		}
	}
	return f
}
