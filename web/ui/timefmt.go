package ui

import (
	"fmt"
	"time"
)

// When is a time as the pages show it: relative words for reading, the
// exact time for the title and <time datetime>.
type When struct {
	Zero  bool
	ISO   string // RFC 3339, for datetime=
	Exact string // in the newsroom's zone, for the title
	Ago   string // "12 min ago", "in 5 min"
}

// when formats t relative to now in loc.
func when(t, now time.Time, loc *time.Location) When {
	if t.IsZero() {
		return When{Zero: true}
	}
	t = t.In(loc)
	return When{
		ISO:   t.Format(time.RFC3339),
		Exact: t.Format("Mon 2 Jan 2006 15:04:05 MST"),
		Ago:   relative(t, now.In(loc)),
	}
}

// relative says how far t is from now the way people say it. Past a week
// the date reads better than a count of days.
func relative(t, now time.Time) string {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < 45*time.Second:
		if future {
			return "in a moment"
		}
		return "just now"
	case d < time.Hour:
		s = fmt.Sprintf("%d min", max(1, int(d/time.Minute)))
	case d < 24*time.Hour:
		h := int(d / time.Hour)
		m := int(d%time.Hour) / int(time.Minute)
		if h < 6 && m >= 5 {
			s = fmt.Sprintf("%d h %d min", h, m)
		} else {
			s = fmt.Sprintf("%d h", int((d+30*time.Minute)/time.Hour))
		}
	case d < 7*24*time.Hour:
		days := int((d + 12*time.Hour) / (24 * time.Hour))
		if days == 1 {
			s = "1 day"
		} else {
			s = fmt.Sprintf("%d days", days)
		}
	default:
		if t.Year() == now.Year() {
			return t.Format("2 Jan 15:04")
		}
		return t.Format("2 Jan 2006")
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}
