package deliver

import (
	"errors"
	"fmt"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// Enqueue records in the outbox what is due at now for every subscriber
// and webhook: the changes since its cursor that it follows and that its
// cadence sends now. Versions marked Reread are not edits and first
// versions are not changes; both, and changes a recipient does not
// follow, only move its cursor. A recipient seen for the first time gets
// the changes from now on, not the history. It returns how many entries
// it queued; running it twice, or in two runs at once, queues nothing
// more.
func (e *Engine) Enqueue(now time.Time) (int, error) {
	stories, err := e.st.Stories()
	if err != nil {
		return 0, fmt.Errorf("deliver: enqueue: %w", err)
	}
	c := newCache(e.st)
	for _, s := range stories {
		c.stories[s.ID] = s
	}
	queued := 0
	for _, r := range e.recips {
		added, err := e.enqueueFor(r, stories, c, now)
		if err != nil {
			return queued, fmt.Errorf("deliver: enqueue for %s: %w", r.key, err)
		}
		if added {
			queued++
		}
	}
	return queued, nil
}

// pendingItem is one version after a recipient's cursor: a change to
// consider, or nil for a version that is no change to it.
type pendingItem struct {
	n      int
	change *report.Change
}

func (e *Engine) enqueueFor(r recipient, stories []redline.Story, c *cache, now time.Time) (bool, error) {
	// Reading first keeps a run with nothing new to one read per
	// recipient; only a new recipient's first run writes here.
	cur, found, err := e.st.Cursor(r.key)
	if err == nil && !found {
		cur, err = e.st.StartCursor(r.key, now)
	}
	if err != nil {
		return false, err
	}
	refs, settled, err := e.plan(r, cur, stories, c, now)
	if err != nil || len(refs) == 0 && len(settled) == 0 {
		return false, err
	}
	_, added, err := e.st.Enqueue(store.OutboxEntry{Kind: r.kind, Recipient: r.key, Changes: refs}, settled, cur.Last, now)
	return added, err
}

// plan is what Enqueue would record for r at now, from its cursor: the
// changes due now, and how far the cursor may move per story.
func (e *Engine) plan(r recipient, cur store.Cursor, stories []redline.Story, c *cache, now time.Time) ([]store.ChangeRef, map[redline.StoryID]int, error) {
	byStory := map[redline.StoryID][]pendingItem{}
	var pending []report.Change
	for _, s := range stories {
		if start := cur.Stories[s.ID]; start < s.Versions && !s.LastChanged.After(cur.Since) {
			// Nothing but history and rereads: settle without reading.
			byStory[s.ID] = []pendingItem{{n: s.Versions}}
			continue
		}
		for n := cur.Stories[s.ID] + 1; n <= s.Versions; n++ {
			v, err := c.version(s.ID, n)
			if errors.Is(err, redline.ErrStoryNotFound) {
				break // deleted since Stories: nothing to report
			}
			if err != nil {
				return nil, nil, err
			}
			if n == 1 || v.Reread || !v.FetchedAt.After(cur.Since) {
				byStory[s.ID] = append(byStory[s.ID], pendingItem{n: n})
				continue
			}
			ch, err := c.change(store.ChangeRef{Story: s.ID, From: n - 1, To: n})
			if err != nil {
				return nil, nil, err
			}
			byStory[s.ID] = append(byStory[s.ID], pendingItem{n: n, change: &ch})
			pending = append(pending, ch)
		}
	}
	due, _ := r.sub.Due(pending, cur.Last, now)
	var refs []store.ChangeRef
	isDue := map[store.ChangeRef]bool{}
	for _, ch := range due {
		ref := store.ChangeRef{Story: ch.Story, From: ch.From.N, To: ch.To.N}
		refs = append(refs, ref)
		isDue[ref] = true
	}
	// The cursor moves over a story's leading run of versions that are
	// settled for this recipient: no change, not followed, or queued now.
	// It stops at the first change still waiting for its cadence.
	settled := map[redline.StoryID]int{}
	for id, items := range byStory {
		for _, it := range items {
			ch := it.change
			if ch != nil && !isDue[store.ChangeRef{Story: id, From: ch.From.N, To: ch.To.N}] && r.sub.Follow.Match(*ch) {
				break
			}
			settled[id] = it.n
		}
	}
	return refs, settled, nil
}
