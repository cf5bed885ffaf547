package tracker

import (
	"errors"
	"fmt"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/store"
)

// failFetch records a fetch that failed, and tells the host back-off what
// the failure says about the host: a refused connection or a 429/503
// pauses it, a 5xx counts towards its streak, anything else with an answer
// ends the streak.
func (t *Tracker) failFetch(log loggerLike, st redline.Story, sr redline.StoryResult, cause error) redline.StoryResult {
	if errors.Is(cause, crawler.ErrClosed) {
		return t.failLocal(log, st, sr, cause)
	}
	host := hostOf(st.URL)
	var (
		until time.Time
		err   error
	)
	kind, reason := classifyFetch(cause)
	switch {
	case kind == hostTrouble:
		until, err = t.hosts.pause(host, retryAfterOf(cause), reason)
	case kind == serverTrouble:
		until, err = t.hosts.serverError(host, st.ID, statusOf(cause))
	case answeredFetch(cause):
		err = t.hosts.answered(host)
	}
	if err != nil {
		return t.failLocal(log, st, sr, err)
	}
	if !until.IsZero() {
		sr.HostPausedUntil = until
		paused, why := t.hosts.pausedUntil(host)
		t.logger.Warn("host paused", logHost, host, logUntil, paused, logReason, why)
	}
	return t.fail(log, st, sr, 0, cause)
}

// fail records a failed check against the story. 404 and 410 mark it gone;
// anything else backs it off.
func (t *Tracker) fail(log loggerLike, st redline.Story, sr redline.StoryResult, status int, cause error) redline.StoryResult {
	sr.Result, sr.Error, sr.Version, sr.Err = redline.ResultFailed, cause.Error(), st.Versions, cause
	if s := statusOf(cause); s != 0 {
		status = s
		sr.RetryAfter = retryAfterOf(cause)
	}
	gone := errors.Is(cause, redline.ErrGone)
	if gone {
		sr.Result = redline.ResultGone
	}
	log.Warn("check failed", logError, cause)
	check := redline.Check{At: t.now(), Result: sr.Result, HTTPStatus: status, Error: sr.Error, Version: st.Versions}
	return t.finish(log, st, sr, check, func(s *redline.Story) {
		s.LastError = sr.Error
		if gone {
			s.Status = redline.StatusGone
			return
		}
		s.Failures++
		s.Status = redline.StatusFailing
	})
}

// storeFailed handles an error from the store during a check. A story
// deleted meanwhile (purged by its user) is not recreated and not a
// failure; anything else is redline's own trouble.
func (t *Tracker) storeFailed(log loggerLike, st redline.Story, sr redline.StoryResult, err error) redline.StoryResult {
	if errors.Is(err, redline.ErrStoryNotFound) {
		return purged(log, sr)
	}
	return t.failLocal(log, st, sr, err)
}

// failLocal gives up on a check because redline itself failed. Nothing is
// recorded: the story keeps its schedule and status, no host is blamed,
// and the pass stops with the error.
func (t *Tracker) failLocal(log loggerLike, st redline.Story, sr redline.StoryResult, err error) redline.StoryResult {
	le := &LocalError{Story: st.ID, URL: st.URL, Err: err}
	log.Debug("check abandoned: local failure", logError, err) // Once returns it
	sr.Result, sr.Error, sr.Version, sr.Err = redline.ResultFailed, le.Error(), st.Versions, le
	return sr
}

// purged reports a story deleted while it was being checked.
func purged(log loggerLike, sr redline.StoryResult) redline.StoryResult {
	log.Info("story deleted during its check; nothing recorded")
	return purgedResult(sr)
}

func purgedResult(sr redline.StoryResult) redline.StoryResult {
	sr.Result, sr.Reason, sr.Version = ResultSkipped, "story deleted while it was checked; nothing recorded", 0
	return sr
}

// finish records the check and moves the story's schedule forward. The
// story is re-read inside the transaction, so a user's decision taken
// while the fetch was in flight wins: a paused story stays paused with no
// next check whatever the check found, and a deleted one stays deleted.
func (t *Tracker) finish(log loggerLike, st redline.Story, sr redline.StoryResult, c redline.Check, update func(*redline.Story)) redline.StoryResult {
	_, err := t.store.RecordCheck(st.ID, c, t.advance(sr, c, update, t.now()))
	if errors.Is(err, redline.ErrStoryNotFound) {
		return purged(log, sr)
	}
	if err != nil {
		return t.failLocal(log, st, sr, fmt.Errorf("record check: %w", err))
	}
	return sr
}

// finishUnchanged is finish for a check that found nothing new: within a
// pass it joins the pass's batch (see checkBatch) instead of committing on
// its own.
func (t *Tracker) finishUnchanged(b *checkBatch, log loggerLike, st redline.Story, sr redline.StoryResult, c redline.Check, update func(*redline.Story)) redline.StoryResult {
	if b == nil {
		return t.finish(log, st, sr, c, update)
	}
	rec := store.CheckRecord{Story: st.ID, Check: c, Update: t.advance(sr, c, update, t.now())}
	if err := b.add(rec, st.URL); err != nil {
		log.Debug("check abandoned: local failure", logError, err) // Once returns it
		sr.Result, sr.Error, sr.Version, sr.Err = redline.ResultFailed, err.Error(), st.Versions, err
	}
	return sr
}

// advance is what recording check c does to its story, applied to the
// story as stored when the record is written: update, then the schedule.
func (t *Tracker) advance(sr redline.StoryResult, c redline.Check, update func(*redline.Story), now time.Time) func(*redline.Story) error {
	return func(s *redline.Story) error {
		if s.Status == redline.StatusPaused {
			kept := *s
			update(s)
			s.LastChecked = now
			s.Status, s.NextCheck, s.NextReason = kept.Status, kept.NextCheck, kept.NextReason
			s.Failures, s.LastError = kept.Failures, kept.LastError
			return nil
		}
		update(s)
		s.LastChecked = now
		if c.Result != redline.ResultFailed && c.Result != redline.ResultGone {
			s.Failures, s.LastError = 0, ""
			if s.Status == redline.StatusFailing {
				s.Status = redline.StatusActive
			}
		}
		if s.Status == redline.StatusGone {
			s.NextCheck, s.NextReason = time.Time{}, "page is gone (HTTP 404/410)"
			return nil
		}
		plan := t.schedule.Next(*s, now, sr.RetryAfter)
		if plan.Stop {
			s.Status, s.NextCheck, s.NextReason = redline.StatusPaused, time.Time{}, "stopped: "+plan.Reason
			return nil
		}
		s.NextCheck, s.NextReason = plan.Next, plan.Reason
		return nil
	}
}

// statusOf is the HTTP status of a fetch error, 0 when it has none.
func statusOf(err error) int {
	var se *crawler.StatusError
	if errors.As(err, &se) {
		return se.StatusCode
	}
	return 0
}

// retryAfterOf is the server's Retry-After carried by a fetch error.
func retryAfterOf(err error) time.Duration {
	var se *crawler.StatusError
	if errors.As(err, &se) {
		return se.RetryAfter
	}
	return 0
}
