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
	Progress func(done, total int, r redline.StoryResult)
}

// ResultSkipped is redline.ResultSkipped, kept here where passes use it.
const ResultSkipped = redline.ResultSkipped

func addResult(r *redline.CrawlReport, sr redline.StoryResult) {
	r.Stories = append(r.Stories, sr)
	switch sr.Result {
	case ResultSkipped:
		r.Skipped++
		return
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

// recount is the report with the results the batch could not record
// corrected, and its counts made again from them.
func recount(r redline.CrawlReport, batch *checkBatch) redline.CrawlReport {
	batch.correct(r.Stories)
	out := redline.CrawlReport{Stories: make([]redline.StoryResult, 0, len(r.Stories))}
	for _, sr := range r.Stories {
		addResult(&out, sr)
	}
	return out
}

// errBudgetSpent ends the feeding of a pass whose run budget ran out.
var errBudgetSpent = errors.New("run budget spent")

// Once runs one pass over the stories that are due (or those opts names).
// It is exactly what the daemon runs on every tick. Per-story failures are
// in the report, not the error; the error is for the pass itself: the
// context ending before anything ran, or a *LocalError (the store failing
// a write, a full disk), which stops the pass at once.
func (t *Tracker) Once(ctx context.Context, opts OnceOptions) (rep redline.CrawlReport, err error) {
	if !t.runMu.TryLock() {
		return redline.CrawlReport{}, ErrBusy
	}
	defer t.runMu.Unlock()
	if t.observer != nil {
		start := time.Now()
		t.observer.PassStarted(t.now())
		defer func() { t.observer.PassDone(rep, time.Since(start), err) }()
	}

	if err := t.hosts.load(); err != nil {
		return redline.CrawlReport{}, fmt.Errorf("crawl: %w", err)
	}
	stories, err := t.selectStories(opts)
	if err != nil {
		return redline.CrawlReport{}, err
	}
	// The budget only bounds when checks may start: a check already under
	// way finishes under ctx, so running out of budget never turns into a
	// failed check or a host back-off.
	feedCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	if opts.Budget > 0 {
		var cancel context.CancelFunc
		feedCtx, cancel = context.WithTimeoutCause(feedCtx, opts.Budget, errBudgetSpent)
		defer cancel()
	}
	explicit := len(opts.IDs) > 0

	batch := newCheckBatch(t.store)
	var (
		report   redline.CrawlReport
		mu       sync.Mutex
		wg       sync.WaitGroup
		jobs     = make(chan int)
		done     = make([]bool, len(stories))
		localErr *LocalError
	)
	record := func(i int, sr redline.StoryResult) {
		mu.Lock()
		done[i] = true
		addResult(&report, sr)
		n := len(report.Stories)
		if le, ok := sr.Err.(*LocalError); ok && localErr == nil {
			localErr = le
			stop(localErr)
		}
		mu.Unlock()
		if t.observer != nil && sr.Result != ResultSkipped {
			t.observer.Checked(sr)
		}
		if opts.Progress != nil {
			opts.Progress(n, len(stories), sr)
		}
	}
	stopFlushing := batch.flushEvery(t.batchEvery, func(le *LocalError) {
		mu.Lock()
		defer mu.Unlock()
		if localErr == nil {
			localErr = le
			stop(localErr)
		}
	})
	for range min(t.workers, max(len(stories), 1)) {
		wg.Go(func() {
			for i := range jobs {
				st := stories[i]
				if feedCtx.Err() != nil {
					continue // listed as skipped below, with the cause
				}
				// Decided when the story is taken, not when it is queued, so
				// a host paused a moment ago by another worker (or by this
				// one, just before) is not asked again in this pass.
				if !explicit {
					if until, why := t.hosts.pausedUntil(hostOf(st.URL)); !until.IsZero() {
						record(i, redline.StoryResult{ID: st.ID, URL: st.URL, Result: ResultSkipped, Version: st.Versions,
							Reason: fmt.Sprintf("host %s paused: %s", hostOf(st.URL), why), HostPausedUntil: until})
						continue
					}
				}
				record(i, t.check(ctx, st, batch))
			}
		})
	}
feed:
	for i := range stories {
		if feedCtx.Err() != nil {
			break
		}
		select {
		case jobs <- i:
		case <-feedCtx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	stopFlushing()
	if err := batch.flush(); err != nil && localErr == nil {
		errors.As(err, &localErr) // flush fails only with a *LocalError
	}
	if batch.corrections() {
		report = recount(report, batch)
	}
	reason := stopReason(feedCtx)
	for i, st := range stories {
		if !done[i] {
			addResult(&report, redline.StoryResult{ID: st.ID, URL: st.URL, Result: ResultSkipped, Version: st.Versions, Reason: reason})
		}
	}
	if ctx.Err() == nil && localErr == nil {
		t.applyRetention()
	}
	slices.SortFunc(report.Stories, func(a, b redline.StoryResult) int { return cmp.Compare(a.ID, b.ID) })
	if localErr != nil {
		return report, localErr
	}
	if report.Checked() == 0 && feedCtx.Err() != nil && len(stories) > 0 {
		if cause := context.Cause(feedCtx); cause != feedCtx.Err() {
			return report, fmt.Errorf("crawl: stopped before any story was checked: %w (%w)", cause, feedCtx.Err())
		}
		return report, fmt.Errorf("crawl: stopped before any story was checked: %w", feedCtx.Err())
	}
	return report, nil
}

// stopReason says why a pass left stories unchecked.
func stopReason(feedCtx context.Context) string {
	cause := context.Cause(feedCtx)
	var le *LocalError
	switch {
	case errors.As(cause, &le):
		return "pass stopped: " + localProblem(le.Err)
	case errors.Is(cause, errBudgetSpent):
		return "run budget spent"
	case cause != nil:
		return "pass cancelled: " + cause.Error()
	}
	return "not reached"
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
var ErrBusy = redline.ErrBusy
