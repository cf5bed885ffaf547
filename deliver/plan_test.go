package deliver_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/report"
)

// Plan shows the mail a run would send and leaves cursors, the outbox and
// the SMTP server alone: the run after it sends exactly that mail.
func TestEngine_planChangesNothing(t *testing.T) {
	f := newFixture(t)
	id := f.story("https://news.test/metro/bridge", "metro")
	f.save(id, article("Bridge closed", "The bridge was closed on Tuesday."), t0.Add(-time.Hour), false)
	e := f.engine(deliver.Options{Subscribers: []report.Subscriber{sub(t, "desk@example.org", "immediate 0s", time.UTC, all)}})
	if p, err := e.Plan(t0); err != nil || len(p) != 0 {
		t.Fatalf("plan for a subscriber never seen = %v, %v; want nothing (no history is news)", p, err)
	}
	mustEnqueue(t, e, t0)
	f.save(id, article("Bridge closed", "The bridge was closed on Tuesday night."), t0.Add(time.Minute), false)
	now := t0.Add(2 * time.Minute)

	before := outbox(t, f.st)
	plan, err := e.Plan(now)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].Mail == nil || plan[0].Queued || plan[0].Entry.Recipient != "desk@example.org" {
		t.Fatalf("plan = %+v, want one new mail to desk", plan)
	}
	if again, _ := e.Plan(now); len(again) != 1 || again[0].Mail.ID != plan[0].Mail.ID {
		t.Fatalf("a second plan differs: %+v", again)
	}
	if after := outbox(t, f.st); !reflect.DeepEqual(before, after) {
		t.Fatalf("plan changed the outbox: %+v → %+v", before, after)
	}
	if got := len(f.smtp.Messages()); got != 0 {
		t.Fatalf("plan sent %d mails", got)
	}

	mustEnqueue(t, e, now)
	if queued, _ := e.Plan(now); len(queued) != 1 || !queued[0].Queued || queued[0].Mail.ID != plan[0].Mail.ID {
		t.Fatalf("plan after enqueue = %+v, want the same mail, queued", queued)
	}
	if r := mustSend(t, e, now); r.Sent != 1 {
		t.Fatalf("send = %+v", r)
	}
	got := mailsTo(f.smtp, "desk@example.org")
	if len(got) != 1 {
		t.Fatalf("desk got %d mails, want 1", len(got))
	}
	h, _ := parts(t, got[0].Data)
	if h.Get("Message-Id") != plan[0].Mail.ID {
		t.Errorf("sent Message-ID %s, planned %s", h.Get("Message-Id"), plan[0].Mail.ID)
	}
}
