package store_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
)

func TestStore_EnqueueOncePerChange(t *testing.T) {
	s := testutil.MustOpenStore(t)
	ref := func(st redline.StoryID, from, to int) store.ChangeRef {
		return store.ChangeRef{Story: st, From: from, To: to}
	}
	e := store.OutboxEntry{Kind: "mail", Recipient: "desk@example.org", Changes: []store.ChangeRef{ref(1, 1, 2), ref(2, 3, 4)}}
	got, ok, err := s.Enqueue(e, nil, time.Time{}, epoch)
	if err != nil || !ok {
		t.Fatalf("first enqueue: ok=%v err=%v", ok, err)
	}
	if got.State != store.OutboxQueued || len(got.Changes) != 2 {
		t.Fatalf("entry = %+v", got)
	}
	// A run that chose its batch before the first one enqueued is stale:
	// it writes nothing, so a digest slot is not mailed twice.
	e.Changes = append(e.Changes, ref(1, 2, 3))
	if _, ok, err := s.Enqueue(e, nil, time.Time{}, epoch.Add(time.Minute)); err != nil || ok {
		t.Fatalf("stale enqueue: ok=%v err=%v, want nothing written", ok, err)
	}
	// A run that saw it keeps only the new change of an overlapping batch.
	got2, ok, err := s.Enqueue(e, nil, got.CreatedAt, epoch.Add(time.Minute))
	if err != nil || !ok {
		t.Fatalf("second enqueue: ok=%v err=%v", ok, err)
	}
	if len(got2.Changes) != 1 || got2.Changes[0] != ref(1, 2, 3) {
		t.Fatalf("second batch = %+v, want only 1:2→3", got2.Changes)
	}
	if _, ok, err := s.Enqueue(e, nil, got2.CreatedAt, epoch.Add(2*time.Minute)); err != nil || ok {
		t.Fatalf("third enqueue: ok=%v err=%v, want nothing left", ok, err)
	}
	// Another recipient gets its own copy.
	e.Recipient = "other@example.org"
	if _, ok, err := s.Enqueue(e, nil, time.Time{}, epoch); err != nil || !ok {
		t.Fatalf("other recipient: ok=%v err=%v", ok, err)
	}
	all, err := s.Outbox()
	if err != nil || len(all) != 3 {
		t.Fatalf("outbox has %d entries (err %v), want 3", len(all), err)
	}
	cur, _, err := s.Cursor("desk@example.org")
	if err != nil || cur.Stories[1] != 3 || cur.Stories[2] != 4 {
		t.Fatalf("cursor = %+v, %v", cur, err)
	}
	if _, _, err := s.Enqueue(store.OutboxEntry{Recipient: "x@example.org", Changes: []store.ChangeRef{ref(1, 2, 2)}}, nil, time.Time{}, epoch); err == nil {
		t.Fatal("enqueue of 2→2 succeeded")
	}
}

func TestStore_EnqueueConcurrent(t *testing.T) {
	s := testutil.MustOpenStore(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	added := 0
	for i := range 8 {
		wg.Go(func() {
			e := store.OutboxEntry{Kind: "mail", Recipient: "desk@example.org",
				Changes: []store.ChangeRef{{Story: 1, From: 1, To: 2}}}
			_, ok, err := s.Enqueue(e, nil, time.Time{}, epoch.Add(time.Duration(i)*time.Second))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				added++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if added != 1 {
		t.Fatalf("%d runs enqueued the change, want 1", added)
	}
}

func TestStore_ClaimLeaseAndMark(t *testing.T) {
	s := testutil.MustOpenStore(t)
	e, _, err := s.Enqueue(store.OutboxEntry{Kind: "mail", Recipient: "desk@example.org",
		Changes: []store.ChangeRef{{Story: 1, From: 1, To: 2}}}, nil, time.Time{}, epoch)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Claim(epoch.Add(-time.Second), time.Minute, 0); len(got) != 0 {
		t.Fatalf("claimed %d entries before they were due", len(got))
	}
	got, err := s.Claim(epoch, time.Minute, 0)
	if err != nil || len(got) != 1 || got[0].Attempts != 1 {
		t.Fatalf("claim = %+v, %v", got, err)
	}
	if again, _ := s.Claim(epoch.Add(30*time.Second), time.Minute, 0); len(again) != 0 {
		t.Fatal("a claimed entry was claimed again inside its lease")
	}
	if err := s.MarkRetry(e.ID, "<m@x>", errors.New("451 busy"), epoch.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Claim(epoch.Add(2*time.Minute), time.Minute, 0); len(again) != 0 {
		t.Fatal("a retry was claimed before its time")
	}
	got, _ = s.Claim(epoch.Add(5*time.Minute), time.Minute, 0)
	if len(got) != 1 || got[0].Attempts != 2 || got[0].LastError != "451 busy" {
		t.Fatalf("retry claim = %+v", got)
	}
	if err := s.MarkSent(e.ID, "<m@x>", epoch.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	// A late mark from an attempt whose lease ran out changes nothing.
	if err := s.MarkFailed(e.ID, "<m@x>", errors.New("late"), epoch.Add(6*time.Minute)); err != nil {
		t.Fatal(err)
	}
	final, err := s.OutboxEntry(e.ID)
	if err != nil || final.State != store.OutboxSent || final.MessageID != "<m@x>" {
		t.Fatalf("final = %+v, %v", final, err)
	}
	if again, _ := s.Claim(epoch.Add(time.Hour), time.Minute, 0); len(again) != 0 {
		t.Fatal("a sent entry was claimed")
	}
	if _, err := s.OutboxEntry("nope"); !errors.Is(err, store.ErrOutboxNotFound) {
		t.Fatalf("missing entry: %v", err)
	}
}
