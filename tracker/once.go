package tracker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/redline-news/redline"
)

// OnceOptions narrow a pass.
type OnceOptions struct {
	// All checks every active story now, regardless of its schedule.
	All bool
	// IDs restricts the pass to these stories (checked even if not due).
	IDs []redline.StoryID
	// Budget stops starting new checks after this long (0 = no limit), so
	// a cron run never overlaps the next one.
	Budget time.Duration
	// Progress, when set, is called after each story is checked.
	Progress func(done, total int, r StoryResult)
}

// StoryResult is the outcome of one story in a pass. Its JSON shape is
// part of `redline crawl --json`.
type StoryResult struct {
	ID      redline.StoryID     `json:"id"`
	URL     string              `json:"url"`
	Result  redline.CheckResult `json:"result"`
	Version int                 `json:"version"`
	Error   string              `json:"error"`
	Summary string              `json:"summary,omitempty"`
	// RetryAfter is the server's requested pause, used for host back-off.
	RetryAfter time.Duration `json:"-"`
}

// Report sums up a pass; its JSON shape is `redline crawl --json`.
type Report struct {
	Fetched int `json:"fetched"`
	// Unchanged counts every story whose page was not edited: not
	// modified, suspect and re-read ones included.
	Unchanged int           `json:"unchanged"`
	Changed   int           `json:"changed"`
	Failed    int           `json:"failed"`
	Skipped   int           `json:"skipped"`
	Stories   []StoryResult `json:"stories"`
}

// Failures reports whether any story in the pass failed.
func (r Report) Failures() bool { return r.Failed > 0 }

func (r *Report) add(sr StoryResult) {
	r.Stories = append(r.Stories, sr)
	switch sr.Result {
	case redline.ResultFailed:
		r.Failed++
		return
	case redline.ResultNew, redline.ResultChanged:
		r.Changed++
	case redline.ResultUnchanged, redline.ResultNotModified, redline.ResultSuspect, redline.ResultReread:
		r.Unchanged++
	}
	r.Fetched++
}

// Once runs one pass over the stories that are due (or those opts names).
// It is exactly what the daemon runs on every tick. Per-story failures are
// in the report, not the error; the error is for the pass itself (the
// store failing, the context ending before anything ran).
func (t *Tracker) Once(ctx context.Context, opts OnceOptions) (Report, error) {
	if !t.runMu.TryLock() {
		return Report{}, ErrBusy
	}
	defer t.runMu.Unlock()

	stories, err := t.selectStories(opts)
	if err != nil {
		return Report{}, err
	}
	// The budget only bounds when checks may start: a check already under
	// way finishes under ctx, so running out of budget never turns into a
	// failed check or a host back-off.
	feedCtx := ctx
	if opts.Budget > 0 {
		var cancel context.CancelFunc
		feedCtx, cancel = context.WithTimeout(ctx, opts.Budget)
		defer cancel()
	}
	explicit := len(opts.IDs) > 0

	var (
		report Report
		mu     sync.Mutex
		wg     sync.WaitGroup
		jobs   = make(chan redline.Story)
	)
	for range min(t.workers, max(len(stories), 1)) {
		wg.Go(func() {
			for st := range jobs {
				// Decided when the story is taken, not when it is queued, so
				// a host that failed a moment ago in another worker (or in
				// this one, just before) is not asked again in this pass.
				if feedCtx.Err() != nil || !explicit && t.hosts.blockedFor(hostOf(st.URL)) > 0 {
					continue
				}
				sr := t.CheckStory(ctx, st)
				mu.Lock()
				report.add(sr)
				done := len(report.Stories)
				mu.Unlock()
				if opts.Progress != nil {
					opts.Progress(done, len(stories), sr)
				}
			}
		})
	}
feed:
	for _, st := range stories {
		if feedCtx.Err() != nil {
			break
		}
		select {
		case jobs <- st:
		case <-feedCtx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	report.Skipped = len(stories) - len(report.Stories)
	slices.SortFunc(report.Stories, func(a, b StoryResult) int { return cmp.Compare(a.ID, b.ID) })
	if len(report.Stories) == 0 && feedCtx.Err() != nil && len(stories) > 0 {
		return report, fmt.Errorf("crawl: stopped before any story was checked: %w", feedCtx.Err())
	}
	return report, nil
}

func (t *Tracker) selectStories(opts OnceOptions) ([]redline.Story, error) {
	if len(opts.IDs) > 0 {
		out := make([]redline.Story, 0, len(opts.IDs))
		for _, id := range opts.IDs {
			st, err := t.store.Story(id)
			if err != nil {
				return nil, fmt.Errorf("crawl story %d: %w", id, err)
			}
			out = append(out, st)
		}
		all, err := t.store.Stories()
		if err != nil {
			return nil, fmt.Errorf("crawl: list stories: %w", err)
		}
		t.known.refresh(all)
		return out, nil
	}
	all, err := t.store.Stories()
	if err != nil {
		return nil, fmt.Errorf("crawl: list stories: %w", err)
	}
	t.known.refresh(all)
	now := t.now()
	var due []redline.Story
	for _, st := range all {
		if opts.All && st.Status != redline.StatusPaused && st.Status != redline.StatusGone || st.Due(now) {
			due = append(due, st)
		}
	}
	return due, nil
}

// NextDue reports when the next story is due, so a daemon can sleep exactly
// that long. A story never checked is due now; the zero time means no
// story is scheduled at all (every story is paused or gone).
func (t *Tracker) NextDue() (time.Time, error) {
	all, err := t.store.Stories()
	if err != nil {
		return time.Time{}, err
	}
	var next time.Time
	for _, st := range all {
		if st.Status == redline.StatusPaused || st.Status == redline.StatusGone {
			continue
		}
		due := st.NextCheck
		if due.IsZero() {
			due = t.now()
		}
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	return next, nil
}

// ErrBusy is returned by Once when another pass is still running in this
// process; passes never pile up behind each other.
var ErrBusy = errors.New("a crawl is already running")
