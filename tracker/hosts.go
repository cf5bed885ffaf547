package tracker

import (
	"sync"
	"time"
)

// hostBackoff pauses a whole host after server trouble (5xx, 429,
// connection errors), doubling the pause on each consecutive failure, so
// one struggling site is not hammered by every story it has.
type hostBackoff struct {
	now func() time.Time

	mu    sync.Mutex
	hosts map[string]hostState
}

type hostState struct {
	failures int
	until    time.Time
}

const (
	hostBackoffBase = 30 * time.Second
	hostBackoffMax  = time.Hour
)

func (h *hostBackoff) failed(host string, retryAfter time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hosts == nil {
		h.hosts = map[string]hostState{}
	}
	s := h.hosts[host]
	s.failures++
	wait := hostBackoffBase << min(s.failures-1, 10)
	wait = min(wait, hostBackoffMax)
	wait = max(wait, retryAfter)
	s.until = h.now().Add(wait)
	h.hosts[host] = s
}

func (h *hostBackoff) succeeded(host string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.hosts, host)
}

// blockedFor is how long the host is still paused (0 if it is not).
func (h *hostBackoff) blockedFor(host string) time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.hosts[host]
	if !ok {
		return 0
	}
	return max(s.until.Sub(h.now()), 0)
}
