package tracker

import (
	"time"

	"github.com/redline-news/redline"
)

// Observer is told about every pass and every check, so figures such as
// Prometheus metrics can be kept outside the tracker. Its methods are
// called from the pass's worker goroutines: they must be quick and safe
// for concurrent use.
type Observer interface {
	// PassStarted is called when a pass begins, with the tracker's clock.
	PassStarted(at time.Time)
	// Checked is called once for every story the pass checked.
	Checked(r redline.StoryResult)
	// PassDone is called when the pass ends, also when it failed; elapsed
	// is measured on the monotonic clock, so a settable clock cannot make
	// it negative.
	PassDone(r redline.CrawlReport, elapsed time.Duration, err error)
}
