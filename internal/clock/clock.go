// Package clock is a settable clock: the tests use it to make schedules
// predictable, and the offline demo to make a morning of edits pass in
// seconds. Pass its Now method wherever a package takes a
// `Now func() time.Time`.
package clock

import (
	"sync"
	"time"
)

// Manual is a clock that moves only when told to. It is safe for
// concurrent use.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a clock stopped at t.
func New(t time.Time) *Manual { return &Manual{now: t} }

// Now returns the clock's current time; it only moves when told to.
func (c *Manual) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (backwards for a negative d).
func (c *Manual) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Manual) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
