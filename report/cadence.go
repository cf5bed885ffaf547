package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CadenceKind is how often a subscriber gets mail.
type CadenceKind string

// The cadences.
const (
	// Immediate mails each change, batched: the mail goes out Window after
	// the oldest unsent change, with every change seen until then.
	Immediate CadenceKind = "immediate"
	Hourly    CadenceKind = "hourly"
	Daily     CadenceKind = "daily"
	Weekly    CadenceKind = "weekly"
)

// DefaultWindow batches immediate alerts: long enough to gather a burst
// of edits to a developing story, short enough to still be an alert.
const DefaultWindow = 5 * time.Minute

// Cadence is a subscriber's schedule. Daily and weekly digests go out at
// Hour:Minute wall-clock time in Location, so they follow its DST changes;
// hourly ones at Minute past each hour.
type Cadence struct {
	Kind     CadenceKind
	Window   time.Duration // Immediate only
	Weekday  time.Weekday  // Weekly only
	Hour     int
	Minute   int
	Location *time.Location
}

// ParseCadence reads a cadence in one of the forms
//
//	immediate            immediate 10m
//	hourly               hourly :15
//	daily                daily 07:00       (default 07:00)
//	weekly               weekly mon 07:00  (default monday 07:00)
//
// in the time zone loc (UTC when nil). "at" may precede a time. Errors
// name the value.
func ParseCadence(s string, loc *time.Location) (Cadence, error) {
	if loc == nil {
		loc = time.UTC
	}
	bad := func(why string) (Cadence, error) {
		return Cadence{}, fmt.Errorf("report: cadence %q: %s", s, why)
	}
	var words []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w != "at" {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return bad("empty; want immediate, hourly, daily or weekly")
	}
	c := Cadence{Kind: CadenceKind(words[0]), Location: loc}
	args := words[1:]
	switch c.Kind {
	case Immediate:
		c.Window = DefaultWindow
		if len(args) > 1 {
			return bad("want immediate [WINDOW]")
		}
		if len(args) == 1 {
			d, err := time.ParseDuration(args[0])
			if err != nil || d < 0 || d > 24*time.Hour {
				return bad("window " + strconv.Quote(args[0]) + " is not a duration from 0 to 24h")
			}
			c.Window = d
		}
	case Hourly:
		if len(args) > 1 {
			return bad("want hourly [:MM]")
		}
		if len(args) == 1 {
			m, err := strconv.Atoi(strings.TrimPrefix(args[0], ":"))
			if err != nil || !strings.HasPrefix(args[0], ":") || m < 0 || m > 59 {
				return bad("minute " + strconv.Quote(args[0]) + " is not :00 to :59")
			}
			c.Minute = m
		}
	case Daily, Weekly:
		c.Hour, c.Weekday = 7, time.Monday
		if c.Kind == Weekly && len(args) > 0 && !strings.Contains(args[0], ":") {
			wd, ok := parseWeekday(args[0])
			if !ok {
				return bad("weekday " + strconv.Quote(args[0]) + " is not monday to sunday")
			}
			c.Weekday, args = wd, args[1:]
		}
		if len(args) > 1 {
			return bad("want " + string(c.Kind) + " [HH:MM]")
		}
		if len(args) == 1 {
			t, err := time.Parse("15:04", args[0])
			if err != nil {
				return bad("time " + strconv.Quote(args[0]) + " is not HH:MM")
			}
			c.Hour, c.Minute = t.Hour(), t.Minute()
		}
	default:
		return bad("want immediate, hourly, daily or weekly")
	}
	return c, nil
}

func parseWeekday(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] {
			return d, true
		}
	}
	return 0, false
}

// String is the cadence in ParseCadence's form, without the time zone.
func (c Cadence) String() string {
	switch c.Kind {
	case Immediate:
		return "immediate " + c.Window.String()
	case Hourly:
		return fmt.Sprintf("hourly :%02d", c.Minute)
	case Daily:
		return fmt.Sprintf("daily %02d:%02d", c.Hour, c.Minute)
	case Weekly:
		return fmt.Sprintf("weekly %s %02d:%02d", strings.ToLower(c.Weekday.String()), c.Hour, c.Minute)
	}
	return string(c.Kind)
}

// Digest reports whether mails on this cadence are digests rather than
// alerts.
func (c Cadence) Digest() bool { return c.Kind != Immediate }

// Next returns the first send time strictly after after. For Immediate,
// after is when the oldest unsent change was seen and Next is Window
// later. Daily and weekly times are wall-clock times: on a day when
// Hour:Minute does not exist (a spring-forward gap) the mail goes out at
// the same offset past the gap, as time.Date normalizes it; on a day when
// it exists twice it goes out once, at the first.
func (c Cadence) Next(after time.Time) time.Time {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	switch c.Kind {
	case Immediate:
		return after.Add(c.Window)
	case Hourly:
		// Absolute hours, not wall-clock ones: the repeated hour of a
		// fall-back night is an hour too.
		t := after.In(loc)
		cand := t.Truncate(time.Minute).Add(time.Duration(c.Minute-t.Minute()) * time.Minute)
		for !cand.After(after) {
			cand = cand.Add(time.Hour)
		}
		return cand
	case Daily, Weekly:
		t := after.In(loc)
		y, m, d := t.Date()
		for i := 0; i <= 8; i++ {
			if c.Kind == Weekly && time.Date(y, m, d+i, 12, 0, 0, 0, loc).Weekday() != c.Weekday {
				continue
			}
			if cand := firstOccurrence(time.Date(y, m, d+i, c.Hour, c.Minute, 0, 0, loc)); cand.After(after) {
				return cand
			}
		}
	}
	return time.Time{}
}

// firstOccurrence moves a wall-clock time that exists twice (a fall-back
// night) to its earlier instant, since time.Date may return either.
func firstOccurrence(t time.Time) time.Time {
	earlier := t.Add(-time.Hour)
	if earlier.Hour() == t.Hour() && earlier.Minute() == t.Minute() && earlier.Day() == t.Day() {
		return earlier
	}
	return t
}
