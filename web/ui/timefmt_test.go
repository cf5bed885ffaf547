package ui

import (
	"testing"
	"time"
)

func TestWhen(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	now := time.Date(2026, time.March, 14, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Second, "just now"},
		{-10 * time.Second, "in a moment"},
		{50 * time.Second, "1 min ago"},
		{12*time.Minute + 40*time.Second, "12 min ago"},
		{-5 * time.Minute, "in 5 min"},
		{59 * time.Minute, "59 min ago"},
		{time.Hour + 20*time.Minute, "1 h 20 min ago"},
		{2 * time.Hour, "2 h ago"},
		{9*time.Hour + 40*time.Minute, "10 h ago"},
		{30 * time.Hour, "1 day ago"},
		{3 * 24 * time.Hour, "3 days ago"},
		{40 * 24 * time.Hour, "2 Feb 13:00"},
		{400 * 24 * time.Hour, "7 Feb 2025"},
	}
	for _, tc := range cases {
		w := when(now.Add(-tc.ago), now, berlin)
		if w.Ago != tc.want {
			t.Errorf("%v ago: %q, want %q", tc.ago, w.Ago, tc.want)
		}
	}
	w := when(now, now, berlin)
	if w.ISO != "2026-03-14T13:00:00+01:00" || w.Exact != "Sat 14 Mar 2026 13:00:00 CET" {
		t.Errorf("exact time in Berlin: %q / %q", w.ISO, w.Exact)
	}
	if !when(time.Time{}, now, berlin).Zero {
		t.Error("the zero time is not shown as never")
	}
}
