package store_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// TestStore_DropPagesBefore drops growing prefixes of a page chain that
// spans keyframes, with gaps where versions were saved without a page, and
// checks that no version changes and every page that stays decodes to the
// bytes it was saved with.
func TestStore_DropPagesBefore(t *testing.T) {
	const n = 40
	day := 24 * time.Hour
	tests := []struct {
		name      string
		cutoffDay int // pages of versions fetched before epoch + this many days go
		wantGone  int
	}{
		{name: "nothing old enough", cutoffDay: 0, wantGone: 0},
		{name: "first page only", cutoffDay: 1, wantGone: 1},
		{name: "into the first chain", cutoffDay: 7, wantGone: 6},
		{name: "up to a keyframe", cutoffDay: 16, wantGone: 14},
		{name: "across a keyframe", cutoffDay: 25, wantGone: 22},
		{name: "everything but the newest", cutoffDay: 1000, wantGone: 34},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clk := newStore(t)
			id := addStory(t, s, "https://news.example/retention")
			g := newGen(21)
			art := g.article(600)
			pages := map[int][]byte{}
			for i := 1; i <= n; i++ {
				var raw []byte
				if i%8 != 5 { // versions 5, 13, 21, 29, 37 have no page
					raw = page(art, g.sentence(20))
					pages[i] = raw
				}
				if _, stored := save(t, s, id, art, raw); !stored {
					t.Fatalf("version %d not stored", i)
				}
				art = g.edit(art)
				clk.Advance(day)
			}
			versions, _ := s.Versions(id)

			res, err := s.DropPagesBefore(epoch.Add(time.Duration(tt.cutoffDay) * day))
			if err != nil {
				t.Fatalf("DropPagesBefore: %v", err)
			}
			if res.Pages != tt.wantGone {
				t.Errorf("dropped %d pages, want %d", res.Pages, tt.wantGone)
			}
			if got, _ := s.Versions(id); !reflect.DeepEqual(got, versions) {
				t.Errorf("versions changed by dropping pages")
			}
			gone := 0
			for i := 1; i <= n; i++ {
				raw, err := s.RawHTML(id, i)
				switch {
				case errors.Is(err, redline.ErrPageDropped):
					gone++
					if pages[i] == nil {
						t.Errorf("version %d had no page, now reads as dropped", i)
					}
					if versions[i-1].FetchedAt.After(epoch.Add(time.Duration(tt.cutoffDay) * day)) {
						t.Errorf("page %d fetched %s dropped by a cutoff before it", i, versions[i-1].FetchedAt)
					}
				case err != nil:
					t.Errorf("page %d: %v", i, err)
				case !bytes.Equal(raw, pages[i]):
					t.Errorf("page %d reads back %d bytes, saved %d", i, len(raw), len(pages[i]))
				}
			}
			if gone != tt.wantGone {
				t.Errorf("%d pages read as dropped, want %d", gone, tt.wantGone)
			}
			if err := s.Check(); err != nil {
				t.Errorf("Check after dropping: %v", err)
			}
			// Again: nothing more to do. A new page chains onto what stayed.
			if again, err := s.DropPagesBefore(epoch.Add(time.Duration(tt.cutoffDay) * day)); err != nil || again.Pages != 0 {
				t.Errorf("second run dropped %d pages (%v), want 0", again.Pages, err)
			}
			raw := page(art, "after")
			v, _ := save(t, s, id, art, raw)
			if got, err := s.RawHTML(id, v.N); err != nil || !bytes.Equal(got, raw) {
				t.Errorf("page saved after dropping: %v", err)
			}
		})
	}
}

func TestStore_RawHTML_droppedSaysSo(t *testing.T) {
	s, clk := newStore(t)
	id := addStory(t, s, "https://news.example/a")
	g := newGen(2)
	art := g.article(100)
	for range 3 {
		save(t, s, id, art, page(art, "x"))
		art = g.edit(art)
		clk.Advance(48 * time.Hour)
	}
	if _, err := s.DropPagesBefore(clk.Now().Add(-100 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	_, err := s.RawHTML(id, 1)
	if !errors.Is(err, redline.ErrPageDropped) {
		t.Fatalf("RawHTML of a dropped page = %v, want ErrPageDropped", err)
	}
	for _, want := range []string{"story 1", "version 1", "keep_pages", "2026-03-20"} {
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if _, err := s.RawHTML(id, 2); err != nil {
		t.Errorf("page 2, fetched after the cutoff: %v", err)
	}
}
