package deliver_test

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

func TestEngine_deliversMultipartMail(t *testing.T) {
	f := newFixture(t)
	id := f.story("https://news.test/metro/bridge", "metro")
	f.save(id, article("Bridge closed after inspection", "The bridge was closed on Tuesday.", "Traffic was diverted."), t0.Add(-time.Hour), false)
	e := f.engine(deliver.Options{Subscribers: []report.Subscriber{sub(t, "desk@example.org", "immediate 0s", time.UTC, all)}})
	mustEnqueue(t, e, t0) // the subscriber starts here: the history before is not news

	// An edit with a header injection in the headline and a script in the text.
	f.save(id, article("Bridge closed\r\nBcc: victim@example.org\r\nX-Evil: 1",
		"The bridge was closed on Tuesday night.", "<script>alert(1)</script> Traffic was diverted."), t0.Add(time.Minute), false)
	if n := mustEnqueue(t, e, t0.Add(2*time.Minute)); n != 1 {
		t.Fatalf("enqueued %d entries, want 1", n)
	}
	if r := mustSend(t, e, t0.Add(2*time.Minute)); r.Sent != 1 {
		t.Fatalf("send = %+v, want 1 sent", r)
	}
	got := mailsTo(f.smtp, "desk@example.org")
	if len(got) != 1 {
		t.Fatalf("server got %d mails for desk, want 1", len(got))
	}
	h, ps := parts(t, got[0].Data)
	if ps["text/plain"] == "" || ps["text/html"] == "" {
		t.Fatalf("parts %v: want text/plain and text/html", keys(ps))
	}
	if !strings.Contains(ps["text/plain"], "Tuesday{+ night+}.") {
		t.Errorf("plain part lacks the added word mark:\n%s", ps["text/plain"])
	}
	if strings.Contains(ps["text/html"], "<script>") || !strings.Contains(ps["text/html"], "&lt;script&gt;") {
		t.Errorf("script in the article is not escaped in the html part")
	}
	if h.Get("Bcc") != "" || h.Get("X-Evil") != "" || len(h["Subject"]) != 1 {
		t.Errorf("headline added headers: Bcc=%q X-Evil=%q subjects=%d", h.Get("Bcc"), h.Get("X-Evil"), len(h["Subject"]))
	}
	es := outbox(t, f.st)
	if len(es) != 1 || es[0].State != store.OutboxSent || es[0].MessageID != h.Get("Message-Id") || es[0].MessageID == "" {
		t.Fatalf("outbox = %+v, want one sent entry with Message-ID %s", es, h.Get("Message-Id"))
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestEngine_followSelectsChanges(t *testing.T) {
	f := newFixture(t)
	pol := f.story("https://news.test/politics/vote", "politics")
	spo := f.story("https://news.test/sport/final", "sport")
	f.save(pol, article("Vote delayed", "The vote was delayed."), t0.Add(-time.Hour), false)
	f.save(spo, article("Final tonight", "The final is tonight."), t0.Add(-time.Hour), false)
	e := f.engine(deliver.Options{Subscribers: []report.Subscriber{
		sub(t, "politics@example.org", "immediate 0s", time.UTC, report.Follow{Tags: []string{"politics"}}),
		sub(t, "heads@example.org", "immediate 0s", time.UTC, report.Follow{All: true, HeadlinesOnly: true}),
	}})
	mustEnqueue(t, e, t0)
	f.save(pol, article("Vote delayed", "The vote was delayed to Friday."), t0.Add(time.Minute), false)
	f.save(spo, article("Final tonight", "The final is tonight at eight."), t0.Add(time.Minute), false)
	// A reread is the same page read differently: never an edit to report.
	f.save(pol, article("Vote delayed", "The vote was delayed to Friday.", "Read anew."), t0.Add(2*time.Minute), true)
	f.save(spo, article("Final postponed", "The final is tonight at eight."), t0.Add(3*time.Minute), false)
	mustEnqueue(t, e, t0.Add(5*time.Minute))

	want := map[string][]store.ChangeRef{
		"politics@example.org": {{Story: pol, From: 1, To: 2}},
		"heads@example.org":    {{Story: spo, From: 2, To: 3}},
	}
	es := outbox(t, f.st)
	if len(es) != len(want) {
		t.Fatalf("outbox has %d entries, want %d: %+v", len(es), len(want), es)
	}
	for _, en := range es {
		if w := want[en.Recipient]; len(en.Changes) != len(w) || en.Changes[0] != w[0] {
			t.Errorf("%s: changes %+v, want %+v", en.Recipient, en.Changes, w)
		}
	}
	// The unfollowed changes moved the cursors: nothing is looked at twice.
	for _, r := range []string{"politics@example.org", "heads@example.org"} {
		cur, _, err := f.st.Cursor(r)
		if err != nil || cur.Stories[pol] != 3 || cur.Stories[spo] != 3 {
			t.Errorf("%s: cursor %+v (%v), want both stories at 3", r, cur.Stories, err)
		}
	}
	if n := mustEnqueue(t, e, t0.Add(10*time.Minute)); n != 0 {
		t.Errorf("second enqueue queued %d entries, want 0", n)
	}
}

func TestEngine_cadences(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// 8 March 2026: New York springs forward at 02:00, so 07:00 is 11:00
	// UTC that day and 12:00 UTC the day before.
	dst := time.Date(2026, 3, 8, 0, 0, 0, 0, ny)
	tests := []struct {
		name        string
		cadence     string
		start       time.Time   // subscriber first seen
		edits       []time.Time // each makes a new version
		notYet, due time.Time   // Enqueue at notYet queues nothing, at due one entry
		changes     int         // changes in that entry
	}{
		{name: "daily across the DST change", cadence: "daily 07:00",
			start: dst.Add(-6 * time.Hour), edits: []time.Time{dst.Add(time.Hour), dst.Add(90 * time.Minute)},
			notYet: time.Date(2026, 3, 8, 10, 59, 0, 0, time.UTC), due: time.Date(2026, 3, 8, 11, 0, 0, 0, time.UTC), changes: 2},
		{name: "immediate waits its window and batches the burst", cadence: "immediate 5m",
			start: t0, edits: []time.Time{t0.Add(time.Minute), t0.Add(3 * time.Minute)},
			notYet: t0.Add(5*time.Minute + 59*time.Second), due: t0.Add(6 * time.Minute), changes: 2},
		{name: "hourly at its minute", cadence: "hourly :15",
			start: t0, edits: []time.Time{t0.Add(20 * time.Minute)},
			notYet: t0.Add(74 * time.Minute), due: t0.Add(75 * time.Minute), changes: 1},
		{name: "weekly on its day", cadence: "weekly fri 07:00",
			start: t0, edits: []time.Time{t0.Add(time.Hour)},
			notYet: time.Date(2026, 12, 4, 11, 59, 0, 0, time.UTC), due: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), changes: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.story("https://news.test/story", "metro")
			f.save(id, article("Story", "Version one."), tc.start.Add(-time.Hour), false)
			e := f.engine(deliver.Options{Subscribers: []report.Subscriber{sub(t, "desk@example.org", tc.cadence, ny, all)}})
			mustEnqueue(t, e, tc.start)
			for i, at := range tc.edits {
				f.save(id, article("Story", "Version one.", strings.Repeat("More. ", i+1)), at, false)
			}
			if n := mustEnqueue(t, e, tc.notYet); n != 0 {
				t.Fatalf("enqueued %d entries at %s, want none yet", n, tc.notYet.In(ny))
			}
			if n := mustEnqueue(t, e, tc.due); n != 1 {
				t.Fatalf("enqueued %d entries at %s, want 1", n, tc.due.In(ny))
			}
			es := outbox(t, f.st)
			if len(es) != 1 || len(es[0].Changes) != tc.changes {
				t.Fatalf("outbox = %+v, want one entry of %d changes", es, tc.changes)
			}
			if r := mustSend(t, e, tc.due); r.Sent != 1 || len(f.smtp.Messages()) != 1 {
				t.Fatalf("send = %+v, server has %d mails; want 1", r, len(f.smtp.Messages()))
			}
		})
	}
}
