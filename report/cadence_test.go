package report

import (
	"strings"
	"testing"
	"time"
)

func TestParseCadence(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"immediate", "immediate 5m0s"},
		{"Immediate 10m", "immediate 10m0s"},
		{"immediate 0s", "immediate 0s"},
		{"hourly", "hourly :00"},
		{"hourly :15", "hourly :15"},
		{"daily", "daily 07:00"},
		{"daily at 18:30", "daily 18:30"},
		{"weekly", "weekly monday 07:00"},
		{"weekly fri 16:00", "weekly friday 16:00"},
		{"weekly Sunday at 09:05", "weekly sunday 09:05"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseCadence(tt.in, berlin)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if c.Location != berlin {
				t.Errorf("location %v, want Europe/Berlin", c.Location)
			}
		})
	}
}

func TestParseCadence_errors(t *testing.T) {
	for _, in := range []string{"", "sometimes", "immediate soon", "immediate -1m", "immediate 48h", "hourly 15",
		"hourly :75", "daily 7am", "daily 25:00", "weekly funday 07:00", "weekly mon 07:00 extra", "daily 07:00 08:00"} {
		t.Run(in, func(t *testing.T) {
			_, err := ParseCadence(in, berlin)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), `"`+in+`"`) {
				t.Errorf("error %q does not name the value", err)
			}
		})
	}
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestCadence_Next(t *testing.T) {
	kolkata := mustLoad("Asia/Kolkata")
	tests := []struct {
		name    string
		cadence string
		loc     *time.Location
		after   time.Time
		want    time.Time
	}{
		{"immediate waits its window", "immediate 5m", berlin, utc(2026, 12, 1, 7, 0), utc(2026, 12, 1, 7, 5)},
		{"daily later today", "daily 07:00", berlin, utc(2026, 12, 1, 5, 0), utc(2026, 12, 1, 6, 0)},
		{"daily at the slot is the next day", "daily 07:00", berlin, utc(2026, 12, 1, 6, 0), utc(2026, 12, 2, 6, 0)},
		{"Berlin spring forward: 07:00 CEST", "daily 07:00", berlin, utc(2026, 3, 28, 6, 0), utc(2026, 3, 29, 5, 0)},
		{"Berlin day after spring forward", "daily 07:00", berlin, utc(2026, 3, 29, 5, 0), utc(2026, 3, 30, 5, 0)},
		{"Berlin fall back: 07:00 CET", "daily 07:00", berlin, utc(2026, 10, 24, 5, 0), utc(2026, 10, 25, 6, 0)},
		{"Berlin day after fall back", "daily 07:00", berlin, utc(2026, 10, 25, 6, 0), utc(2026, 10, 26, 6, 0)},
		{"Berlin 02:30 missing on spring day goes out after the gap", "daily 02:30", berlin, utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 1, 30)},
		{"Berlin 02:30 twice on fall-back day: the first", "daily 02:30", berlin, utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 0, 30)},
		{"Berlin 02:30 twice on fall-back day: not the second", "daily 02:30", berlin, utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)},
		{"New York spring forward: 07:00 EDT", "daily 07:00", newYork, utc(2026, 3, 7, 12, 0), utc(2026, 3, 8, 11, 0)},
		{"New York fall back: 07:00 EST", "daily 07:00", newYork, utc(2026, 10, 31, 11, 0), utc(2026, 11, 1, 12, 0)},
		{"New York 01:30 twice: the first", "daily 01:30", newYork, utc(2026, 10, 31, 12, 0), utc(2026, 11, 1, 5, 30)},
		{"New York 01:30 twice: not the second", "daily 01:30", newYork, utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)},
		{"hourly on the hour", "hourly", berlin, utc(2026, 12, 1, 7, 10), utc(2026, 12, 1, 8, 0)},
		{"hourly at the slot is the next hour", "hourly :15", berlin, utc(2026, 12, 1, 7, 15), utc(2026, 12, 1, 8, 15)},
		{"hourly in a half-hour zone", "hourly :15", kolkata, utc(2026, 12, 1, 10, 0), utc(2026, 12, 1, 10, 45)},
		{"hourly through the repeated hour", "hourly", berlin, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 0)},
		{"weekly next week", "weekly mon 07:00", berlin, utc(2026, 12, 1, 7, 0), utc(2026, 12, 7, 6, 0)},
		{"weekly later the same day", "weekly tue 09:00", berlin, utc(2026, 12, 1, 7, 0), utc(2026, 12, 1, 8, 0)},
		{"weekly at the slot is a week on", "weekly tue 09:00", berlin, utc(2026, 12, 1, 8, 0), utc(2026, 12, 8, 8, 0)},
		{"weekly on the spring-forward Sunday", "weekly sun 07:00", berlin, utc(2026, 3, 25, 0, 0), utc(2026, 3, 29, 5, 0)},
		{"weekly on the fall-back Sunday", "weekly sun 07:00", newYork, utc(2026, 10, 28, 0, 0), utc(2026, 11, 1, 12, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustCadence(t, tt.cadence, tt.loc).Next(tt.after)
			if !got.Equal(tt.want) {
				t.Errorf("Next(%v) = %v (%v), want %v (%v)", tt.after, got.UTC(), got.In(tt.loc), tt.want, tt.want.In(tt.loc))
			}
		})
	}
}

// TestCadence_Next_onceADay walks a daily cadence through both DST
// changes of a year: every date gets exactly one mail, at 07:00 local.
func TestCadence_Next_onceADay(t *testing.T) {
	for _, loc := range []*time.Location{berlin, newYork} {
		t.Run(loc.String(), func(t *testing.T) {
			c := mustCadence(t, "daily 07:00", loc)
			at := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			seen := map[string]bool{}
			for i := 0; i < 365; i++ {
				next := c.Next(at)
				local := next.In(loc)
				day := local.Format("2006-01-02")
				if local.Hour() != 7 || local.Minute() != 0 {
					t.Fatalf("mail at %v, want 07:00 local", local)
				}
				if seen[day] {
					t.Fatalf("two mails on %s", day)
				}
				if gap := next.Sub(at); i > 0 && gap != 24*time.Hour && gap != 23*time.Hour && gap != 25*time.Hour {
					t.Fatalf("gap %v before %v", gap, local)
				}
				seen[day] = true
				at = next
			}
			if len(seen) != 365 {
				t.Errorf("%d days with mail, want 365", len(seen))
			}
		})
	}
}

func TestLoadLocation(t *testing.T) {
	if loc, err := LoadLocation("Europe/Berlin"); err != nil || loc.String() != "Europe/Berlin" {
		t.Errorf("LoadLocation(Europe/Berlin) = %v, %v", loc, err)
	}
	if _, err := LoadLocation("Mars/Olympus_Mons"); err == nil || !strings.Contains(err.Error(), `"Mars/Olympus_Mons"`) {
		t.Errorf("error %v does not name the zone", err)
	}
}
