package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
)

func TestStore_Checks(t *testing.T) {
	s, clock := newStore(t)
	id := addStory(t, s, "https://news.example/a")
	quiet := addStory(t, s, "https://news.example/quiet")
	results := []redline.CheckResult{redline.ResultNew, redline.ResultUnchanged, redline.ResultNotModified,
		redline.ResultFailed, redline.ResultChanged}
	var added []redline.Check
	for i, r := range results {
		clock.Advance(time.Minute)
		c := redline.Check{Result: r, HTTPStatus: 200, Version: i}
		if r == redline.ResultFailed {
			c.Error, c.HTTPStatus = "dial tcp: connection refused", 0
		}
		if i == 0 {
			c.At = epoch.Add(-time.Hour) // an explicit time is kept
		}
		if err := s.AddCheck(id, c); err != nil {
			t.Fatal(err)
		}
		if c.At.IsZero() {
			c.At = clock.Now()
		}
		added = append(added, c)
	}
	newestFirst := make([]redline.Check, len(added))
	for i, c := range added {
		newestFirst[len(added)-1-i] = c
	}
	tests := []struct {
		name    string
		id      redline.StoryID
		limit   int
		want    []redline.Check
		wantErr error
	}{
		{name: "all", id: id, limit: 0, want: newestFirst},
		{name: "negative limit is all", id: id, limit: -1, want: newestFirst},
		{name: "limit", id: id, limit: 2, want: newestFirst[:2]},
		{name: "limit above count", id: id, limit: 50, want: newestFirst},
		{name: "no checks", id: quiet, limit: 0, want: nil},
		{name: "unknown story", id: 99, wantErr: redline.ErrStoryNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Checks(tt.id, tt.limit)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Checks = %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Checks(%d, %d) =\n%+v\nwant\n%+v", tt.id, tt.limit, got, tt.want)
			}
		})
	}
	if err := s.AddCheck(99, redline.Check{}); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("AddCheck(unknown) = %v, want ErrStoryNotFound", err)
	}
}

func TestStore_PruneChecks(t *testing.T) {
	tests := []struct {
		name        string
		total, keep int
		wantDeleted int
	}{
		{name: "keep some", total: 10, keep: 3, wantDeleted: 7},
		{name: "keep more than exist", total: 4, keep: 10, wantDeleted: 0},
		{name: "keep none", total: 5, keep: 0, wantDeleted: 5},
		{name: "negative keep is none", total: 2, keep: -1, wantDeleted: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := newStore(t)
			id := addStory(t, s, "https://news.example/a")
			for i := range tt.total {
				clock.Advance(time.Second)
				if err := s.AddCheck(id, redline.Check{Result: redline.ResultUnchanged, Version: i + 1}); err != nil {
					t.Fatal(err)
				}
			}
			deleted, err := s.PruneChecks(id, tt.keep)
			if err != nil || deleted != tt.wantDeleted {
				t.Fatalf("PruneChecks = %d, %v; want %d", deleted, err, tt.wantDeleted)
			}
			got, err := s.Checks(id, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.total-tt.wantDeleted {
				t.Fatalf("%d checks left, want %d", len(got), tt.total-tt.wantDeleted)
			}
			for i, c := range got {
				if c.Version != tt.total-i {
					t.Errorf("check %d is version %d, want the newest kept (%d)", i, c.Version, tt.total-i)
				}
			}
		})
	}
}

func TestStore_RecordCheck(t *testing.T) {
	s, _ := newStore(t)
	st := redline.Story{URL: "https://news.example/a"}
	if err := s.AddStory(&st); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	got, err := s.RecordCheck(st.ID, redline.Check{At: at, Result: redline.ResultUnchanged}, func(s *redline.Story) error {
		s.LastChecked = at
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !got.LastChecked.Equal(at) {
		t.Errorf("returned story LastChecked = %v, want %v", got.LastChecked, at)
	}
	checks, err := s.Checks(st.ID, 0)
	if err != nil || len(checks) != 1 || checks[0].Result != redline.ResultUnchanged {
		t.Fatalf("checks = %v, %v; want the one recorded", checks, err)
	}
	// A failing update rolls the check back with it: both or neither.
	_, err = s.RecordCheck(st.ID, redline.Check{At: at, Result: redline.ResultFailed}, func(s *redline.Story) error {
		s.URL = ""
		return nil
	})
	if !errors.Is(err, redline.ErrBadURL) {
		t.Fatalf("error = %v, want ErrBadURL", err)
	}
	if checks, _ := s.Checks(st.ID, 0); len(checks) != 1 {
		t.Errorf("%d checks after a failed update, want the check rolled back", len(checks))
	}
	if _, err := s.RecordCheck(999, redline.Check{}, func(*redline.Story) error { return nil }); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("unknown story: error = %v", err)
	}
}

func TestStore_KeepChecks(t *testing.T) {
	clk := clock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	s := testutil.MustOpenStoreWith(t, store.Options{Now: clk.Now, KeepChecks: 3})
	id := addStory(t, s, "https://news.example/a")
	for i := range 7 {
		c := redline.Check{Result: redline.ResultUnchanged, Version: i + 1}
		if i%2 == 0 {
			if err := s.AddCheck(id, c); err != nil {
				t.Fatal(err)
			}
		} else if _, err := s.RecordCheck(id, c, func(*redline.Story) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	checks, err := s.Checks(id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, c := range checks {
		got = append(got, c.Version)
	}
	if !reflect.DeepEqual(got, []int{7, 6, 5}) {
		t.Errorf("kept checks %v, want the newest three [7 6 5]", got)
	}
}

// RecordChecks commits many checks at once, each with its story's update;
// a story deleted meanwhile is left out and named, and any other failure
// records none of them.
func TestStore_RecordChecks(t *testing.T) {
	s, _ := newStore(t)
	ids := []redline.StoryID{addStory(t, s, "https://news.example/a"), addStory(t, s, "https://news.example/b"), addStory(t, s, "https://news.example/c")}
	if err := s.DeleteStory(ids[1]); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var recs []store.CheckRecord
	for i, id := range ids {
		recs = append(recs, store.CheckRecord{Story: id, Check: redline.Check{At: at, Result: redline.ResultUnchanged, Version: i + 1},
			Update: func(s *redline.Story) error { s.LastChecked = at.Add(time.Duration(i) * time.Minute); return nil }})
	}
	gone, err := s.RecordChecks(recs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gone, []redline.StoryID{ids[1]}) {
		t.Errorf("gone = %v, want the deleted story %d", gone, ids[1])
	}
	for i, id := range []redline.StoryID{ids[0], ids[2]} {
		checks, err := s.Checks(id, 0)
		if err != nil || len(checks) != 1 || checks[0].Version != 2*i+1 {
			t.Errorf("story %d: checks %+v, %v; want its one check", id, checks, err)
		}
		st, err := s.Story(id)
		if err != nil || !st.LastChecked.Equal(at.Add(time.Duration(2*i)*time.Minute)) {
			t.Errorf("story %d: LastChecked %v, %v; want its update applied", id, st.LastChecked, err)
		}
	}
	if _, err := s.Story(ids[1]); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("deleted story came back: %v", err)
	}

	// One failing update: nothing of the batch is recorded.
	bad := []store.CheckRecord{
		{Story: ids[0], Check: redline.Check{At: at, Result: redline.ResultUnchanged}, Update: func(*redline.Story) error { return nil }},
		{Story: ids[2], Check: redline.Check{At: at, Result: redline.ResultUnchanged}, Update: func(s *redline.Story) error { s.URL = ""; return nil }},
	}
	if _, err := s.RecordChecks(bad); !errors.Is(err, redline.ErrBadURL) {
		t.Fatalf("error = %v, want ErrBadURL", err)
	}
	for _, id := range []redline.StoryID{ids[0], ids[2]} {
		if checks, _ := s.Checks(id, 0); len(checks) != 1 {
			t.Errorf("story %d: %d checks after a failed batch, want it rolled back whole", id, len(checks))
		}
	}
}
