// Package deliver sends the reports of package report through the
// store's outbox: it is the application layer that turns new versions
// into queued deliveries (Enqueue) and queued deliveries into mail and
// webhook posts (Send). The tracker calls both after each pass; a cron
// `redline report` calls the same two functions.
//
// # Exactly once, and where it is only at least once
//
// Enqueue finds each recipient's new changes from its cursor in the
// store, applies its Follow filter and cadence, and records the due batch
// and the moved cursor in one bbolt transaction that first drops any
// change already enqueued for that recipient. Overlapping runs, two
// goroutines or a cron run beside the daemon, therefore never enqueue a
// change twice, and a change is recorded before anything is sent.
//
// Send claims due entries with a lease (Options.Lease) in one transaction,
// so two senders never take the same entry, hands each to the SMTP server
// or webhook, and marks it sent only after the server accepted it. A
// process killed between the server's acceptance and the mark leaves the
// entry queued; when the lease ends it is sent again, composed from the
// same changes, so it carries the same Message-ID (webhooks: the same
// X-Redline-Delivery ID). That is at-least-once at the SMTP boundary, and
// it is the only choice that never loses a mail: marking before sending
// would lose it instead. Mail clients and list servers drop a repeated
// Message-ID, so readers see it once.
//
// A failure is classified by report.SendError: permanent ones (an address
// refused with 5xx, a webhook answering 410) mark the entry failed, to be
// reported and never retried; every other one keeps it queued and retries
// with exponential back-off capped at Options.MaxBackoff.
package deliver
