package metrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/redline-news/redline/store"
)

func TestMetrics_outboxDepth(t *testing.T) {
	d := newDaemon(t, daemonOptions{})
	s := d.scrape(t)
	if q, f := s.value(t, "redline_outbox_queued"), s.value(t, "redline_outbox_failed"); q != 0 || f != 0 {
		t.Fatalf("empty outbox: queued %v, failed %v", q, f)
	}
	now := time.Now()
	for _, rcpt := range []string{"a@example.org", "b@example.org"} {
		if _, err := d.store.StartCursor(rcpt, now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, added, err := d.store.Enqueue(store.OutboxEntry{Kind: "mail", Recipient: rcpt, Changes: []store.ChangeRef{{Story: 1, From: 1, To: 2}}}, nil, time.Time{}, now)
		if err != nil || !added {
			t.Fatalf("enqueue for %s: added %v, %v", rcpt, added, err)
		}
	}
	claimed, err := d.store.Claim(now, time.Minute, 1)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	if err := d.store.MarkFailed(claimed[0].ID, "<x@example.org>", errors.New("550 no such user"), time.Now()); err != nil {
		t.Fatal(err)
	}
	s = d.scrape(t)
	if q, f := s.value(t, "redline_outbox_queued"), s.value(t, "redline_outbox_failed"); q != 1 || f != 1 {
		t.Fatalf("after one failure: queued %v, failed %v; want 1 and 1", q, f)
	}
}
