package crawler

import (
	"context"
	"sync"
	"time"
)

// gate is the politeness state of one host: a semaphore for concurrent
// requests and the earliest time the next request may start.
type gate struct {
	slots chan struct{}

	mu        sync.Mutex
	nextStart time.Time // real (monotonic) clock, never Options.Now
}

func newGate(parallelism int) *gate {
	return &gate{slots: make(chan struct{}, parallelism)}
}

// acquire blocks until a request to g's host may start and a global slot
// is free, then returns the function that gives both back. The host slot
// is taken first and the global one last, and the global slot is never
// held while sleeping out the host delay, so a slow host cannot starve
// others of global slots.
func acquire(ctx context.Context, g *gate, global chan struct{}, delay time.Duration) (release func(), err error) {
	if err := take(ctx, g.slots); err != nil {
		return nil, err
	}
	for {
		g.mu.Lock()
		wait := time.Until(g.nextStart)
		g.mu.Unlock()
		if err := sleep(ctx, wait); err != nil {
			<-g.slots
			return nil, err
		}
		if err := take(ctx, global); err != nil {
			<-g.slots
			return nil, err
		}
		// Another request to the same host (HostParallelism > 1) may have
		// started while this one waited for the global slot: re-check.
		g.mu.Lock()
		now := time.Now()
		if !now.Before(g.nextStart) {
			g.nextStart = now.Add(delay)
			g.mu.Unlock()
			return func() { <-global; <-g.slots }, nil
		}
		g.mu.Unlock()
		<-global
	}
}

// sent records that a request to g's host went out at now. acquire
// already counted the delay from when the slot was granted; counting it
// again from the moment of sending keeps the gap the host sees at least
// the delay even when the time between grant and send varies (GC, a
// loaded scheduler), and spaces out the hops of a redirect chain too.
func (g *gate) sent(now time.Time, delay time.Duration) {
	if delay <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if next := now.Add(delay); next.After(g.nextStart) {
		g.nextStart = next
	}
}

// delayOver reports whether a new request could start at now, so that
// forgetting g cannot make the next request to its host start too early.
func (g *gate) delayOver(now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return !now.Before(g.nextStart)
}

func take(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	default:
	}
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
