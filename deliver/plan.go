package deliver

import (
	"fmt"
	"time"

	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// Planned is one delivery a run at some time would make: the entry, and
// the mail or webhook body it would send.
type Planned struct {
	Entry store.OutboxEntry
	// Queued is set for an entry already in the outbox, clear for one
	// Enqueue would add.
	Queued bool
	// Mail is the composed message of a mail entry.
	Mail *report.Message
	// Body is the JSON body of a webhook entry.
	Body []byte
}

// Plan composes what Enqueue and Send at now would send, and changes
// nothing: no cursor is created or moved, nothing is queued, claimed or
// marked (`redline report --dry-run`). A recipient never seen before has
// no news yet, as Enqueue would start its cursor at now.
func (e *Engine) Plan(now time.Time) ([]Planned, error) {
	var out []Planned
	entries, err := e.st.Outbox()
	if err != nil {
		return nil, fmt.Errorf("deliver: plan: %w", err)
	}
	for _, en := range entries {
		if en.State == store.OutboxQueued && !en.NextAttempt.After(now) {
			out = append(out, Planned{Entry: en, Queued: true})
		}
	}
	stories, err := e.st.Stories()
	if err != nil {
		return nil, fmt.Errorf("deliver: plan: %w", err)
	}
	c := newCache(e.st)
	for _, s := range stories {
		c.stories[s.ID] = s
	}
	for _, r := range e.recips {
		cur, found, err := e.st.Cursor(r.key)
		if err != nil {
			return nil, fmt.Errorf("deliver: plan for %s: %w", r.key, err)
		}
		if !found {
			continue
		}
		refs, _, err := e.plan(r, cur, stories, c, now)
		if err != nil {
			return nil, fmt.Errorf("deliver: plan for %s: %w", r.key, err)
		}
		if len(refs) > 0 {
			out = append(out, Planned{Entry: store.OutboxEntry{Kind: r.kind, Recipient: r.key, Changes: refs, State: store.OutboxQueued}})
		}
	}
	ro := e.o.Report
	ro.Now = func() time.Time { return now }
	var composer *report.Composer
	if len(e.subs) > 0 {
		if composer, err = report.NewComposer(ro); err != nil {
			return nil, fmt.Errorf("deliver: plan: %w", err)
		}
	}
	for i := range out {
		p := &out[i]
		changes, err := c.changesOf(p.Entry.Changes)
		if err != nil {
			return nil, fmt.Errorf("deliver: plan for %s: %w", p.Entry.Recipient, err)
		}
		switch p.Entry.Kind {
		case KindMail:
			sub, ok := e.subs[p.Entry.Recipient]
			if !ok {
				continue // no longer a subscriber: Send fails it for good
			}
			m, err := composer.Compose(sub, changes)
			if err != nil {
				return nil, fmt.Errorf("deliver: plan for %s: %w", p.Entry.Recipient, err)
			}
			p.Mail = &m
		case KindWebhook:
			h, ok := e.hooks[p.Entry.Recipient]
			if !ok {
				continue
			}
			if h.Format == FormatSlack {
				p.Body, err = report.WebhookSlack(changes, ro)
			} else {
				p.Body, err = report.WebhookJSON(changes, ro)
			}
			if err != nil {
				return nil, fmt.Errorf("deliver: plan for webhook %s: %w", h.URL, err)
			}
		}
	}
	return out, nil
}
