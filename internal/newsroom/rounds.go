package newsroom

import "github.com/redline-news/redline"

// Advance moves every story to its next round; a story on its last round
// stays there.
func (s *Site) Advance() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.round < s.lastRoundLocked() {
		s.round++
	}
}

// SetRound jumps to round n, clamped to [0, LastRound].
func (s *Site) SetRound(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.round = min(max(n, 0), s.lastRoundLocked())
}

// Round is the current round; a story with fewer rounds shows its last.
func (s *Site) Round() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.round
}

// LastRound is the last round of the longest story: Advance beyond it
// changes nothing.
func (s *Site) LastRound() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lastRoundLocked()
}

func (s *Site) lastRoundLocked() int {
	n := 0
	for _, st := range s.stories {
		n = max(n, len(st.story.Rounds)-1)
	}
	return n
}

// Slugs lists the current slugs of all stories in their order.
func (s *Site) Slugs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.stories))
	for i, st := range s.stories {
		out[i] = st.slug
	}
	return out
}

// Stories returns copies of the served stories, with their original slugs.
func (s *Site) Stories() []Story {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Story, len(s.stories))
	for i, st := range s.stories {
		out[i] = cloneStory(st.story)
	}
	return out
}

// Expected is the current ground-truth content of the story, found by its
// current or any earlier slug; the zero Round if there is no such story.
func (s *Site) Expected(slug string) Round {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.lookupLocked(slug)
	if st == nil {
		return Round{}
	}
	return st.story.Rounds[s.storyRoundLocked(st)].Clone()
}

// ExpectedArticle is Expected as the article an ideal extraction yields,
// with the published and modified times the page shows.
func (s *Site) ExpectedArticle(slug string) redline.Article {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.lookupLocked(slug)
	if st == nil {
		return redline.Article{}
	}
	r := s.storyRoundLocked(st)
	return st.story.Rounds[r].Article(s.opts.Start, st.modified[r])
}

// EditRounds lists, for every story, rounds 1 and later with the fields
// each changed (see Story.EditRounds). Slugs are the original ones.
func (s *Site) EditRounds() []EditRound {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []EditRound
	for _, st := range s.stories {
		out = append(out, st.story.EditRounds()...)
	}
	return out
}

func (s *Site) storyRoundLocked(st *storyState) int {
	return min(s.round, len(st.story.Rounds)-1)
}

// lookupLocked follows renames, so an old slug still finds its story.
func (s *Site) lookupLocked(slug string) *storyState {
	for range len(s.moved) + 1 {
		if st, ok := s.bySlug[slug]; ok {
			return st
		}
		next, ok := s.moved[slug]
		if !ok {
			return nil
		}
		slug = next
	}
	return nil
}
