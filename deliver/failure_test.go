package deliver_test

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// oneChange sets up a story with one new edit after the subscribers were
// first seen, enqueued at t0+2m.
func oneChange(t *testing.T, f *fixture, e *deliver.Engine) {
	t.Helper()
	id := f.story("https://news.test/metro/fire", "metro")
	f.save(id, article("Fire downtown", "Crews are at the scene."), t0.Add(-time.Hour), false)
	mustEnqueue(t, e, t0)
	f.save(id, article("Fire downtown contained", "Crews contained the fire."), t0.Add(time.Minute), false)
	if n := mustEnqueue(t, e, t0.Add(2*time.Minute)); n == 0 {
		t.Fatal("nothing enqueued")
	}
}

func TestEngine_temporaryFailuresRetryAndDeliverOnce(t *testing.T) {
	tests := []struct {
		name       string
		fail, heal func(f *fixture)
	}{
		{"451 at RCPT", func(f *fixture) { f.smtp.TempFail(true) }, func(f *fixture) { f.smtp.TempFail(false) }},
		{"connection dropped mid-DATA", func(f *fixture) { f.smtp.DropData(1) }, func(*fixture) {}},
		{"server down", func(f *fixture) { f.smtp.Stop() }, func(f *fixture) { f.smtp.Start(f.t) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			e := f.engine(deliver.Options{Subscribers: []report.Subscriber{sub(t, "desk@example.org", "immediate 0s", time.UTC, all)}})
			oneChange(t, f, e)
			now := t0.Add(2 * time.Minute)
			tc.fail(f)
			if r := mustSend(t, e, now); r.Retried != 1 || r.Sent != 0 {
				t.Fatalf("send while broken = %+v, want 1 retried", r)
			}
			en := outbox(t, f.st)[0]
			if en.State != store.OutboxQueued || en.LastError == "" || en.Attempts != 1 {
				t.Fatalf("entry after failure = %+v, want queued with the error", en)
			}
			tc.heal(f)
			if r := mustSend(t, e, now.Add(30*time.Second)); !reflect.DeepEqual(r, deliver.Result{}) {
				t.Fatalf("send inside the back-off = %+v, want nothing", r)
			}
			next := now.Add(report.Backoff(1, 0))
			if r := mustSend(t, e, next); r.Sent != 1 {
				t.Fatalf("send after the back-off = %+v, want 1 sent", r)
			}
			mustSend(t, e, next.Add(time.Hour))
			if n := len(mailsTo(f.smtp, "desk@example.org")); n != 1 {
				t.Fatalf("server got %d mails, want exactly 1", n)
			}
		})
	}
}

func TestEngine_permanentRejectionIsNotRetried(t *testing.T) {
	f := newFixture(t)
	f.smtp.Reject("gone@example.org", true)
	e := f.engine(deliver.Options{Subscribers: []report.Subscriber{
		sub(t, "gone@example.org", "immediate 0s", time.UTC, all),
		sub(t, "desk@example.org", "immediate 0s", time.UTC, all),
	}})
	oneChange(t, f, e)
	now := t0.Add(2 * time.Minute)
	if r := mustSend(t, e, now); r.Failed != 1 || r.Sent != 1 {
		t.Fatalf("send = %+v, want 1 failed and 1 sent on the same connection", r)
	}
	for _, en := range outbox(t, f.st) {
		switch en.Recipient {
		case "gone@example.org":
			if en.State != store.OutboxFailed || !strings.Contains(en.LastError, "550") {
				t.Errorf("rejected entry = %+v, want failed with the 550", en)
			}
		case "desk@example.org":
			if en.State != store.OutboxSent {
				t.Errorf("other entry = %+v, want sent", en)
			}
		}
	}
	f.smtp.Reject("gone@example.org", false)
	if r := mustSend(t, e, now.Add(7*time.Hour)); !reflect.DeepEqual(r, deliver.Result{}) {
		t.Fatalf("later send = %+v, want no retry of a rejected address", r)
	}
	if n := len(mailsTo(f.smtp, "gone@example.org")); n != 0 {
		t.Fatalf("rejected address got %d mails", n)
	}
}

func TestEngine_crashBetweenAcceptAndMarkResendsSameMessageID(t *testing.T) {
	f := newFixture(t)
	o := deliver.Options{Subscribers: []report.Subscriber{sub(t, "desk@example.org", "immediate 0s", time.UTC, all)}}
	e := f.engine(o)
	oneChange(t, f, e)
	now := t0.Add(2 * time.Minute)
	crash := errors.New("killed")
	e.SetAfterAccept(func(store.OutboxEntry) error { return crash })
	if _, err := e.Send(t.Context(), now); !errors.Is(err, crash) {
		t.Fatalf("send = %v, want the crash", err)
	}
	if en := outbox(t, f.st)[0]; en.State != store.OutboxQueued {
		t.Fatalf("entry after crash = %+v, want still queued", en)
	}
	restarted := f.engine(o)
	if r := mustSend(t, restarted, now.Add(time.Minute)); !reflect.DeepEqual(r, deliver.Result{}) {
		t.Fatalf("send inside the crashed run's lease = %+v, want nothing", r)
	}
	if r := mustSend(t, restarted, now.Add(deliver.DefaultLease)); r.Sent != 1 {
		t.Fatalf("send after the lease = %+v, want 1 sent", r)
	}
	got := mailsTo(f.smtp, "desk@example.org")
	if len(got) != 2 || got[0].MessageID() == "" || got[0].MessageID() != got[1].MessageID() {
		t.Fatalf("got %d mails with Message-IDs %v, want 2 with the same one", len(got), ids(got))
	}
	en := outbox(t, f.st)[0]
	if en.State != store.OutboxSent || en.MessageID != got[0].MessageID() {
		t.Fatalf("entry = %+v, want sent as %s", en, got[0].MessageID())
	}
	mustSend(t, restarted, now.Add(time.Hour))
	if n := len(mailsTo(f.smtp, "desk@example.org")); n != 2 {
		t.Fatalf("server got %d mails after the entry was marked, want still 2", n)
	}
}

func ids(ms []testutil.ReceivedMail) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.MessageID())
	}
	return out
}

func TestEngine_overlappingRunsSendOnce(t *testing.T) {
	f := newFixture(t)
	var subs []report.Subscriber
	for _, a := range []string{"a@example.org", "b@example.org", "c@example.org"} {
		subs = append(subs, sub(t, a, "immediate 0s", time.UTC, all))
	}
	o := deliver.Options{Subscribers: subs}
	id := f.story("https://news.test/metro/fire", "metro")
	f.save(id, article("Fire downtown", "Crews are at the scene."), t0.Add(-time.Hour), false)
	mustEnqueue(t, f.engine(o), t0)
	f.save(id, article("Fire downtown contained", "Crews contained the fire."), t0.Add(time.Minute), false)
	f.save(id, article("Fire downtown contained", "Crews contained the fire. Two hurt."), t0.Add(90*time.Second), false)

	// Two goroutines on one engine and two more engines over the same
	// store (a cron run beside the daemon), all at once.
	shared := f.engine(o)
	engines := []*deliver.Engine{shared, shared, f.engine(o), f.engine(o)}
	var wg sync.WaitGroup
	for i, e := range engines {
		wg.Go(func() {
			now := t0.Add(2*time.Minute + time.Duration(i)*time.Second)
			if _, err := e.Enqueue(now); err != nil {
				t.Error(err)
			}
			if _, err := e.Send(t.Context(), now); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, e := range engines {
		mustEnqueue(t, e, t0.Add(time.Hour))
		mustSend(t, e, t0.Add(time.Hour))
	}
	for _, s := range subs {
		got := mailsTo(f.smtp, s.Email)
		if len(got) != 1 {
			t.Errorf("%s got %d mails, want 1", s.Email, len(got))
		}
	}
	for _, en := range outbox(t, f.st) {
		if en.State != store.OutboxSent || en.Attempts != 1 {
			t.Errorf("entry %+v: want sent at the first attempt", en)
		}
	}
}

func TestEngine_smtpAuth(t *testing.T) {
	f := newFixture(t)
	f.smtp.RequireAuth("redline", "s3cret")
	subs := []report.Subscriber{sub(t, "desk@example.org", "immediate 0s", time.UTC, all)}
	bad := f.engine(deliver.Options{Subscribers: subs, SMTP: f.sender(report.SMTPConfig{Username: "redline", Password: "wrong"})})
	oneChange(t, f, bad)
	now := t0.Add(2 * time.Minute)
	// A refused login is the relay's configuration, not the reader's
	// address: the mail stays queued.
	if r := mustSend(t, bad, now); r.Retried != 1 {
		t.Fatalf("send with a wrong password = %+v, want 1 retried", r)
	}
	if en := outbox(t, f.st)[0]; !strings.Contains(en.LastError, "535") {
		t.Fatalf("entry after a refused login = %+v, want the 535 recorded", en)
	}
	good := f.engine(deliver.Options{Subscribers: subs, SMTP: f.sender(report.SMTPConfig{Username: "redline", Password: "s3cret"})})
	if r := mustSend(t, good, now.Add(time.Hour)); r.Sent != 1 {
		t.Fatalf("send with the right password = %+v, want 1 sent; entry %+v", r, outbox(t, f.st))
	}
}
