package main

import (
	"context"
	"time"

	"github.com/redline-news/redline"
)

// reporterOf keeps a nil service a nil interface, which the API reads as
// "this process sends no reports".
func reporterOf(r *reportService) redline.Reporter {
	if r == nil {
		return nil
	}
	return r
}

// optionalReports is the report service when the config has recipients.
func (a *app) optionalReports(e *env) (*reportService, error) {
	if !a.cfg.hasReports() {
		return nil, nil
	}
	r, err := a.newReportService(e.store)
	if err != nil {
		return nil, usageError{err}
	}
	return r, nil
}

// deliverEvery runs a delivery when a pass found edits (kick) and every
// reports.every, for digests that come due, batching windows that end and
// retries, until ctx ends. A run in progress when ctx ends stops between
// deliveries; what it claimed is sent by a later run once its lease ends.
func (a *app) deliverEvery(ctx context.Context, r *reportService, kick <-chan struct{}) {
	ticker := time.NewTicker(time.Duration(a.cfg.Reports.Every))
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		case <-ticker.C:
		}
		rep, err := r.DeliverReports(ctx, redline.DeliveryRequest{})
		switch {
		case err != nil && ctx.Err() == nil:
			a.logger.Error("report delivery failed", "error", err)
		case rep.Queued+rep.Sent+rep.Failed+rep.Retried > 0:
			a.logger.Info("report delivery", "queued", rep.Queued, "sent", rep.Sent, "failed", rep.Failed, "retried", rep.Retried)
		}
		for _, e := range rep.Errors {
			a.logger.Warn("report not delivered", "kind", e.Kind, "recipient", e.Recipient, "permanent", e.Permanent, "error", e.Error)
		}
	}
}

// kickDelivery asks deliverEvery for a run without waiting for it.
func kickDelivery(kick chan<- struct{}) {
	select {
	case kick <- struct{}{}:
	default: // a run is already asked for
	}
}
