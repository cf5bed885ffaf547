package redline

import (
	"context"
	"time"
)

// Reporter runs report deliveries in the process that holds the database:
// the cron `redline report` locally, or the daemon when a `report` beside
// it asks over the API. It is apart from Service because a process
// without subscribers or webhooks has none.
type Reporter interface {
	// DeliverReports queues what is due now for every subscriber and
	// webhook and sends what is queued. With DryRun it returns the
	// messages a run would send and changes nothing.
	DeliverReports(ctx context.Context, req DeliveryRequest) (DeliveryReport, error)
	// OutboxStatus sums up the outbox per recipient.
	OutboxStatus(ctx context.Context) ([]RecipientStatus, error)
}

// DeliveryRequest asks for one delivery run.
type DeliveryRequest struct {
	DryRun bool `json:"dry_run"`
}

// DeliveryReport is what one run did, or with DryRun would do.
type DeliveryReport struct {
	Queued  int             `json:"queued"`
	Sent    int             `json:"sent"`
	Failed  int             `json:"failed"`
	Retried int             `json:"retried"`
	Errors  []DeliveryError `json:"errors"`
	// Planned are the messages a dry run would send.
	Planned []PlannedDelivery `json:"planned,omitempty"`
}

// DeliveryError is one delivery that did not go through.
type DeliveryError struct {
	Kind      string `json:"kind"`
	Recipient string `json:"recipient"`
	// Permanent is set when it will not be tried again.
	Permanent bool   `json:"permanent"`
	Error     string `json:"error"`
}

// PlannedDelivery is one message a dry run found: a mail in RFC 5322
// form, or a webhook's JSON body.
type PlannedDelivery struct {
	Kind      string `json:"kind"`
	Recipient string `json:"recipient"`
	// Queued is set for a delivery already in the outbox (a retry).
	Queued  bool   `json:"queued"`
	ID      string `json:"id,omitempty"`
	Subject string `json:"subject,omitempty"`
	Body    string `json:"body"`
}

// RecipientStatus is the outbox of one subscriber or webhook.
type RecipientStatus struct {
	Kind      string `json:"kind"`
	Recipient string `json:"recipient"`
	Queued    int    `json:"queued"`
	Sent      int    `json:"sent"`
	Failed    int    `json:"failed"`
	// LastError is the error of the latest failed or retried attempt.
	LastError string    `json:"last_error,omitempty"`
	LastSent  time.Time `json:"last_sent,omitzero"`
	// NextAttempt is the earliest retry of a queued delivery.
	NextAttempt time.Time `json:"next_attempt,omitzero"`
}
