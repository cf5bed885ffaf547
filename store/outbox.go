package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// The outbox buckets are created by the first write that needs them, like
// feeds, so a database from before reports needs no schema step and a
// read-only open of it sees an empty outbox.
var (
	// bucketOutbox: entry ID → OutboxEntry as JSON.
	bucketOutbox = []byte("outbox")
	// bucketOutboxDue: next attempt (big-endian Unix nanoseconds) + ID → "",
	// one key per queued entry, so Claim reads only what is due.
	bucketOutboxDue = []byte("outbox_due")
	// bucketOutboxKeys: recipient NUL story from to → entry ID, so a change
	// is enqueued for a recipient once however many runs overlap.
	bucketOutboxKeys = []byte("outbox_keys")
	// bucketCursors: recipient → Cursor as JSON.
	bucketCursors = []byte("cursors")
)

// OutboxState is where a delivery stands.
type OutboxState string

const (
	// OutboxQueued entries wait for their next attempt.
	OutboxQueued OutboxState = "queued"
	// OutboxSent entries were accepted by the SMTP or webhook server.
	OutboxSent OutboxState = "sent"
	// OutboxFailed entries were refused for good (an address rejected
	// with 5xx, a webhook answering 410); they are never retried.
	OutboxFailed OutboxState = "failed"
)

// ChangeRef names one change of one story: version From (0 for none) to
// version To.
type ChangeRef struct {
	Story redline.StoryID `json:"story"`
	From  int             `json:"from"`
	To    int             `json:"to"`
}

// OutboxEntry is one delivery: one batch of changes to one recipient, a
// subscriber's address or a webhook URL.
type OutboxEntry struct {
	ID string `json:"id"`
	// Kind says how to deliver it ("mail", "webhook"); the store does not
	// interpret it.
	Kind      string      `json:"kind"`
	Recipient string      `json:"recipient"`
	Changes   []ChangeRef `json:"changes"`
	State     OutboxState `json:"state"`
	Attempts  int         `json:"attempts"`
	// NextAttempt is when a queued entry may be tried (again).
	NextAttempt time.Time `json:"next_attempt,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	// MessageID is the Message-ID (or webhook delivery ID) of the last
	// attempt; it is the same on every attempt.
	MessageID string    `json:"message_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	SentAt    time.Time `json:"sent_at,omitzero"`
	// FailedAt is when the entry was refused for good.
	FailedAt time.Time `json:"failed_at,omitzero"`
}

// ErrOutboxNotFound is returned for an outbox ID that is not stored.
var ErrOutboxNotFound = errors.New("outbox entry not found")

// Cursor is what has been handled for one recipient: per story, the
// newest version whose change is enqueued or was not wanted, so a change
// is looked at until it is settled and enqueued at most once.
type Cursor struct {
	// Since is when the recipient was first seen: changes before it are
	// history, not news, and are never sent.
	Since time.Time `json:"since"`
	// Last is when the last batch was enqueued (zero: never), which a
	// digest's schedule counts from.
	Last    time.Time               `json:"last,omitzero"`
	Stories map[redline.StoryID]int `json:"stories,omitempty"`
}

// StartCursor returns the recipient's cursor, creating it with Since set
// to now when the recipient is new.
func (s *Store) StartCursor(recipient string, now time.Time) (Cursor, error) {
	var c Cursor
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketCursors)
		if err != nil {
			return err
		}
		var found bool
		if c, found, err = getCursor(b, recipient); err != nil || found {
			return err
		}
		c = Cursor{Since: now.UTC()}
		return putJSON(b, []byte(recipient), c)
	})
	if err != nil {
		return Cursor{}, fmt.Errorf("store: cursor of %s: %w", recipient, err)
	}
	return c, nil
}

// Enqueue records, in one transaction, that batch is due for e.Recipient
// and moves its cursor past settled (story → newest version handled).
// Changes already enqueued for the recipient, or behind its cursor, are
// dropped from the batch first, so overlapping runs never enqueue a change
// twice; it returns the stored entry and true, or false when nothing was
// left to enqueue. e's ID, state and times are set here.
//
// seenLast is the cursor's Last as the caller read it when it chose the
// batch. When another run has enqueued for the recipient since, nothing
// is written and false is returned: the caller's cadence decision is
// stale, and acting on it would send a second digest for the same slot.
func (s *Store) Enqueue(e OutboxEntry, settled map[redline.StoryID]int, seenLast, now time.Time) (OutboxEntry, bool, error) {
	if e.Recipient == "" {
		return OutboxEntry{}, false, errors.New("store: enqueue: empty recipient")
	}
	now = now.UTC()
	var added bool
	err := s.db.Update(func(tx *bolt.Tx) error {
		bs, err := outboxBuckets(tx)
		if err != nil {
			return err
		}
		cur, found, err := getCursor(bs.cursors, e.Recipient)
		if err != nil {
			return err
		}
		if !found {
			cur.Since = now
		}
		if !cur.Last.Equal(seenLast) {
			return nil
		}
		if cur.Stories == nil {
			cur.Stories = map[redline.StoryID]int{}
		}
		var batch []ChangeRef
		for _, r := range e.Changes {
			if r.From < 0 || r.To <= r.From {
				return fmt.Errorf("change of story %d: versions %d → %d are not in order", r.Story, r.From, r.To)
			}
			if r.To > cur.Stories[r.Story] && bs.keys.Get(changeKey(e.Recipient, r)) == nil {
				batch = append(batch, r)
			}
		}
		for _, r := range batch {
			cur.Stories[r.Story] = max(cur.Stories[r.Story], r.To)
		}
		for id, n := range settled {
			cur.Stories[id] = max(cur.Stories[id], n)
		}
		if len(batch) > 0 {
			slices.SortFunc(batch, func(a, b ChangeRef) int {
				return cmp.Or(cmp.Compare(a.Story, b.Story), cmp.Compare(a.To, b.To))
			})
			e.Changes, e.ID = batch, outboxID(e.Kind, e.Recipient, batch)
			e.State, e.Attempts, e.NextAttempt, e.CreatedAt = OutboxQueued, 0, now, now
			e.LastError, e.SentAt = "", time.Time{}
			if err := bs.put(e); err != nil {
				return err
			}
			if err := bs.due.Put(dueKey(e), nil); err != nil {
				return err
			}
			for _, r := range batch {
				if err := bs.keys.Put(changeKey(e.Recipient, r), []byte(e.ID)); err != nil {
					return err
				}
			}
			cur.Last, added = now, true
		}
		return putJSON(bs.cursors, []byte(e.Recipient), cur)
	})
	if err != nil {
		return OutboxEntry{}, false, fmt.Errorf("store: enqueue for %s: %w", e.Recipient, err)
	}
	return e, added, nil
}

// OutboxEntry returns one entry, or an error wrapping ErrOutboxNotFound.
func (s *Store) OutboxEntry(id string) (OutboxEntry, error) {
	var e OutboxEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil || b.Get([]byte(id)) == nil {
			return ErrOutboxNotFound
		}
		return json.Unmarshal(b.Get([]byte(id)), &e)
	})
	if err != nil {
		return OutboxEntry{}, fmt.Errorf("store: outbox %s: %w", id, err)
	}
	return e, nil
}

// Outbox returns every entry, oldest first, for status reports.
func (s *Store) Outbox() ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var e OutboxEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("entry %s: %w", k, err)
			}
			out = append(out, e)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	slices.SortStableFunc(out, func(a, b OutboxEntry) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// outboxID is stable for a recipient and batch, so the same batch can
// never be stored twice under two IDs.
func outboxID(kind, recipient string, batch []ChangeRef) string {
	h := sha256.New()
	h.Write([]byte(kind + "\x00" + recipient + "\x00"))
	for _, r := range batch {
		h.Write([]byte(strconv.FormatUint(uint64(r.Story), 10) + ":" + strconv.Itoa(r.From) + ":" + strconv.Itoa(r.To) + ";"))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func changeKey(recipient string, r ChangeRef) []byte {
	k := append([]byte(recipient), 0)
	k = append(k, u64(uint64(r.Story))...)
	k = append(k, u64(uint64(r.From))...)
	return append(k, u64(uint64(r.To))...)
}

func dueKey(e OutboxEntry) []byte {
	return append(u64(uint64(e.NextAttempt.UnixNano())), e.ID...)
}

func getCursor(b *bolt.Bucket, recipient string) (Cursor, bool, error) {
	var c Cursor
	v := b.Get([]byte(recipient))
	if v == nil {
		return c, false, nil
	}
	if err := json.Unmarshal(v, &c); err != nil {
		return c, false, fmt.Errorf("%w: cursor of %s: %w", ErrCorrupt, recipient, err)
	}
	return c, true, nil
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}
