package deliver_test

import (
	"testing"
	"time"

	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/report"
)

// Sent reports leave the outbox once KeepSent has passed, and a change whose
// entry was pruned is still never mailed again.
func TestEngine_prunesSettledEntriesAfterKeepSent(t *testing.T) {
	f := newFixture(t)
	id := f.story("https://news.test/metro/flood", "metro")
	f.save(id, article("Flood warning", "Rivers are rising."), t0.Add(-time.Hour), false)
	e := f.engine(deliver.Options{
		Subscribers: []report.Subscriber{sub(t, "desk@example.org", "immediate 0s", time.UTC, all)},
		KeepSent:    7 * 24 * time.Hour,
	})
	mustEnqueue(t, e, t0)
	f.save(id, article("Flood warning", "Rivers are rising fast."), t0.Add(time.Minute), false)
	mustEnqueue(t, e, t0.Add(2*time.Minute))
	if r := mustSend(t, e, t0.Add(2*time.Minute)); r.Sent != 1 || r.Pruned != 0 {
		t.Fatalf("first send = %+v, want 1 sent, none pruned", r)
	}
	if r := mustSend(t, e, t0.Add(6*24*time.Hour)); r.Pruned != 0 || len(outbox(t, f.st)) != 1 {
		t.Fatalf("send before keep_sent ran out = %+v, outbox %d; want the entry kept", r, len(outbox(t, f.st)))
	}
	later := t0.Add(8 * 24 * time.Hour)
	if r := mustSend(t, e, later); r.Pruned != 1 {
		t.Fatalf("send after keep_sent = %+v, want 1 pruned", r)
	}
	if es := outbox(t, f.st); len(es) != 0 {
		t.Fatalf("outbox after pruning = %+v, want empty", es)
	}
	if n := mustEnqueue(t, e, later); n != 0 {
		t.Fatalf("enqueued %d entries after pruning, want 0: the change was sent already", n)
	}
	mustSend(t, e, later)
	if got := mailsTo(f.smtp, "desk@example.org"); len(got) != 1 {
		t.Fatalf("server got %d mails, want 1", len(got))
	}
	if err := f.st.Check(); err != nil {
		t.Fatal(err)
	}
}
