package deliver

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// Result counts what one Send did.
type Result struct {
	Sent, Failed, Retried int
	// Pruned counts the settled entries removed (Options.KeepSent).
	Pruned int
	// Errors are the failed and retried deliveries, for the operator.
	Errors []EntryError
}

// EntryError is one delivery that did not go through in a Send.
type EntryError struct {
	ID, Kind, Recipient string
	// Permanent is set when the entry will not be tried again.
	Permanent bool
	Err       error
}

// Send delivers the outbox entries due at now, over one SMTP connection
// for all the mail, and marks each sent, failed (permanent) or due again
// after back-off. An entry is marked only after the server answered, so
// a crash before the mark sends it again, with the same Message-ID, once
// the lease ends. Entries left when ctx ends stay claimed until then too.
func (e *Engine) Send(ctx context.Context, now time.Time) (Result, error) {
	var res Result
	if e.o.KeepSent > 0 {
		n, err := e.st.PruneOutbox(now.Add(-e.o.KeepSent))
		if err != nil {
			return res, fmt.Errorf("deliver: send: %w", err)
		}
		res.Pruned = n
		if n > 0 {
			e.log.Info("report outbox pruned", slog.Int("entries", n), slog.Duration("keep_sent", e.o.KeepSent))
		}
	}
	entries, err := e.st.Claim(now, e.o.Lease, 0)
	if err != nil {
		return res, fmt.Errorf("deliver: send: %w", err)
	}
	if len(entries) == 0 {
		return res, nil
	}
	r := &run{e: e, ctx: ctx, now: now, cache: newCache(e.st), poster: e.o.Poster}
	r.poster.Now = func() time.Time { return now }
	ro := e.o.Report
	ro.Now = func() time.Time { return now }
	if len(e.subs) > 0 {
		if r.composer, err = report.NewComposer(ro); err != nil {
			return res, fmt.Errorf("deliver: send: %w", err)
		}
	}
	defer r.close()
	for _, en := range entries {
		if ctx.Err() != nil {
			return res, fmt.Errorf("deliver: send: %w", ctx.Err())
		}
		id, err := r.deliver(en)
		if err == nil && e.afterAccept != nil {
			if herr := e.afterAccept(en); herr != nil {
				return res, herr
			}
		}
		log := e.log.With(slog.String("recipient", en.Recipient), slog.String("id", id), slog.Int("attempt", en.Attempts))
		switch {
		case err == nil:
			err = e.st.MarkSent(en.ID, id, now)
			res.Sent++
		case report.Permanent(err):
			log.Warn("report delivery refused for good", slog.Any("err", err))
			res.Errors = append(res.Errors, EntryError{ID: en.ID, Kind: en.Kind, Recipient: en.Recipient, Permanent: true, Err: err})
			err = e.st.MarkFailed(en.ID, id, err, now)
			res.Failed++
		default:
			next := now.Add(report.Backoff(en.Attempts, e.o.MaxBackoff))
			log.Info("report delivery will be retried", slog.Any("err", err), slog.Time("next", next))
			res.Errors = append(res.Errors, EntryError{ID: en.ID, Kind: en.Kind, Recipient: en.Recipient, Err: err})
			err = e.st.MarkRetry(en.ID, id, err, next)
			res.Retried++
		}
		if err != nil {
			return res, fmt.Errorf("deliver: send: %w", err)
		}
	}
	return res, nil
}

// run is one Send: its clock, caches and SMTP connection.
type run struct {
	e        *Engine
	ctx      context.Context
	now      time.Time
	cache    *cache
	composer *report.Composer
	poster   report.WebhookPoster
	sess     *report.SMTPSession
	// openErr is a failed connect: the rest of the run's mail is retried
	// later rather than each message waiting out its own connect timeout.
	openErr error
}

func (r *run) close() {
	if r.sess != nil {
		_ = r.sess.Close()
	}
}

func permanent(format string, args ...any) error {
	return &report.SendError{Permanent: true, Err: fmt.Errorf(format, args...)}
}

// deliver sends one entry and returns its Message-ID or delivery ID.
func (r *run) deliver(en store.OutboxEntry) (string, error) {
	changes, err := r.cache.changesOf(en.Changes)
	if err != nil {
		// A deleted story or version will not come back.
		return en.MessageID, permanent("deliver: %s: %w", en.Recipient, err)
	}
	switch en.Kind {
	case KindMail:
		return r.mail(en, changes)
	case KindWebhook:
		return en.ID, r.webhook(en, changes)
	}
	return en.MessageID, permanent("deliver: %s: unknown kind %q", en.Recipient, en.Kind)
}

func (r *run) mail(en store.OutboxEntry, changes []report.Change) (string, error) {
	sub, ok := r.e.subs[en.Recipient]
	if !ok {
		return en.MessageID, permanent("deliver: %s: no longer a subscriber", en.Recipient)
	}
	m, err := r.composer.Compose(sub, changes)
	if err != nil {
		return en.MessageID, permanent("deliver: %w", err)
	}
	if r.sess == nil {
		if r.openErr != nil {
			return m.ID, r.openErr
		}
		if r.sess, r.openErr = r.e.o.SMTP.Open(r.ctx); r.openErr != nil {
			return m.ID, r.openErr
		}
	}
	err = r.sess.Send(m)
	if r.sess.Broken() != nil {
		// The next message gets a fresh connection.
		_ = r.sess.Close()
		r.sess = nil
	}
	return m.ID, err
}

func (r *run) webhook(en store.OutboxEntry, changes []report.Change) error {
	h, ok := r.e.hooks[en.Recipient]
	if !ok {
		return permanent("deliver: webhook %s: no longer configured", en.Recipient)
	}
	var body []byte
	var err error
	if h.Format == FormatSlack {
		body, err = report.WebhookSlack(changes, r.e.o.Report)
	} else {
		body, err = report.WebhookJSON(changes, r.e.o.Report)
	}
	if err != nil {
		return permanent("deliver: webhook %s: %w", h.URL, err)
	}
	return r.poster.Post(r.ctx, h.URL, en.ID, body, []byte(h.Secret))
}
