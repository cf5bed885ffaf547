package tracker

import (
	"context"
	"errors"
	"time"

	"github.com/redline-news/redline"
)

// Run is the daemon's scheduler: every tick it runs Once over the stories
// that are due, until ctx ends. A pass in flight when ctx ends is
// cancelled, and Run returns only after it has finished recording, so the
// caller may close the store right after.
func (t *Tracker) Run(ctx context.Context, tick time.Duration, onPass func(redline.CrawlReport, error)) error {
	if tick <= 0 {
		return errors.New("tracker: run: tick must be positive")
	}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	for {
		// A tick and the end of ctx can be ready together; shutting down
		// wins, so no pass starts only to fail on the cancelled context.
		if ctx.Err() != nil {
			return nil
		}
		report, err := t.Once(ctx, OnceOptions{})
		if errors.Is(err, ErrBusy) || ctx.Err() != nil {
			// A manual crawl through the API is running the same pass, or
			// the daemon is stopping: neither is a failed pass.
			err = nil
		}
		if onPass != nil && (err != nil || report.Checked() > 0) {
			onPass(report, err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}
