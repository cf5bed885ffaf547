package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

func TestStore_AddStory(t *testing.T) {
	s, clock := newStore(t)
	first := addStory(t, s, "https://news.example/first")
	if err := s.AddAlias(first, "https://news.example/first-moved"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	tests := []struct {
		name    string
		story   redline.Story
		wantErr error
		wantID  redline.StoryID
	}{
		{name: "new URL", story: redline.Story{URL: "https://news.example/second", Tags: []string{"fire"}}, wantID: 2},
		{name: "tracked URL", story: redline.Story{URL: "https://news.example/first"}, wantErr: redline.ErrStoryExists, wantID: first},
		{name: "tracked alias", story: redline.Story{URL: "https://news.example/first-moved"}, wantErr: redline.ErrStoryExists, wantID: first},
		{name: "empty URL", story: redline.Story{}, wantErr: redline.ErrBadURL},
		{name: "explicit fields kept", story: redline.Story{URL: "https://news.example/third", Status: redline.StatusPaused,
			AddedAt: epoch.Add(-time.Hour)}, wantID: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := tt.story
			err := s.AddStory(&st)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("AddStory = %v, want %v", err, tt.wantErr)
			}
			if st.ID != tt.wantID {
				t.Errorf("ID = %d, want %d", st.ID, tt.wantID)
			}
			if err != nil {
				return
			}
			wantAdded, wantStatus := tt.story.AddedAt, tt.story.Status
			if wantAdded.IsZero() {
				wantAdded = clock.Now()
			}
			if wantStatus == "" {
				wantStatus = redline.StatusActive
			}
			if !st.AddedAt.Equal(wantAdded) || st.Status != wantStatus {
				t.Errorf("AddedAt, Status = %v, %q; want %v, %q", st.AddedAt, st.Status, wantAdded, wantStatus)
			}
			got, err := s.Story(st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, st) {
				t.Errorf("Story(%d) = %+v, want %+v", st.ID, got, st)
			}
		})
	}
}

func TestStore_StoryByURL(t *testing.T) {
	s, _ := newStore(t)
	a := addStory(t, s, "https://news.example/a")
	b := addStory(t, s, "https://news.example/b")
	if err := s.AddAlias(b, "https://news.example/b?page=1"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url     string
		want    redline.StoryID
		wantErr error
	}{
		{url: "https://news.example/a", want: a},
		{url: "https://news.example/b", want: b},
		{url: "https://news.example/b?page=1", want: b},
		{url: "https://news.example/A", wantErr: redline.ErrStoryNotFound},
		{url: "", wantErr: redline.ErrStoryNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			st, err := s.StoryByURL(tt.url)
			if !errors.Is(err, tt.wantErr) || st.ID != tt.want {
				t.Errorf("StoryByURL(%q) = %d, %v; want %d, %v", tt.url, st.ID, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestStore_Stories(t *testing.T) {
	s, _ := newStore(t)
	if got, err := s.Stories(); err != nil || len(got) != 0 {
		t.Fatalf("Stories() on empty store = %v, %v", got, err)
	}
	var want []redline.StoryID
	for _, u := range []string{"https://z.example/", "https://a.example/", "https://m.example/", "https://b.example/"} {
		want = append(want, addStory(t, s, u))
	}
	if err := s.DeleteStory(want[1]); err != nil {
		t.Fatal(err)
	}
	want = append(want[:1], want[2:]...)
	got, err := s.Stories()
	if err != nil {
		t.Fatal(err)
	}
	var ids []redline.StoryID
	for _, st := range got {
		ids = append(ids, st.ID)
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("Stories() IDs = %v, want %v", ids, want)
	}
}

func TestStore_UpdateStory(t *testing.T) {
	s, _ := newStore(t)
	id := addStory(t, s, "https://news.example/a")
	other := addStory(t, s, "https://news.example/other")
	boom := errors.New("boom")
	tests := []struct {
		name    string
		id      redline.StoryID
		fn      func(*redline.Story) error
		wantErr error
		check   func(t *testing.T, st redline.Story)
	}{
		{name: "fields saved", id: id, fn: func(st *redline.Story) error {
			st.ETag, st.Failures, st.NextCheck = `"abc"`, 2, epoch.Add(time.Hour)
			return nil
		}, check: func(t *testing.T, st redline.Story) {
			if st.ETag != `"abc"` || st.Failures != 2 || !st.NextCheck.Equal(epoch.Add(time.Hour)) {
				t.Errorf("stored story = %+v", st)
			}
		}},
		{name: "fn error aborts", id: id, fn: func(st *redline.Story) error {
			st.ETag = "lost"
			return boom
		}, wantErr: boom, check: func(t *testing.T, st redline.Story) {
			if st.ETag != `"abc"` {
				t.Errorf("ETag = %q after a failed update", st.ETag)
			}
		}},
		{name: "ID change refused", id: id, fn: func(st *redline.Story) error {
			st.ID = 99
			return nil
		}, wantErr: errAny},
		{name: "URL taken by another story", id: id, fn: func(st *redline.Story) error {
			st.URL = "https://news.example/other"
			return nil
		}, wantErr: redline.ErrStoryExists},
		{name: "URL change keeps old as alias", id: id, fn: func(st *redline.Story) error {
			st.URL = "https://news.example/a-renamed"
			return nil
		}, check: func(t *testing.T, st redline.Story) {
			for _, u := range []string{"https://news.example/a", "https://news.example/a-renamed"} {
				if got, err := s.StoryByURL(u); err != nil || got.ID != id {
					t.Errorf("StoryByURL(%s) = %d, %v; want %d", u, got.ID, err, id)
				}
			}
		}},
		{name: "empty URL refused", id: id, fn: func(st *redline.Story) error {
			st.URL = ""
			return nil
		}, wantErr: redline.ErrBadURL},
		{name: "unknown story", id: 42, fn: func(*redline.Story) error { return nil }, wantErr: redline.ErrStoryNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.UpdateStory(tt.id, tt.fn)
			if tt.wantErr == errAny {
				if err == nil {
					t.Fatal("UpdateStory succeeded, want an error")
				}
			} else if !errors.Is(err, tt.wantErr) {
				t.Fatalf("UpdateStory = %v, want %v", err, tt.wantErr)
			}
			if tt.check != nil {
				st, err := s.Story(tt.id)
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, st)
			}
		})
	}
	if st, _ := s.Story(other); st.URL != "https://news.example/other" {
		t.Errorf("other story's URL changed to %q", st.URL)
	}
}

// errAny marks a case that must fail without a specific sentinel.
var errAny = errors.New("any error")

func TestStore_AddAlias(t *testing.T) {
	s, _ := newStore(t)
	a := addStory(t, s, "https://news.example/a")
	b := addStory(t, s, "https://news.example/b")
	tests := []struct {
		name    string
		id      redline.StoryID
		url     string
		wantErr error
	}{
		{name: "new alias", id: a, url: "https://news.example/a-final"},
		{name: "same alias again", id: a, url: "https://news.example/a-final"},
		{name: "own URL", id: a, url: "https://news.example/a"},
		{name: "other story's URL", id: a, url: "https://news.example/b", wantErr: redline.ErrStoryExists},
		{name: "other story's alias", id: b, url: "https://news.example/a-final", wantErr: redline.ErrStoryExists},
		{name: "unknown story", id: 7, url: "https://news.example/c", wantErr: redline.ErrStoryNotFound},
		{name: "empty URL", id: a, url: "", wantErr: redline.ErrBadURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.AddAlias(tt.id, tt.url); !errors.Is(err, tt.wantErr) {
				t.Fatalf("AddAlias(%d, %q) = %v, want %v", tt.id, tt.url, err, tt.wantErr)
			}
		})
	}
	got, err := s.Aliases(a)
	if want := []string{"https://news.example/a-final"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Aliases(%d) = %q, %v; want %q", a, got, err, want)
	}
}
