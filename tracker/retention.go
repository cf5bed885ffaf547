package tracker

import (
	"log/slog"
	"time"
)

// pruneEvery bounds how often a long-running tracker applies keep_pages:
// pages age by days, and each run reads a version of every story that
// still has old pages. A cron crawl is a new process each time, so it
// applies it on every pass.
const pruneEvery = time.Hour

// applyRetention drops pages older than keep_pages. It runs under runMu,
// after a pass, so it never competes with the pass's own writes. A
// failure is logged and retried at the next pass: the crawl itself went
// fine, and nothing is lost by keeping a page longer.
func (t *Tracker) applyRetention() {
	if t.keepPages <= 0 {
		return
	}
	now := t.now()
	if !t.lastPrune.IsZero() && now.Sub(t.lastPrune) < pruneEvery {
		return
	}
	res, err := t.store.DropPagesBefore(now.Add(-t.keepPages))
	if err != nil {
		t.logger.Error("keep_pages: could not drop old pages", logError, err)
		return
	}
	t.lastPrune = now
	if res.Pages > 0 {
		t.logger.Info("keep_pages: dropped old pages",
			slog.Int("pages", res.Pages), slog.Int("stories", res.Stories),
			slog.Int64("bytes", res.Bytes), slog.Duration("older_than", t.keepPages))
	}
}
