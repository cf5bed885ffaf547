package tracker

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/discover"
)

// Feed is a place to discover stories: an RSS, Atom or JSON feed, a news
// sitemap, or a section page whose story links match Links.
type Feed struct {
	URL string
	// TrackAll tracks every item; otherwise only items that look like
	// developing stories are tracked.
	TrackAll bool
	Tags     []string
	// Links picks story links on a section page; nil guesses article-like
	// links.
	Links *regexp.Regexp
	// Keywords, when set, replace the built-in phrases that mark an item
	// as developing ("developing", "live updates", "breaking", ...).
	Keywords []string
	// Probe is how many item pages a pass may fetch to look for what the
	// feed's text does not show: a developing line in the body, or a live
	// blog. Each page is probed once; 0 never fetches item pages.
	Probe int
}

// maxChildSitemaps bounds how many sitemaps of a sitemap index one pass
// reads, so a huge index cannot turn discovery into a site crawl.
const maxChildSitemaps = 5

// Discover reads every feed once (with conditional GET, so an unchanged
// feed costs a 304) and tracks the stories it picks. A feed that fails is
// reported and the others still run.
func (t *Tracker) Discover(ctx context.Context, feeds []Feed) redline.DiscoverReport {
	var report redline.DiscoverReport
	for _, f := range feeds {
		if ctx.Err() != nil {
			break
		}
		fr := t.discoverFeed(ctx, f)
		if fr.Error != "" {
			report.Failed++
			t.logger.Warn("discovery failed", logURL, f.URL, logError, fr.Error)
		}
		report.Tracked += len(fr.Tracked)
		report.Feeds = append(report.Feeds, fr)
	}
	return report
}

func (t *Tracker) discoverFeed(ctx context.Context, f Feed) redline.FeedResult {
	fr := t.readAndTrack(ctx, f)
	t.recordFeed(fr)
	return fr
}

// recordFeed keeps what a pass over a feed found, for the pages: a failure
// of its own kind, so a feed that fails now still shows what it last found.
func (t *Tracker) recordFeed(fr redline.FeedResult) {
	state, err := t.store.FeedState(fr.URL)
	if err == nil {
		state.LastAttempt, state.Error = t.now(), fr.Error
		if !fr.NotModified && fr.Kind != "" && (fr.Items > 0 || fr.Error == "") {
			state.Kind, state.Items, state.Tracked = fr.Kind, fr.Items, fr.Tracked
		}
		err = t.store.SaveFeedState(fr.URL, state)
	}
	if err != nil {
		t.logger.Warn("discovery outcome not recorded", logURL, fr.URL, logError, err)
	}
}

func (t *Tracker) readAndTrack(ctx context.Context, f Feed) redline.FeedResult {
	fr := redline.FeedResult{URL: f.URL, Tracked: []redline.StoryID{}}
	items, kind, notModified, err := t.readFeed(ctx, f, f.URL)
	fr.Kind, fr.NotModified = string(kind), notModified
	if err != nil {
		fr.Error = err.Error()
		return fr
	}
	if kind == discover.KindSitemapIndex {
		var children []discover.Item
		for i, child := range items {
			if i == maxChildSitemaps {
				break
			}
			got, _, _, err := t.readFeed(ctx, f, child.URL)
			if err != nil {
				fr.Error = err.Error()
				continue
			}
			children = append(children, got...)
		}
		items = children
	}
	fr.Items = len(items)
	probe := t.newProber(f)
	for _, it := range items {
		if it.Sitemap {
			continue
		}
		if !f.TrackAll && !it.Developing && !probe.developing(ctx, it.URL) {
			continue
		}
		st, err := t.Track(it.URL, TrackOptions{Tags: f.Tags})
		if errors.Is(err, redline.ErrStoryExists) {
			continue
		}
		if err != nil {
			fr.Error = err.Error()
			continue
		}
		t.logger.Info("discovered story", logStory, st.ID, logURL, st.URL, "source", f.URL)
		fr.Tracked = append(fr.Tracked, st.ID)
	}
	if err := probe.save(); err != nil && fr.Error == "" {
		fr.Error = err.Error()
	}
	return fr
}

// readFeed fetches one discovery document, remembering its validators so
// the next pass can ask "has it changed?".
func (t *Tracker) readFeed(ctx context.Context, f Feed, url string) ([]discover.Item, discover.Kind, bool, error) {
	state, err := t.store.FeedState(url)
	if err != nil {
		return nil, "", false, err
	}
	page, err := t.crawler.Fetch(ctx, crawler.Request{URL: url, ETag: state.ETag, LastModified: state.LastModified, AllowNonHTML: true})
	if err != nil {
		return nil, "", false, fmt.Errorf("discover %s: %w", url, err)
	}
	if page.NotModified {
		state.LastRead = t.now()
		if err := t.store.SaveFeedState(url, state); err != nil {
			return nil, "", true, err
		}
		return nil, "", true, nil
	}
	parser := discover.Parser{Logger: t.logger, Matcher: discover.Matcher{Keywords: f.Keywords}}
	// Raw, not Body: an XML declaration may name the original encoding.
	items, kind, err := parser.ParseFeed(page.Raw, page.FinalURL)
	if errors.Is(err, discover.ErrNotFeed) && kind == discover.KindHTML {
		items, err = parser.ParseSection(page.Body, page.FinalURL, f.Links)
	}
	if err != nil {
		return nil, kind, false, fmt.Errorf("discover %s: %w", url, err)
	}
	state.ETag, state.LastModified, state.LastRead = page.ETag, page.LastModified, t.now()
	if err := t.store.SaveFeedState(url, state); err != nil {
		return nil, kind, false, err
	}
	return items, kind, false, nil
}
