package tracker_test

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
)

// ladder is the default ladder without jitter, so plans are exact.
func ladder() tracker.Schedule {
	s := tracker.DefaultSchedule()
	s.Jitter = 0
	return s
}

func TestSchedule_Next(t *testing.T) {
	t.Parallel()
	now := epoch
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	// settled isolates the ladder: no young or recent-change shortcut,
	// no stop.
	settled := ladder()
	settled.YoungFor, settled.RecentChange, settled.StopAfter = 0, 0, 0
	capped := ladder()
	capped.MaxBackoff = time.Hour

	for _, tc := range []struct {
		name       string
		sched      tracker.Schedule
		story      redline.Story
		retryAfter time.Duration
		want       time.Duration // from now; ignored when stop
		stop       bool
		reason     string // a substring of Plan.Reason
	}{
		{"young story", ladder(), redline.Story{AddedAt: ago(2 * time.Hour)}, 0, 5 * time.Minute, false, "young"},
		{"changed recently", ladder(), redline.Story{AddedAt: ago(30 * time.Hour), LastChanged: ago(40 * time.Minute)}, 0, 5 * time.Minute, false, "changed recently"},
		{"quiet past 4x first rung", settled, redline.Story{AddedAt: ago(20 * time.Minute)}, 0, 15 * time.Minute, false, "quiet"},
		{"quiet just under 4x first rung", settled, redline.Story{AddedAt: ago(19 * time.Minute)}, 0, 5 * time.Minute, false, "quiet"},
		{"quiet just under 4x second rung", settled, redline.Story{AddedAt: ago(59 * time.Minute)}, 0, 15 * time.Minute, false, "quiet"},
		{"quiet 4x second rung", settled, redline.Story{AddedAt: ago(time.Hour)}, 0, time.Hour, false, "quiet"},
		{"quiet 4x third rung", settled, redline.Story{AddedAt: ago(4 * time.Hour)}, 0, 6 * time.Hour, false, "quiet"},
		{"quiet long: last rung", settled, redline.Story{AddedAt: ago(500 * time.Hour)}, 0, 24 * time.Hour, false, "quiet"},
		{"quiet measured from last change", settled, redline.Story{AddedAt: ago(500 * time.Hour), LastChanged: ago(30 * time.Minute)}, 0, 15 * time.Minute, false, "quiet"},
		{"default ladder after young", ladder(), redline.Story{AddedAt: ago(5 * time.Hour), LastChanged: ago(3 * time.Hour)}, 0, time.Hour, false, "quiet"},
		{"stop after", ladder(), redline.Story{AddedAt: ago(100 * time.Hour), LastChanged: ago(72 * time.Hour)}, 0, 0, true, "no change"},
		{"not yet stop", ladder(), redline.Story{AddedAt: ago(100 * time.Hour), LastChanged: ago(71 * time.Hour)}, 0, 24 * time.Hour, false, "quiet"},
		{"fixed every", ladder(), redline.Story{AddedAt: ago(time.Minute), Every: 7 * time.Minute}, 0, 7 * time.Minute, false, "fixed"},
		{"fixed every never stops", ladder(), redline.Story{AddedAt: ago(1000 * time.Hour), Every: 2 * time.Hour}, 0, 2 * time.Hour, false, "fixed"},
		{"one failure doubles", ladder(), redline.Story{AddedAt: ago(time.Hour), Failures: 1}, 0, 10 * time.Minute, false, "back-off"},
		{"three failures", ladder(), redline.Story{AddedAt: ago(time.Hour), Failures: 3}, 0, 40 * time.Minute, false, "back-off"},
		{"back-off capped", capped, redline.Story{AddedAt: ago(time.Hour), Failures: 5}, 0, time.Hour, false, "back-off"},
		{"back-off capped, huge count", capped, redline.Story{AddedAt: ago(time.Hour), Failures: 400}, 0, time.Hour, false, "back-off"},
		{"failing story does not stop", ladder(), redline.Story{AddedAt: ago(100 * time.Hour), Failures: 1}, 0, 24 * time.Hour, false, "back-off"},
		{"retry-after beyond interval", ladder(), redline.Story{AddedAt: ago(time.Hour)}, 2 * time.Hour, 2 * time.Hour, false, "retry"},
		{"retry-after shorter than back-off", ladder(), redline.Story{AddedAt: ago(time.Hour), Failures: 2}, time.Minute, 20 * time.Minute, false, "back-off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.sched.Next(tc.story, now, tc.retryAfter)
			if p.Stop != tc.stop {
				t.Fatalf("stop %v (%s), want %v", p.Stop, p.Reason, tc.stop)
			}
			if !tc.stop && p.Next.Sub(now) != tc.want {
				t.Errorf("next in %s (%s), want %s", p.Next.Sub(now), p.Reason, tc.want)
			}
			if !strings.Contains(strings.ToLower(p.Reason), tc.reason) {
				t.Errorf("reason %q does not mention %q", p.Reason, tc.reason)
			}
		})
	}
}

// TestSchedule_Jitter: the jitter stays within ±Jitter of the interval, is
// the same for the same story and check, differs between stories, and
// never brings a check before the server's Retry-After.
func TestSchedule_Jitter(t *testing.T) {
	t.Parallel()
	s := tracker.DefaultSchedule()
	const every = time.Hour
	lo, hi := every-time.Duration(s.Jitter*float64(every)), every+time.Duration(s.Jitter*float64(every))
	seen := map[time.Duration]bool{}
	for id := redline.StoryID(1); id <= 300; id++ {
		st := redline.Story{ID: id, AddedAt: epoch.Add(-time.Hour), Every: every, LastChecked: epoch.Add(-time.Duration(id) * time.Second)}
		p := s.Next(st, epoch, 0)
		d := p.Next.Sub(epoch)
		if d < lo || d > hi {
			t.Errorf("story %d: next in %s, outside [%s, %s]", id, d, lo, hi)
		}
		if again := s.Next(st, epoch, 0); !again.Next.Equal(p.Next) {
			t.Errorf("story %d: jitter not deterministic: %v then %v", id, p.Next, again.Next)
		}
		seen[d] = true

		retry := redline.Story{ID: id, AddedAt: epoch.Add(-time.Hour), Failures: 1, LastChecked: st.LastChecked}
		if r := s.Next(retry, epoch, 10*time.Minute); r.Next.Before(epoch.Add(10 * time.Minute)) {
			t.Errorf("story %d: next in %s is before Retry-After 10m (%s)", id, r.Next.Sub(epoch), r.Reason)
		}
	}
	if len(seen) < 100 {
		t.Errorf("only %d distinct offsets over 300 stories: stories would fire together", len(seen))
	}
}
