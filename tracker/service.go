package tracker

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/storyurl"
)

// Service is redline.Service in the process that holds the database: the
// API, the CLI and the pages call it, here or through the web client.
type Service struct {
	Store *store.Store
	// Tracker is nil in a read-only session, which only reads.
	Tracker *Tracker
	// Feeds are the discovery sources of the configuration.
	Feeds []Feed
	// Progress, when set, is passed to every crawl pass run here.
	Progress func(done, total int, r redline.StoryResult)
	// KeepPages is the keep_pages retention Compact applies first; 0 keeps
	// every page.
	KeepPages time.Duration
	// Line renders one version of a JSON-lines export. The wire shape is
	// the transport's (web.ExportLineOf), so the service only streams.
	Line func(redline.StoryID, redline.Version) any
}

var _ redline.Service = (*Service)(nil)

// Stories lists every story in ID order.
func (s *Service) Stories(ctx context.Context) ([]redline.Story, error) {
	return s.Store.Stories()
}

// Story resolves an ID or URL.
func (s *Service) Story(ctx context.Context, ref string) (redline.Story, error) {
	return ResolveStory(s.Store, ref)
}

// ResolveStory accepts a story ID or any URL the story is known by.
func ResolveStory(s *store.Store, ref string) (redline.Story, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseUint(ref, 10, 64); err == nil {
		st, err := s.Story(redline.StoryID(id))
		if err != nil {
			return st, fmt.Errorf("story %d: %w", id, err)
		}
		return st, nil
	}
	if st, err := s.StoryByURL(ref); err == nil {
		return st, nil
	}
	canon, err := storyurl.Canonicalize(ref)
	if err != nil {
		return redline.Story{}, fmt.Errorf("%s is neither a story ID nor a story URL: %w", storyurl.QuoteURL(ref), err)
	}
	st, err := s.StoryByURL(canon)
	if err != nil {
		return st, fmt.Errorf("story %s: %w", storyurl.QuoteURL(ref), err)
	}
	return st, nil
}

// Track adds a story.
func (s *Service) Track(ctx context.Context, req redline.TrackRequest) (redline.Story, error) {
	every, err := parseEvery(req.Every)
	if err != nil {
		return redline.Story{}, err
	}
	if err := CheckTags(req.Tags); err != nil {
		return redline.Story{}, fmt.Errorf("track %q: %w", abbreviate(req.URL, 200), err)
	}
	return s.Tracker.Track(req.URL, TrackOptions{Tags: req.Tags, Every: every})
}

func parseEvery(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%w: interval %q is not a duration like 10m or 2h", redline.ErrBadRequest, s)
	}
	if d < time.Minute {
		return 0, fmt.Errorf("%w: interval %s is under one minute; that is not polite to any site", redline.ErrBadRequest, d)
	}
	return d, nil
}

// Untrack pauses a story, or deletes it with everything stored when purge.
func (s *Service) Untrack(ctx context.Context, id redline.StoryID, purge bool) (redline.Story, error) {
	if purge {
		return s.Tracker.Purge(id)
	}
	return s.Tracker.Untrack(id)
}

// Log returns a story with its versions, and its checks when asked.
func (s *Service) Log(ctx context.Context, id redline.StoryID, withChecks bool) (redline.StoryLog, error) {
	st, err := s.Store.Story(id)
	if err != nil {
		return redline.StoryLog{}, fmt.Errorf("story %d: %w", id, err)
	}
	lines, err := s.Store.Summaries(id)
	if err != nil {
		return redline.StoryLog{}, err
	}
	out := redline.StoryLog{Story: st, Versions: lines}
	if withChecks {
		if out.Checks, err = s.Store.Checks(id, 0); err != nil {
			return out, err
		}
		if out.Checks == nil {
			out.Checks = []redline.Check{}
		}
	}
	return out, nil
}

// Version returns version n, or the latest when n is 0.
func (s *Service) Version(ctx context.Context, id redline.StoryID, n int) (redline.Version, error) {
	var (
		v   redline.Version
		err error
	)
	if n == 0 {
		v, err = s.Store.LatestVersion(id)
	} else {
		v, err = s.Store.Version(id, n)
	}
	if err != nil {
		return redline.Version{}, fmt.Errorf("story %d version %d: %w", id, n, err)
	}
	return v, nil
}

// RawHTML returns the stored page of version n (latest when 0).
func (s *Service) RawHTML(ctx context.Context, id redline.StoryID, n int) ([]byte, error) {
	if n == 0 {
		st, err := s.Store.Story(id)
		if err != nil {
			return nil, fmt.Errorf("story %d: %w", id, err)
		}
		n = st.Versions
	}
	return s.Store.RawHTML(id, n)
}

// Crawl runs one pass in this process.
func (s *Service) Crawl(ctx context.Context, req redline.CrawlRequest) (redline.CrawlReport, error) {
	opts := OnceOptions{All: req.All, IDs: req.IDs, Progress: s.Progress}
	if req.Budget != "" {
		d, err := ParseBudget(req.Budget)
		if err != nil {
			return redline.CrawlReport{}, fmt.Errorf("crawl: %w", err)
		}
		opts.Budget = d
	}
	return s.Tracker.Once(ctx, opts)
}

// Discover reads the configured feeds in this process.
func (s *Service) Discover(ctx context.Context) (redline.DiscoverReport, error) {
	report := s.Tracker.Discover(ctx, s.Feeds)
	if report.Feeds == nil {
		report.Feeds = []redline.FeedResult{}
	}
	return report, nil
}

// FeedStatuses lists the configured feeds with what their last reads found.
func (s *Service) FeedStatuses(ctx context.Context) ([]redline.FeedStatus, error) {
	out := make([]redline.FeedStatus, 0, len(s.Feeds))
	for _, f := range s.Feeds {
		st, err := s.Store.FeedState(f.URL)
		if err != nil {
			return nil, err
		}
		tags, tracked := f.Tags, st.Tracked
		if tags == nil {
			tags = []string{}
		}
		if tracked == nil {
			tracked = []redline.StoryID{}
		}
		out = append(out, redline.FeedStatus{
			URL: f.URL, Tags: tags, TrackAll: f.TrackAll, LastRead: st.LastRead, LastAttempt: st.LastAttempt,
			Kind: st.Kind, Items: st.Items, Tracked: tracked, Error: st.Error,
		})
	}
	return out, nil
}

// Hosts lists the paused hosts; a read-only session has no tracker, so it
// reads them from the store itself.
func (s *Service) Hosts(ctx context.Context) ([]redline.HostPause, error) {
	if s.Tracker != nil {
		return s.Tracker.PausedHosts()
	}
	return PausedHosts(s.Store, time.Now())
}
