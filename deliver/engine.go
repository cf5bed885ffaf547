package deliver

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// Kinds of outbox entries.
const (
	KindMail    = "mail"
	KindWebhook = "webhook"
)

// Webhook formats.
const (
	FormatJSON  = "json"
	FormatSlack = "slack"
)

// Webhook is one webhook receiver.
type Webhook struct {
	URL    string
	Format string // json (default) or slack
	Follow report.Follow
	// Secret, when set, signs each body (report.SignatureHeader).
	Secret string
}

// DefaultLease is how long a claimed entry is left to its sender before
// another run may take it: far longer than one SMTP exchange, short
// enough that a crashed run's mail goes out soon after a restart.
const DefaultLease = 10 * time.Minute

// Options configure an Engine.
type Options struct {
	Subscribers []report.Subscriber
	Webhooks    []Webhook
	Report      report.Options
	// SMTP sends the mail; it may be nil only without subscribers.
	SMTP       *report.SMTPSender
	Poster     report.WebhookPoster
	Lease      time.Duration // 0: DefaultLease
	MaxBackoff time.Duration // 0: 6h
	// KeepSent is how long sent and failed entries stay in the outbox, for
	// status reports; 0 keeps them all. The recipients' cursors, not the
	// entries, keep a change from being sent twice, so pruning is safe.
	KeepSent time.Duration
	Logger   *slog.Logger // nil: silent
}

// Engine enqueues and sends reports for one store. It is safe for
// concurrent use, and several engines may share a store.
type Engine struct {
	st    *store.Store
	o     Options
	subs  map[string]report.Subscriber
	hooks map[string]Webhook
	// recips are the subscribers, then the webhooks, validated, in the
	// order given.
	recips []recipient
	log    *slog.Logger

	// afterAccept runs once the server accepted an entry and before it is
	// marked sent; an error stops Send there, as a crash would.
	afterAccept func(store.OutboxEntry) error
}

// New checks the subscribers, webhooks and report options.
func New(st *store.Store, o Options) (*Engine, error) {
	if st == nil {
		return nil, errors.New("deliver: no store")
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if _, err := report.NewComposer(o.Report); err != nil && len(o.Subscribers) > 0 {
		return nil, fmt.Errorf("deliver: %w", err)
	}
	e := &Engine{st: st, o: o, subs: map[string]report.Subscriber{}, hooks: map[string]Webhook{}, log: o.Logger}
	for _, s := range o.Subscribers {
		v, err := s.Validate()
		if err != nil {
			return nil, fmt.Errorf("deliver: %w", err)
		}
		if _, dup := e.subs[v.Email]; dup {
			return nil, fmt.Errorf("deliver: subscriber %s: listed twice", v.Email)
		}
		e.subs[v.Email] = v
		e.recips = append(e.recips, recipient{key: v.Email, kind: KindMail, sub: v})
	}
	if len(e.subs) > 0 && o.SMTP == nil {
		return nil, errors.New("deliver: subscribers but no SMTP sender")
	}
	for _, h := range o.Webhooks {
		u, err := url.Parse(h.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("deliver: webhook url %q: want an absolute http(s) URL", h.URL)
		}
		switch h.Format {
		case "":
			h.Format = FormatJSON
		case FormatJSON, FormatSlack:
		default:
			return nil, fmt.Errorf("deliver: webhook %s: format %q: want json or slack", h.URL, h.Format)
		}
		f, err := h.Follow.Validate()
		if err != nil {
			return nil, fmt.Errorf("deliver: webhook %s: %w", h.URL, err)
		}
		h.Follow = f
		if _, dup := e.hooks[h.URL]; dup {
			return nil, fmt.Errorf("deliver: webhook %s: listed twice", h.URL)
		}
		e.hooks[h.URL] = h
		// A webhook is a machine: it gets each change as soon as it is
		// seen, with no batching window.
		e.recips = append(e.recips, recipient{key: h.URL, kind: KindWebhook, sub: report.Subscriber{
			Email: h.URL, Follow: h.Follow, Cadence: report.Cadence{Kind: report.Immediate},
		}})
	}
	return e, nil
}

// recipient is a subscriber or a webhook as Enqueue sees it: a key, an
// entry kind, and a Subscriber whose Follow and Cadence select changes.
type recipient struct {
	key, kind string
	sub       report.Subscriber
}

// Recipient names one configured subscriber (Kind KindMail, Key its
// address) or webhook (KindWebhook, its URL).
type Recipient struct {
	Kind, Key string
}

// Recipients lists the subscribers, then the webhooks, in the order given.
func (e *Engine) Recipients() []Recipient {
	out := make([]Recipient, len(e.recips))
	for i, r := range e.recips {
		out[i] = Recipient{Kind: r.kind, Key: r.key}
	}
	return out
}
