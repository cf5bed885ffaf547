package report

import (
	"fmt"
	"net/mail"
	"slices"
	"time"
)

// Subscriber is one person who gets report mail.
type Subscriber struct {
	Email   string
	Follow  Follow
	Cadence Cadence
	// Location is the subscriber's time zone, for the times shown in the
	// mail; nil means the newsroom's (Options.Location).
	Location *time.Location
	// HeadlinesOnly mails a short list (headline and summary line per
	// story) without the word diff.
	HeadlinesOnly bool
}

// Validate checks the address and the follow filter and returns the
// subscriber in the form Match and Compose expect.
func (s Subscriber) Validate() (Subscriber, error) {
	a, err := mail.ParseAddress(s.Email)
	if err != nil || a.Name != "" {
		return Subscriber{}, fmt.Errorf("report: subscriber email %q: want a bare address such as desk@example.org", s.Email)
	}
	s.Email = a.Address
	f, err := s.Follow.Validate()
	if err != nil {
		return Subscriber{}, fmt.Errorf("report: subscriber %s: %w", s.Email, err)
	}
	s.Follow = f
	if s.Cadence.Kind == "" {
		return Subscriber{}, fmt.Errorf("report: subscriber %s: no cadence", s.Email)
	}
	return s, nil
}

// LoadLocation loads a time zone by IANA name, with an error naming it.
func LoadLocation(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("report: time zone %q: %w", name, err)
	}
	return loc, nil
}

// Due picks what to mail the subscriber at now from the unsent changes,
// given when its last mail went out (zero: never). It returns the changes
// the subscriber follows that are due now, or none and when to ask again
// (zero when nothing it follows is pending). An immediate subscriber's
// mail waits Window after the oldest pending change, so a burst of edits
// goes out as one mail; a digest waits for the first scheduled time after
// last (after the oldest pending change for a new subscriber). The
// changes are returned as given; Compose coalesces each story's changes.
func (s Subscriber) Due(pending []Change, last, now time.Time) (due []Change, next time.Time) {
	var matched []Change
	for _, c := range pending {
		if s.Follow.Match(c) && !c.DetectedAt().After(now) {
			matched = append(matched, c)
		}
	}
	if len(matched) == 0 {
		return nil, time.Time{}
	}
	oldest := slices.MinFunc(matched, func(a, b Change) int { return a.DetectedAt().Compare(b.DetectedAt()) }).DetectedAt()
	from := last
	if s.Cadence.Kind == Immediate || last.IsZero() {
		from = oldest
	}
	at := s.Cadence.Next(from)
	if s.Cadence.Kind == Immediate && !at.After(oldest) {
		// A zero window sends at once.
		at = oldest
	}
	if now.Before(at) {
		return nil, at
	}
	return matched, time.Time{}
}
