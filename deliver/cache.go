package deliver

import (
	"fmt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// cache keeps the stories, versions and diffed changes of one run, so a
// change that a thousand subscribers follow is read and diffed once.
type cache struct {
	st       *store.Store
	stories  map[redline.StoryID]redline.Story
	versions map[store.ChangeRef]redline.Version // keyed {story, 0, n}
	changes  map[store.ChangeRef]report.Change
}

func newCache(st *store.Store) *cache {
	return &cache{
		st:       st,
		stories:  map[redline.StoryID]redline.Story{},
		versions: map[store.ChangeRef]redline.Version{},
		changes:  map[store.ChangeRef]report.Change{},
	}
}

func (c *cache) story(id redline.StoryID) (redline.Story, error) {
	if s, ok := c.stories[id]; ok {
		return s, nil
	}
	s, err := c.st.Story(id)
	if err != nil {
		return redline.Story{}, err
	}
	c.stories[id] = s
	return s, nil
}

func (c *cache) version(id redline.StoryID, n int) (redline.Version, error) {
	k := store.ChangeRef{Story: id, To: n}
	if v, ok := c.versions[k]; ok {
		return v, nil
	}
	v, err := c.st.Version(id, n)
	if err != nil {
		return redline.Version{}, err
	}
	c.versions[k] = v
	return v, nil
}

// change is the change r names, diffed.
func (c *cache) change(r store.ChangeRef) (report.Change, error) {
	if ch, ok := c.changes[r]; ok {
		return ch, nil
	}
	s, err := c.story(r.Story)
	if err != nil {
		return report.Change{}, err
	}
	var from redline.Version
	if r.From > 0 {
		if from, err = c.version(r.Story, r.From); err != nil {
			return report.Change{}, err
		}
	}
	to, err := c.version(r.Story, r.To)
	if err != nil {
		return report.Change{}, err
	}
	ch := report.NewChange(s, from, to)
	c.changes[r] = ch
	return ch, nil
}

func (c *cache) changesOf(refs []store.ChangeRef) ([]report.Change, error) {
	out := make([]report.Change, 0, len(refs))
	for _, r := range refs {
		ch, err := c.change(r)
		if err != nil {
			return nil, fmt.Errorf("story %d versions %d → %d: %w", r.Story, r.From, r.To, err)
		}
		out = append(out, ch)
	}
	return out, nil
}
