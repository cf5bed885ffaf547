package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// webhookTimeout bounds one webhook post, redirects included.
const webhookTimeout = 30 * time.Second

// hasReports reports whether the config sends anything at all.
func (c *Config) hasReports() bool { return len(c.Subscribers)+len(c.Webhooks) > 0 }

// newEngine builds the delivery engine of the configured subscribers and
// webhooks over st.
func (a *app) newEngine(st *store.Store) (*deliver.Engine, error) {
	c := &a.cfg
	ro, err := c.reportOptions()
	if err != nil {
		return nil, err
	}
	o := deliver.Options{
		Report:   ro,
		Logger:   a.logger,
		KeepSent: time.Duration(c.Reports.KeepSent),
		// The guard the crawler uses: a webhook URL is config, but it
		// may redirect, or its name may resolve, anywhere.
		Poster: report.WebhookPoster{Timeout: webhookTimeout, Client: &http.Client{
			Transport: crawler.GuardedTransport(c.AllowPrivateTargets), Timeout: webhookTimeout,
		}},
	}
	for _, sc := range c.Subscribers {
		s, err := c.subscriber(sc)
		if err != nil {
			return nil, fmt.Errorf("config %s: subscriber %s: %w", c.path, sc.Email, err)
		}
		o.Subscribers = append(o.Subscribers, s)
	}
	for _, w := range c.Webhooks {
		o.Webhooks = append(o.Webhooks, deliver.Webhook{URL: w.URL, Format: w.Format, Follow: w.Follow, Secret: w.Secret})
	}
	if len(o.Subscribers) > 0 {
		if o.SMTP, err = a.smtpSender(); err != nil {
			return nil, err
		}
	}
	return deliver.New(st, o)
}

func (a *app) smtpSender() (*report.SMTPSender, error) {
	s := a.cfg.SMTP
	return report.NewSMTPSender(report.SMTPConfig{
		Host: s.Host, Port: s.Port, TLS: report.TLSMode(s.TLS),
		Username: s.Username, Password: s.Password, Timeout: time.Duration(s.Timeout),
	}, s.From)
}

// reportService is the redline.Reporter of the process that holds the
// database: a cron `report`, or the daemon.
type reportService struct {
	st  *store.Store
	eng *deliver.Engine
	now func() time.Time
	// mu keeps one run at a time in this process (the daemon's schedule
	// and an API request); runs in other processes are kept apart by the
	// outbox's leases.
	mu sync.Mutex
}

func (a *app) newReportService(st *store.Store) (*reportService, error) {
	eng, err := a.newEngine(st)
	if err != nil {
		return nil, err
	}
	return &reportService{st: st, eng: eng, now: a.now}, nil
}

// DeliverReports enqueues what is due and sends what is queued.
func (r *reportService) DeliverReports(ctx context.Context, req redline.DeliveryRequest) (redline.DeliveryReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	var rep redline.DeliveryReport
	if req.DryRun {
		plan, err := r.eng.Plan(now)
		if err != nil {
			return rep, err
		}
		for _, p := range plan {
			pd := redline.PlannedDelivery{Kind: p.Entry.Kind, Recipient: p.Entry.Recipient, Queued: p.Queued, ID: p.Entry.ID}
			switch {
			case p.Mail != nil:
				pd.ID, pd.Subject, pd.Body = p.Mail.ID, p.Mail.Subject, string(p.Mail.Bytes())
			case p.Body != nil:
				pd.Body = string(p.Body)
			default:
				continue
			}
			rep.Planned = append(rep.Planned, pd)
		}
		return rep, nil
	}
	n, err := r.eng.Enqueue(now)
	rep.Queued = n
	if err != nil {
		return rep, err
	}
	res, err := r.eng.Send(ctx, now)
	rep.Sent, rep.Failed, rep.Retried = res.Sent, res.Failed, res.Retried
	for _, e := range res.Errors {
		rep.Errors = append(rep.Errors, redline.DeliveryError{Kind: e.Kind, Recipient: e.Recipient, Permanent: e.Permanent, Error: e.Err.Error()})
	}
	return rep, err
}

// OutboxStatus counts the outbox per recipient, configured ones first and
// in config order, so a recipient with nothing yet is listed too.
func (r *reportService) OutboxStatus(ctx context.Context) ([]redline.RecipientStatus, error) {
	entries, err := r.st.Outbox()
	if err != nil {
		return nil, err
	}
	byKey := map[string]*redline.RecipientStatus{}
	var out []*redline.RecipientStatus
	get := func(kind, rcpt string) *redline.RecipientStatus {
		if s, ok := byKey[rcpt]; ok {
			return s
		}
		s := &redline.RecipientStatus{Kind: kind, Recipient: rcpt}
		byKey[rcpt] = s
		out = append(out, s)
		return s
	}
	for _, k := range r.eng.Recipients() {
		get(k.Kind, k.Key)
	}
	for _, e := range entries {
		s := get(e.Kind, e.Recipient)
		switch e.State {
		case store.OutboxQueued:
			s.Queued++
			if s.NextAttempt.IsZero() || e.NextAttempt.Before(s.NextAttempt) {
				s.NextAttempt = e.NextAttempt
			}
		case store.OutboxSent:
			s.Sent++
			if e.SentAt.After(s.LastSent) {
				s.LastSent = e.SentAt
			}
		case store.OutboxFailed:
			s.Failed++
		}
		if e.LastError != "" && e.State != store.OutboxSent {
			s.LastError = e.LastError
		}
	}
	res := make([]redline.RecipientStatus, len(out))
	for i, s := range out {
		res[i] = *s
	}
	return res, nil
}

// followText sums up a follow filter for listings.
func followText(f report.Follow) string {
	var parts []string
	if f.All {
		parts = append(parts, "all")
	}
	for _, l := range []struct {
		name string
		v    []string
	}{{"stories", f.Stories}, {"tags", f.Tags}, {"sites", f.Sites}, {"keywords", f.Keywords}} {
		if len(l.v) > 0 {
			parts = append(parts, l.name+": "+strings.Join(slices.Clone(l.v), ", "))
		}
	}
	if f.HeadlinesOnly {
		parts = append(parts, "headlines only")
	}
	return strings.Join(parts, "; ")
}
