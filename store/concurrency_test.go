package store_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/redline-news/redline"
)

// TestStore_concurrent runs writers and readers at once; run with -race.
// Writers race on one shared story, so SaveVersion's read-compare-write
// must be atomic for the counts to come out right.
func TestStore_concurrent(t *testing.T) {
	s, _ := newStore(t)
	shared := addStory(t, s, "https://news.example/shared")
	const writers, edits = 4, 12
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	own := make([]redline.StoryID, writers)
	for w := range writers {
		own[w] = addStory(t, s, fmt.Sprintf("https://news.example/own/%d", w))
	}
	var storedShared sync.Map
	for w := range writers {
		wg.Go(func() {
			g := newGen(uint64(100 + w))
			a := g.article(150)
			for e := range edits {
				for _, id := range []redline.StoryID{own[w], shared} {
					v := redline.Version{StoryID: id, Article: a}
					stored, err := s.SaveVersion(&v, page(a, "x"))
					if err != nil {
						errs <- err
						return
					}
					if stored && id == shared {
						storedShared.Store(v.N, w*edits+e)
					}
				}
				a = g.edit(a)
			}
		})
	}
	for range 3 {
		wg.Go(func() {
			for range edits * 2 {
				if _, err := s.Story(shared); err != nil {
					errs <- err
				}
				if _, err := s.Versions(shared); err != nil {
					errs <- err
				}
				if _, err := s.Stories(); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for w, id := range own {
		if st, err := s.Story(id); err != nil || st.Versions != edits {
			t.Errorf("writer %d story: %d versions, %v; want %d", w, st.Versions, err, edits)
		}
	}
	n := 0
	storedShared.Range(func(_, _ any) bool { n++; return true })
	st, err := s.Story(shared)
	if err != nil || st.Versions != n {
		t.Errorf("shared story has %d versions, %v; writers were told %d distinct numbers", st.Versions, err, n)
	}
}
