package tracker

import (
	"context"
	"errors"
	"slices"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/store"
)

// maxProbed bounds the probed URLs a feed remembers; the oldest are
// forgotten first, long after they have left the feed.
const maxProbed = 1000

// prober fetches item pages a feed did not mark as developing, at most
// Feed.Probe per pass and each URL once, and looks for a developing line
// in the body or a live blog.
type prober struct {
	t      *Tracker
	feed   Feed
	left   int
	state  store.FeedState
	loaded bool
	dirty  bool
}

func (t *Tracker) newProber(f Feed) *prober {
	return &prober{t: t, feed: f, left: f.Probe}
}

func (p *prober) developing(ctx context.Context, url string) bool {
	if p.left <= 0 || ctx.Err() != nil {
		return false
	}
	if !p.loaded {
		st, err := p.t.store.FeedState(p.feed.URL)
		if err != nil {
			p.left = 0
			return false
		}
		p.state, p.loaded = st, true
	}
	if slices.Contains(p.state.Probed, url) {
		return false
	}
	if _, err := p.t.store.StoryByURL(url); err == nil {
		return false // tracked already: nothing to learn
	} else if !errors.Is(err, redline.ErrStoryNotFound) {
		return false
	}
	p.left--
	p.state.Probed = append(p.state.Probed, url)
	if len(p.state.Probed) > maxProbed {
		p.state.Probed = p.state.Probed[len(p.state.Probed)-maxProbed:]
	}
	p.dirty = true
	page, err := p.t.crawler.Fetch(ctx, crawler.Request{URL: url})
	if err != nil {
		p.t.logger.Debug("probe failed", logURL, url, logError, err)
		return false
	}
	// The extractor's flag covers both a developing line and a live blog
	// that is still live (a finished one has a coverage end time).
	a, err := p.t.extractor.Extract(page.Body, page.FinalURL)
	return err == nil && a.Developing
}

// save records which URLs were probed, so the next pass skips them.
func (p *prober) save() error {
	if !p.dirty {
		return nil
	}
	// Re-read: readFeed saved the feed's validators since this state was
	// loaded, and they must survive.
	st, err := p.t.store.FeedState(p.feed.URL)
	if err != nil {
		return err
	}
	st.Probed = p.state.Probed
	return p.t.store.SaveFeedState(p.feed.URL, st)
}
