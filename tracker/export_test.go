package tracker

import "time"

// SetBatchEvery sets how often a pass commits its waiting unchanged checks,
// so a test decides whether a commit may fall between two checks instead
// of the machine's speed deciding it.
func SetBatchEvery(t *Tracker, d time.Duration) { t.batchEvery = d }
