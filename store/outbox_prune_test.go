package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
)

// claimOne enqueues one change for recipient at epoch and claims it.
func claimOne(t *testing.T, s *store.Store, recipient string, story int) store.OutboxEntry {
	t.Helper()
	e := store.OutboxEntry{Kind: "mail", Recipient: recipient, Changes: []store.ChangeRef{{Story: 1, From: story, To: story + 1}}}
	cur, _, err := s.Cursor(recipient)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Enqueue(e, nil, cur.Last, epoch)
	if err != nil || !ok {
		t.Fatalf("enqueue %s %d: ok=%v err=%v", recipient, story, ok, err)
	}
	if _, err := s.Claim(epoch, time.Minute, 0); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestStore_PruneOutbox_RemovesSettledBeforeCutoffOnly(t *testing.T) {
	s := testutil.MustOpenStore(t)
	day := 24 * time.Hour
	oldSent := claimOne(t, s, "a@example.org", 1)
	if err := s.MarkSent(oldSent.ID, "<1@x>", epoch); err != nil {
		t.Fatal(err)
	}
	oldFailed := claimOne(t, s, "b@example.org", 1)
	if err := s.MarkFailed(oldFailed.ID, "<2@x>", errors.New("550 no such user"), epoch.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	recent := claimOne(t, s, "a@example.org", 2)
	if err := s.MarkSent(recent.ID, "<3@x>", epoch.Add(40*day)); err != nil {
		t.Fatal(err)
	}
	queued := claimOne(t, s, "c@example.org", 1) // still waiting, however old

	n, err := s.PruneOutbox(epoch.Add(30 * day))
	if err != nil || n != 2 {
		t.Fatalf("PruneOutbox = %d, %v; want 2 removed", n, err)
	}
	for _, id := range []string{oldSent.ID, oldFailed.ID} {
		if _, err := s.OutboxEntry(id); !errors.Is(err, store.ErrOutboxNotFound) {
			t.Errorf("entry %s after prune: %v, want not found", id, err)
		}
	}
	for _, id := range []string{recent.ID, queued.ID} {
		if _, err := s.OutboxEntry(id); err != nil {
			t.Errorf("entry %s after prune: %v, want kept", id, err)
		}
	}
	if err := s.Check(); err != nil {
		t.Fatalf("check after prune: %v", err)
	}
	// The cursor still knows the pruned change was handled: it is never
	// enqueued, let alone sent, again.
	cur, _, _ := s.Cursor("a@example.org")
	again := store.OutboxEntry{Kind: "mail", Recipient: "a@example.org", Changes: oldSent.Changes}
	if _, ok, err := s.Enqueue(again, nil, cur.Last, epoch.Add(41*day)); err != nil || ok {
		t.Fatalf("re-enqueue of a pruned change: ok=%v err=%v, want nothing enqueued", ok, err)
	}
	if n, err := s.PruneOutbox(epoch.Add(30 * day)); err != nil || n != 0 {
		t.Fatalf("second prune = %d, %v; want 0", n, err)
	}
}

// A file written before the settled index existed has sent entries the
// index does not list; the first prune builds it from the outbox.
func TestStore_PruneOutbox_IndexesEntriesSettledBeforeTheIndex(t *testing.T) {
	s := testutil.MustOpenStore(t)
	var ids []string
	for i := range 3 {
		e := claimOne(t, s, "desk@example.org", i+1)
		if err := s.MarkSent(e.ID, "<m@x>", epoch.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	if err := store.DropSettledIndexForTest(s); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneOutbox(epoch.Add(90 * time.Minute))
	if err != nil || n != 2 {
		t.Fatalf("PruneOutbox = %d, %v; want the 2 sent before the cutoff", n, err)
	}
	if _, err := s.OutboxEntry(ids[2]); err != nil {
		t.Fatalf("entry sent after the cutoff: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestStore_PruneOutbox_ManyBatches(t *testing.T) {
	s := testutil.MustOpenStore(t)
	const entries = 2*store.PruneBatch + 7
	for i := range entries {
		e := store.OutboxEntry{Kind: "webhook", Recipient: "https://hooks.example.org/x", Changes: []store.ChangeRef{{Story: 2, From: i, To: i + 1}}}
		cur, _, _ := s.Cursor(e.Recipient)
		got, ok, err := s.Enqueue(e, nil, cur.Last, epoch.Add(time.Duration(i)*time.Millisecond))
		if err != nil || !ok {
			t.Fatalf("enqueue %d: %v %v", i, ok, err)
		}
		if err := s.MarkSent(got.ID, "", epoch); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.PruneOutbox(epoch.Add(time.Second))
	if err != nil || n != entries {
		t.Fatalf("PruneOutbox = %d, %v; want %d", n, err, entries)
	}
	if all, _ := s.Outbox(); len(all) != 0 {
		t.Fatalf("%d entries left", len(all))
	}
}
