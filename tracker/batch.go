package tracker

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// Most of what a pass records is unchanged checks, and each was a write
// transaction of its own: a commit and an fsync per story. A pass commits
// them together instead. Only they wait: a new version, a failure, a
// suspect extraction and a re-read are written before their check
// returns, as before. A crash loses at most the unchanged checks not yet
// committed; nothing stored is lost, and those stories, their schedule
// not moved, are simply due again.
const (
	// batchSize is how many unchanged checks one commit takes at most.
	batchSize = 64
	// batchAge is how often a pass commits what is waiting, so a slow pass
	// keeps what it learnt as it goes.
	batchAge = time.Second
)

// checkBatch holds a pass's unchanged checks until they are committed.
// It is safe for concurrent use by the pass's workers.
type checkBatch struct {
	store *store.Store

	mu      sync.Mutex
	pending []batched
	// gone are stories deleted before their check was committed; lost
	// are those whose commit failed. The pass corrects their results.
	gone map[redline.StoryID]bool
	lost map[redline.StoryID]error
}

type batched struct {
	rec store.CheckRecord
	url string
}

func newCheckBatch(s *store.Store) *checkBatch {
	return &checkBatch{store: s, gone: map[redline.StoryID]bool{}, lost: map[redline.StoryID]error{}}
}

// add queues one check and commits the queue once it is full. The error
// is a failed commit, a *LocalError for the pass to stop with.
func (b *checkBatch) add(rec store.CheckRecord, url string) error {
	b.mu.Lock()
	b.pending = append(b.pending, batched{rec: rec, url: url})
	var take []batched
	if len(b.pending) >= batchSize {
		take, b.pending = b.pending, nil
	}
	b.mu.Unlock()
	return b.commit(take)
}

// flushEvery commits what is queued every interval until stop is called,
// and hands a failed commit to failed. stop returns once it has stopped.
func (b *checkBatch) flushEvery(interval time.Duration, failed func(*LocalError)) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				var le *LocalError
				if err := b.flush(); errors.As(err, &le) {
					failed(le)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}

// flush commits whatever is queued; the pass calls it when its workers
// are done.
func (b *checkBatch) flush() error {
	b.mu.Lock()
	take := b.pending
	b.pending = nil
	b.mu.Unlock()
	return b.commit(take)
}

func (b *checkBatch) commit(take []batched) error {
	if len(take) == 0 {
		return nil
	}
	recs := make([]store.CheckRecord, len(take))
	for i, t := range take {
		recs[i] = t.rec
	}
	gone, err := b.store.RecordChecks(recs)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range gone {
		b.gone[id] = true
	}
	if err == nil {
		return nil
	}
	le := &LocalError{Story: take[0].rec.Story, URL: take[0].url, Err: fmt.Errorf("record checks: %w", err)}
	for _, t := range take {
		b.lost[t.rec.Story] = le
	}
	return le
}

// correct rewrites the results of checks the batch could not record: a
// story deleted meanwhile is reported as in a lone check, and a failed
// commit as the local failure it was.
func (b *checkBatch) correct(results []redline.StoryResult) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range results {
		sr := &results[i]
		switch {
		case b.gone[sr.ID]:
			*sr = purgedResult(*sr)
		case b.lost[sr.ID] != nil:
			le := b.lost[sr.ID]
			sr.Result, sr.Error, sr.Err = redline.ResultFailed, le.Error(), le
		}
	}
}

// corrections reports whether correct has anything to change.
func (b *checkBatch) corrections() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.gone) > 0 || len(b.lost) > 0
}
