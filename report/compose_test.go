package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestCompose_golden(t *testing.T) {
	tests := []struct {
		file    string
		cadence string
		changes []Change
	}{
		{"headline.eml", "immediate", []Change{headlineChange()}},
		{"paragraphs.eml", "immediate", []Change{paragraphsAdded()}},
		{"batch.eml", "immediate", []Change{headlineChange(), bridgeChange(), paragraphsAdded(), budgetChange()}},
		{"digest.eml", "daily 07:00", []Change{libraryChange(), headlineChange(), bridgeChange(), paragraphsAdded(), budgetChange()}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m, err := Compose(subscriber(t, tt.cadence, Follow{All: true}), tt.changes, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, m.Bytes())
		})
	}
}

func TestCompose_stableMessageID(t *testing.T) {
	sub := subscriber(t, "immediate", Follow{All: true})
	a, err := Compose(sub, []Change{headlineChange(), bridgeChange()}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Same change set in another order, composed later: same ID and bytes
	// but for the date.
	o := testOptions()
	b, err := Compose(sub, []Change{bridgeChange(), headlineChange()}, o)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two composes differ: %s vs %s", a.ID, b.ID)
	}
	if !strings.HasSuffix(a.ID, "@newsroom.test>") {
		t.Errorf("Message-ID %s is not at the From domain", a.ID)
	}
	other := sub
	other.Email = "other@newsroom.test"
	c, err := Compose(other, []Change{headlineChange(), bridgeChange()}, o)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compose(sub, []Change{headlineChange()}, o)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == a.ID || d.ID == a.ID {
		t.Errorf("Message-ID does not depend on recipient and change set: %s %s %s", a.ID, c.ID, d.ID)
	}
}

// TestComposer_sameAsCompose checks that sections rendered once and
// reused give the mail a fresh Compose gives, for readers in other time
// zones and with headlines only.
func TestComposer_sameAsCompose(t *testing.T) {
	cp, err := NewComposer(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	changes := []Change{headlineChange(), bridgeChange(), budgetChange(), paragraphsAdded()}
	ny := subscriber(t, "daily 07:00", Follow{All: true})
	ny.Email, ny.Location = "ny@newsroom.test", newYork
	short := subscriber(t, "immediate", Follow{All: true})
	short.Email, short.HeadlinesOnly = "short@newsroom.test", true
	for round := range 2 {
		for _, sub := range []Subscriber{subscriber(t, "daily 07:00", Follow{All: true}), ny, short} {
			got, err := cp.Compose(sub, changes)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Compose(sub, changes, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("round %d, %s: Composer and Compose differ", round, sub.Email)
			}
		}
	}
	m, err := cp.Compose(ny, changes)
	if err != nil {
		t.Fatal(err)
	}
	if p := parse(t, m.Bytes()); !strings.Contains(p.text, "(1 Dec 01:20 EST)") {
		t.Errorf("New York reader does not see New York times:\n%s", p.text)
	}
	m, err = cp.Compose(short, changes)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, m.Bytes())
	if strings.Contains(p.text, "{+") || strings.Contains(p.html, "<ins") {
		t.Errorf("headlines-only mail has word diffs:\n%s", p.text)
	}
	if !strings.Contains(p.text, "Harwick Street Bridge closed") || !strings.Contains(p.text, "1 paragraph added") {
		t.Errorf("headlines-only mail lacks headline or summary:\n%s", p.text)
	}
}

func TestCompose_errors(t *testing.T) {
	sub := subscriber(t, "immediate", Follow{All: true})
	bad := func(f func(*Options)) Options {
		o := testOptions()
		f(&o)
		return o
	}
	tests := []struct {
		name    string
		o       Options
		changes []Change
		want    string
	}{
		{"no from", bad(func(o *Options) { o.From = "" }), []Change{bridgeChange()}, `from ""`},
		{"bad reply-to", bad(func(o *Options) { o.ReplyTo = "desk" }), []Change{bridgeChange()}, `reply-to "desk"`},
		{"relative base", bad(func(o *Options) { o.BaseURL = "/redline" }), []Change{bridgeChange()}, `base URL "/redline"`},
		{"no way to stop", bad(func(o *Options) { o.UnsubscribeURL, o.UnsubscribeMailto = "", "" }), []Change{bridgeChange()}, "unsubscribe"},
		{"http unsubscribe", bad(func(o *Options) { o.UnsubscribeURL = "http://x.test/u" }), []Change{bridgeChange()}, `"http://x.test/u"`},
		{"no changes", testOptions(), nil, "no changes"},
		{"versions out of order", testOptions(), []Change{func() Change { c := bridgeChange(); c.From.N = 2; return c }()}, "story 12: versions 2 → 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compose(sub, tt.changes, tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %s", err, tt.want)
			}
		})
	}
}

func TestSubject(t *testing.T) {
	long := strings.Repeat("Councillors argue over ", 8) + "the harbour plan"
	c := bridgeChange()
	c.Headline = long
	tests := []struct {
		name    string
		cadence string
		changes []Change
		want    string
	}{
		{"headline", "immediate", []Change{headlineChange()}, "Headline changed: Rail strike talks: Ortiz and union chief Hale to speak Thursday, 36 hours before deadline"},
		{"paragraphs", "immediate", []Change{paragraphsAdded()}, "Updated: Rail strike talks: Ortiz and union chief Hale to speak Thursday, 36 hours before deadline (+2 paragraphs)"},
		{"words", "immediate", []Change{libraryChange()}, "Updated: Eastmarsh library reopens after two-year renovation (4 words changed)"},
		{"cut on a word", "immediate", []Change{c}, "Updated: Councillors argue over Councillors argue over Councillors argue over Councillors argue over… (+1 paragraph)"},
		{"several", "immediate", []Change{bridgeChange(), libraryChange()}, "2 stories updated: Harwick Street Bridge closed after inspectors find cracked beam and 1 more"},
		{"daily", "daily 07:00", []Change{bridgeChange()}, "Daily digest, 1 Dec: 1 story updated"},
		{"hourly", "hourly", []Change{bridgeChange(), libraryChange()}, "Hourly digest, 1 Dec 08:00: 2 stories updated"},
		{"weekly", "weekly", []Change{bridgeChange()}, "Weekly digest, 1 Dec: 1 story updated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Compose(subscriber(t, tt.cadence, Follow{All: true}), tt.changes, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if m.Subject != tt.want {
				t.Errorf("subject\n got %q\nwant %q", m.Subject, tt.want)
			}
			if n := len([]rune(m.Subject)); n > maxSubject {
				t.Errorf("subject of %d characters", n)
			}
		})
	}
}

// TestQP_piecesJoin checks what the Composer's cache relies on: pieces
// that end in a line break encode apart into the encoding of the whole.
func TestQP_piecesJoin(t *testing.T) {
	pieces := []string{
		"title with trailing space \n",
		"\n" + strings.Repeat("long line with = signs and ümlauts ", 9) + "\n",
		"tab at end\t\n",
		"lone\rcarriage and crlf\r\nend\n",
		strings.Repeat("x", 75) + "é\n",
		"\n\n",
		"last line without break",
	}
	var whole strings.Builder
	var joined []byte
	for _, p := range pieces {
		whole.WriteString(p)
		joined = append(joined, qp(p)...)
	}
	if want := qp(whole.String()); !bytes.Equal(joined, want) {
		t.Errorf("pieces encode to\n%q\nthe whole to\n%q", joined, want)
	}
}

// TestComposer_concurrent composes from several goroutines, as a sender
// with parallel SMTP connections would; run with -race.
func TestComposer_concurrent(t *testing.T) {
	cp, err := NewComposer(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	changes := digestChanges(5)
	want, err := Compose(subscriber(t, "daily 07:00", Follow{All: true}), changes, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	sub := subscriber(t, "daily 07:00", Follow{All: true})
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			m, err := cp.Compose(sub, changes)
			if err == nil && !bytes.Equal(m.Bytes(), want.Bytes()) {
				err = errors.New("concurrent compose differs from Compose")
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
