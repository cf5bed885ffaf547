package tracker

import (
	"sync"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
)

// knownHeadlines remembers the headlines of the tracked stories by host,
// so the extractor can tell another story's headline, dropped between a
// page's paragraphs as a link, from the page's own text. It is filled
// once per pass from the story list the pass reads anyway; a re-check
// pays one map lookup.
type knownHeadlines struct {
	mu     sync.RWMutex
	byHost map[string][]storyHeadline
}

type storyHeadline struct {
	id       redline.StoryID
	headline string
}

func (k *knownHeadlines) refresh(stories []redline.Story) {
	m := make(map[string][]storyHeadline)
	for _, st := range stories {
		if st.Headline == "" {
			continue
		}
		h := hostOf(st.URL)
		m[h] = append(m[h], storyHeadline{st.ID, st.Headline})
	}
	k.mu.Lock()
	k.byHost = m
	k.mu.Unlock()
}

// forStory returns the headlines of the other stories on st's host.
func (k *knownHeadlines) forStory(st redline.Story) extract.Known {
	k.mu.RLock()
	defer k.mu.RUnlock()
	var out []string
	for _, sh := range k.byHost[hostOf(st.URL)] {
		if sh.id != st.ID {
			out = append(out, sh.headline)
		}
	}
	return extract.Known{Headlines: out}
}
