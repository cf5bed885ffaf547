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

// ResultSkipped is the result of a story a pass selected but did not
// check: its host was paused, the run budget was spent, or the pass
// stopped. It is never recorded as a check.
const ResultSkipped redline.CheckResult = "skipped"

// StoryResult is the outcome of one story in a pass. Its JSON shape is
// part of `redline crawl --json`.
type StoryResult struct {
	ID      redline.StoryID     `json:"id"`
	URL     string              `json:"url"`
	Result  redline.CheckResult `json:"result"`
	Version int                 `json:"version"`
	Error   string              `json:"error"`
	Summary string              `json:"summary,omitempty"`
	// Reason says why a story was skipped.
	Reason string `json:"reason,omitempty"`
	// HostPausedUntil is when the story's host may be asked again, set
	// when the host is paused: on the skipped stories, and on the failure
	// that paused it.
	HostPausedUntil time.Time `json:"host_paused_until,omitzero"`
	// RetryAfter is the server's requested pause, used for host back-off.
	RetryAfter time.Duration `json:"-"`
	// Elapsed is the fetch's wall time when it got an answer (0 when the
	// fetch failed), and Err the cause of a failed check; both are for
	// metrics, which must classify the error rather than its text.
	Elapsed time.Duration `json:"-"`
	Err     error         `json:"-"`

	local *LocalError // redline's own failure: the pass stops with it
}

// Report sums up a pass; its JSON shape is `redline crawl --json`. Stories
// lists every story the pass selected, the skipped ones included.
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

// Checked counts the stories the pass checked (every one not skipped).
func (r Report) Checked() int { return len(r.Stories) - r.Skipped }

func (r *Report) add(sr StoryResult) {
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

// errBudgetSpent ends the feeding of a pass whose run budget ran out.
var errBudgetSpent = errors.New("run budget spent")

// Once runs one pass over the stories that are due (or those opts names).
// It is exactly what the daemon runs on every tick. Per-story failures are
// in the report, not the error; the error is for the pass itself: the
// context ending before anything ran, or a *LocalError (the store failing
// a write, a full disk), which stops the pass at once.
func (t *Tracker) Once(ctx context.Context, opts OnceOptions) (rep Report, err error) {
	if !t.runMu.TryLock() {
		return Report{}, ErrBusy
	}
	defer t.runMu.Unlock()
	if t.observer != nil {
		start := time.Now()
		t.observer.PassStarted(t.now())
		defer func() { t.observer.PassDone(rep, time.Since(start), err) }()
	}

	if err := t.hosts.load(); err != nil {
		return Report{}, fmt.Errorf("crawl: %w", err)
	}
	stories, err := t.selectStories(opts)
	if err != nil {
		return Report{}, err
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

	var (
		report   Report
		mu       sync.Mutex
		wg       sync.WaitGroup
		jobs     = make(chan int)
		done     = make([]bool, len(stories))
		localErr *LocalError
	)
	record := func(i int, sr StoryResult) {
		mu.Lock()
		done[i] = true
		report.add(sr)
		n := len(report.Stories)
		if sr.local != nil && localErr == nil {
			localErr = sr.local
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
						record(i, StoryResult{ID: st.ID, URL: st.URL, Result: ResultSkipped, Version: st.Versions,
							Reason: fmt.Sprintf("host %s paused: %s", hostOf(st.URL), why), HostPausedUntil: until})
						continue
					}
				}
				record(i, t.CheckStory(ctx, st))
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
	reason := stopReason(feedCtx)
	for i, st := range stories {
		if !done[i] {
			report.add(StoryResult{ID: st.ID, URL: st.URL, Result: ResultSkipped, Version: st.Versions, Reason: reason})
		}
	}
	if ctx.Err() == nil && localErr == nil {
		t.applyRetention()
	}
	slices.SortFunc(report.Stories, func(a, b StoryResult) int { return cmp.Compare(a.ID, b.ID) })
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
		return out, nil
	}
	all, err := t.store.Stories()
	if err != nil {
		return nil, fmt.Errorf("crawl: list stories: %w", err)
	}
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
