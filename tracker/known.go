package tracker

import (
	"sync"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/extract"
)

// knownHeadlines remembers the headlines of the tracked stories by host,
// so the extractor can tell another story's headline, dropped between a
// page's paragraphs as a link, from the page's own text. It is filled
// once per pass from the story list the pass reads anyway, each host's
// headlines keyed once for all its stories: a re-check pays a map lookup,
// where keying the other stories' headlines for each check made a pass
// over one host's stories quadratic.
type knownHeadlines struct {
	mu     sync.RWMutex
	byHost map[string]*extract.HeadlineSet
	// counted is each story's headline as its host's set counts it, which
	// its own checks leave out even once the story's headline changed.
	counted map[redline.StoryID]string
}

func (k *knownHeadlines) refresh(stories []redline.Story) {
	headlines := make(map[string][]string)
	counted := make(map[redline.StoryID]string, len(stories))
	for _, st := range stories {
		if st.Headline == "" {
			continue
		}
		h := hostOf(st.URL)
		headlines[h] = append(headlines[h], st.Headline)
		counted[st.ID] = st.Headline
	}
	m := make(map[string]*extract.HeadlineSet, len(headlines))
	for h, hs := range headlines {
		m[h] = extract.NewHeadlineSet(hs)
	}
	k.mu.Lock()
	k.byHost, k.counted = m, counted
	k.mu.Unlock()
}

// forStory returns the headlines of the other stories on st's host.
func (k *knownHeadlines) forStory(st redline.Story) extract.Known {
	k.mu.RLock()
	defer k.mu.RUnlock()
	set := k.byHost[hostOf(st.URL)]
	if set == nil {
		return extract.Known{}
	}
	return extract.Known{Host: set, Own: k.counted[st.ID]}
}
