package tracker

import (
	"fmt"
	"hash/fnv"
	"math"
	"time"

	"github.com/redline-news/redline"
)

// Schedule decides when each story is checked next. Stories are checked
// often while they are young or changing and less often as they settle;
// a rung of the ladder is left once the story has been quiet for
// SettleFactor times that rung's interval.
type Schedule struct {
	Ladder       []time.Duration
	YoungFor     time.Duration // stories younger than this stay on the first rung
	RecentChange time.Duration // a change within this window puts a story back on the first rung
	StopAfter    time.Duration // quiet this long: stop checking (0 = never)
	Jitter       float64       // ± fraction of the interval, so stories do not fire together
	MaxBackoff   time.Duration // cap of the failure back-off
	SettleFactor int
}

// DefaultSchedule is the ladder the issue tracker and README describe.
func DefaultSchedule() Schedule {
	return Schedule{
		Ladder:       []time.Duration{5 * time.Minute, 15 * time.Minute, time.Hour, 6 * time.Hour, 24 * time.Hour},
		YoungFor:     3 * time.Hour,
		RecentChange: time.Hour,
		StopAfter:    72 * time.Hour,
		Jitter:       0.1,
		MaxBackoff:   24 * time.Hour,
		SettleFactor: 4,
	}
}

// Plan is the outcome of scheduling one story.
type Plan struct {
	Next   time.Time
	Reason string
	// Stop is true when the story has been quiet for StopAfter.
	Stop bool
}

// Next plans the check after one that ended at now. retryAfter is the
// server's Retry-After, if any; it is always honoured.
func (s Schedule) Next(st redline.Story, now time.Time, retryAfter time.Duration) Plan {
	interval, reason := s.interval(st, now)
	if st.Failures > 0 {
		backoff := time.Duration(float64(interval) * math.Pow(2, float64(st.Failures)))
		if s.MaxBackoff > 0 && (backoff > s.MaxBackoff || backoff <= 0) {
			backoff = s.MaxBackoff
		}
		interval = backoff
		reason = fmt.Sprintf("back-off after %d failed check(s)", st.Failures)
	}
	if retryAfter > 0 && retryAfter >= interval {
		interval = retryAfter
		reason = fmt.Sprintf("server asked to retry after %s", retryAfter.Round(time.Second))
	}
	if st.Every == 0 && st.Failures == 0 && s.StopAfter > 0 {
		if quiet := now.Sub(lastActivity(st)); quiet >= s.StopAfter {
			return Plan{Stop: true, Reason: fmt.Sprintf("no change for %s", quiet.Round(time.Minute))}
		}
	}
	// Jitter may spread checks out but never earlier than the server asked.
	return Plan{Next: now.Add(max(s.jitter(st, interval), retryAfter)), Reason: reason}
}

func (s Schedule) interval(st redline.Story, now time.Time) (time.Duration, string) {
	if st.Every > 0 {
		return st.Every, fmt.Sprintf("fixed interval %s", st.Every)
	}
	if len(s.Ladder) == 0 {
		return time.Hour, "default interval"
	}
	if now.Sub(st.AddedAt) < s.YoungFor {
		return s.Ladder[0], "young story"
	}
	if !st.LastChanged.IsZero() && now.Sub(st.LastChanged) < s.RecentChange {
		return s.Ladder[0], "changed recently"
	}
	quiet := now.Sub(lastActivity(st))
	settle := time.Duration(max(s.SettleFactor, 1))
	rung := 0
	for rung < len(s.Ladder)-1 && quiet >= settle*s.Ladder[rung] {
		rung++
	}
	return s.Ladder[rung], fmt.Sprintf("quiet for %s", quiet.Round(time.Minute))
}

// lastActivity is when the story last changed, or when it was added if it
// never has.
func lastActivity(st redline.Story) time.Time {
	if st.LastChanged.After(st.AddedAt) {
		return st.LastChanged
	}
	return st.AddedAt
}

// jitter spreads checks by a deterministic per-story, per-slot offset:
// deterministic so tests with a fixed clock can predict it, varied so a
// hundred stories tracked at once do not stay in lock-step.
func (s Schedule) jitter(st redline.Story, d time.Duration) time.Duration {
	if s.Jitter <= 0 || d <= 0 {
		return d
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d", st.ID, st.LastChecked.UnixNano())
	frac := float64(h.Sum64()%10000)/10000*2 - 1 // [-1, 1)
	return d + time.Duration(frac*s.Jitter*float64(d))
}
