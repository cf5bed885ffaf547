package tracker

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// Host back-off. A pause doubles from hostBackoffBase up to hostBackoffMax
// with each consecutive pause; a Retry-After always wins, even past the cap.
// One story's 5xx is that story's trouble; hostStreak distinct stories of
// the host answering 5xx with no success in between, within hostStreakWindow
// of the first, are the host's.
const (
	hostBackoffBase  = 30 * time.Second
	hostBackoffMax   = time.Hour
	hostStreak       = 3
	hostStreakWindow = 10 * time.Minute
)

// hostBackoff keeps the host records of the store in memory during a pass,
// writing every change through, so a pause outlives the process: a cron
// crawl respects the pause the previous run set. Only the process holding
// the database runs passes, so the copy loaded at the start of a pass
// stays true.
type hostBackoff struct {
	store *store.Store
	now   func() time.Time

	mu    sync.Mutex
	hosts map[string]store.HostRecord
}

// load reads the stored host records, replacing what is in memory.
func (h *hostBackoff) load() error {
	recs, err := h.store.Hosts()
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hosts = make(map[string]store.HostRecord, len(recs))
	for _, r := range recs {
		h.hosts[r.Host] = r
	}
	return nil
}

// pause stops asking host, for reason, doubling on each consecutive pause.
func (h *hostBackoff) pause(host string, retryAfter time.Duration, reason string) (time.Time, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pauseLocked(h.record(host), retryAfter, reason)
}

func (h *hostBackoff) pauseLocked(r store.HostRecord, retryAfter time.Duration, reason string) (time.Time, error) {
	now := h.now()
	if r.Until.After(now) {
		// A fetch that was under way when the host was paused adds no
		// evidence: the pause stands, stretched only for a Retry-After.
		if until := now.Add(retryAfter); until.After(r.Until) {
			r.Until = until
			return r.Until, h.putLocked(r)
		}
		return r.Until, nil
	}
	r.Failures++
	wait := min(hostBackoffBase<<min(r.Failures-1, 10), hostBackoffMax)
	wait = max(wait, retryAfter)
	r.Until, r.Reason = now.Add(wait), reason
	r.Streak, r.StreakSince = nil, time.Time{}
	return r.Until, h.putLocked(r)
}

// serverError counts a 5xx answer to story towards the host's streak and
// pauses the host once hostStreak distinct stories are in it. It returns
// the pause's end, zero when the host is not paused.
func (h *hostBackoff) serverError(host string, story redline.StoryID, status int) (time.Time, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.record(host)
	now := h.now()
	if len(r.Streak) == 0 || now.Sub(r.StreakSince) > hostStreakWindow {
		r.Streak, r.StreakSince = nil, now
	}
	if !slices.Contains(r.Streak, uint64(story)) {
		r.Streak = append(r.Streak, uint64(story))
	}
	if len(r.Streak) >= hostStreak {
		reason := fmt.Sprintf("%d stories in a row answered HTTP 5xx (last: %d)", len(r.Streak), status)
		return h.pauseLocked(r, 0, reason)
	}
	return time.Time{}, h.putLocked(r)
}

// answered forgets the host's trouble: it gave a real answer.
func (h *hostBackoff) answered(host string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.hosts[host]; !ok {
		return nil // the common case costs no write
	}
	if err := h.store.DeleteHost(host); err != nil {
		return err
	}
	delete(h.hosts, host)
	return nil
}

// pausedUntil reports when the host's pause ends and why it was paused;
// the zero time when it is not paused now.
func (h *hostBackoff) pausedUntil(host string) (time.Time, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.hosts[host]
	if !ok || !r.Until.After(h.now()) {
		return time.Time{}, ""
	}
	return r.Until, r.Reason
}

func (h *hostBackoff) record(host string) store.HostRecord {
	if r, ok := h.hosts[host]; ok {
		return r
	}
	return store.HostRecord{Host: host}
}

// putLocked writes r through and only then keeps it, so memory never
// claims a pause the store does not hold.
func (h *hostBackoff) putLocked(r store.HostRecord) error {
	if err := h.store.PutHost(r); err != nil {
		return err
	}
	if h.hosts == nil {
		h.hosts = map[string]store.HostRecord{}
	}
	h.hosts[r.Host] = r
	return nil
}

// PausedHosts lists the hosts paused now, by host name.
func (t *Tracker) PausedHosts() ([]redline.HostPause, error) {
	return PausedHosts(t.store, t.now())
}

// PausedHosts lists the hosts whose pause, as stored in s, has not ended
// at now. It serves readers that hold the store without a tracker, such as
// a read-only `redline list`.
func PausedHosts(s *store.Store, now time.Time) ([]redline.HostPause, error) {
	recs, err := s.Hosts()
	if err != nil {
		return nil, fmt.Errorf("tracker: paused hosts: %w", err)
	}
	out := []redline.HostPause{}
	for _, r := range recs {
		if r.Until.After(now) {
			out = append(out, redline.HostPause{Host: r.Host, Until: r.Until, Failures: r.Failures, Reason: r.Reason})
		}
	}
	return out, nil
}
