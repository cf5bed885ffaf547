package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/storyurl"
	"github.com/redline-news/redline/tracker"
)

// Service is everything the CLI, the API and the UI do with stories.
// Local runs it in this process, over the database; Client runs it in the
// daemon that holds the database, over its API. The CLI does not care which.
type Service interface {
	Stories(ctx context.Context) ([]StoryView, error)
	// Story finds a story by ID or by any URL it is known by.
	Story(ctx context.Context, ref string) (StoryView, error)
	// Track returns the existing story with an error wrapping
	// redline.ErrStoryExists when the URL is already tracked.
	Track(ctx context.Context, req TrackRequest) (StoryView, error)
	Untrack(ctx context.Context, id redline.StoryID, purge bool) (StoryView, error)
	Log(ctx context.Context, id redline.StoryID, withChecks bool) (StoryLog, error)
	// Version returns version n, or the latest when n is 0.
	Version(ctx context.Context, id redline.StoryID, n int) (VersionView, error)
	RawHTML(ctx context.Context, id redline.StoryID, n int) ([]byte, error)
	// Crawl runs one pass; tracker.ErrBusy when one is already running.
	Crawl(ctx context.Context, req CrawlRequest) (tracker.Report, error)
	// Discover reads the configured feeds once and tracks what they list.
	Discover(ctx context.Context) (tracker.DiscoverReport, error)
	// Hosts lists the hosts whose checks are paused now.
	Hosts(ctx context.Context) ([]tracker.HostPause, error)
	// Backup writes a consistent copy of the database to w, calling size
	// (when not nil) with the copy's exact length before the first byte.
	Backup(ctx context.Context, w io.Writer, size func(int64)) (int64, error)
	// Compact applies keep_pages and rewrites the file to its live size.
	Compact(ctx context.Context) (CompactReport, error)
	// Check runs the consistency check; damage is in the report, not err.
	Check(ctx context.Context) (CheckReport, error)
	// Export streams stored versions to w as JSON lines or a WARC file.
	Export(ctx context.Context, req ExportRequest, w io.Writer) (ExportSummary, error)
}

// Local is the Service over a store this process holds.
type Local struct {
	Store   *store.Store
	Tracker *tracker.Tracker
	// Feeds are the discovery sources of the configuration.
	Feeds []tracker.Feed
	// Progress, when set, is passed to every crawl pass run locally.
	Progress func(done, total int, r tracker.StoryResult)
	// KeepPages is the keep_pages retention Compact applies first; 0 keeps
	// every page.
	KeepPages time.Duration
}

var _ Service = (*Local)(nil)

// Stories lists every story in ID order.
func (l *Local) Stories(ctx context.Context) ([]StoryView, error) {
	stories, err := l.Store.Stories()
	if err != nil {
		return nil, err
	}
	out := make([]StoryView, len(stories))
	for i, st := range stories {
		out[i] = NewStoryView(st)
	}
	return out, nil
}

// Story resolves an ID or URL.
func (l *Local) Story(ctx context.Context, ref string) (StoryView, error) {
	st, err := ResolveStory(l.Store, ref)
	return NewStoryView(st), err
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
func (l *Local) Track(ctx context.Context, req TrackRequest) (StoryView, error) {
	every, err := parseEvery(req.Every)
	if err != nil {
		return StoryView{}, err
	}
	if err := CheckTags(req.Tags); err != nil {
		return StoryView{}, fmt.Errorf("track %q: %w", abbreviate(req.URL, 200), err)
	}
	st, err := l.Tracker.Track(req.URL, tracker.TrackOptions{Tags: req.Tags, Every: every})
	return NewStoryView(st), err
}

// ErrBadRequest wraps invalid request values (a bad interval, say).
var ErrBadRequest = errors.New("bad request")

func parseEvery(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%w: interval %q is not a duration like 10m or 2h", ErrBadRequest, s)
	}
	if d < time.Minute {
		return 0, fmt.Errorf("%w: interval %s is under one minute; that is not polite to any site", ErrBadRequest, d)
	}
	return d, nil
}

// Untrack pauses a story, or deletes it with everything stored when purge.
func (l *Local) Untrack(ctx context.Context, id redline.StoryID, purge bool) (StoryView, error) {
	if purge {
		st, err := l.Tracker.Purge(id)
		return NewStoryView(st), err
	}
	st, err := l.Tracker.Untrack(id)
	return NewStoryView(st), err
}

// Log returns a story with its versions, and its checks when asked.
func (l *Local) Log(ctx context.Context, id redline.StoryID, withChecks bool) (StoryLog, error) {
	st, err := l.Store.Story(id)
	if err != nil {
		return StoryLog{}, fmt.Errorf("story %d: %w", id, err)
	}
	versions, err := l.Store.Versions(id)
	if err != nil {
		return StoryLog{}, err
	}
	out := StoryLog{Story: NewStoryView(st), Versions: make([]VersionRow, len(versions))}
	for i, v := range versions {
		out.Versions[i] = NewVersionRow(v)
	}
	if withChecks {
		if out.Checks, err = l.Store.Checks(id, 0); err != nil {
			return out, err
		}
		if out.Checks == nil {
			out.Checks = []redline.Check{}
		}
	}
	return out, nil
}

// Version returns version n, or the latest when n is 0.
func (l *Local) Version(ctx context.Context, id redline.StoryID, n int) (VersionView, error) {
	var (
		v   redline.Version
		err error
	)
	if n == 0 {
		v, err = l.Store.LatestVersion(id)
	} else {
		v, err = l.Store.Version(id, n)
	}
	if err != nil {
		return VersionView{}, fmt.Errorf("story %d version %d: %w", id, n, err)
	}
	return NewVersionView(v), nil
}

// RawHTML returns the stored page of version n (latest when 0).
func (l *Local) RawHTML(ctx context.Context, id redline.StoryID, n int) ([]byte, error) {
	if n == 0 {
		st, err := l.Store.Story(id)
		if err != nil {
			return nil, fmt.Errorf("story %d: %w", id, err)
		}
		n = st.Versions
	}
	return l.Store.RawHTML(id, n)
}

// Crawl runs one pass in this process.
func (l *Local) Crawl(ctx context.Context, req CrawlRequest) (tracker.Report, error) {
	opts := tracker.OnceOptions{All: req.All, IDs: req.IDs, Progress: l.Progress}
	if req.Budget != "" {
		d, err := ParseBudget(req.Budget)
		if err != nil {
			return tracker.Report{}, fmt.Errorf("crawl: %w", err)
		}
		opts.Budget = d
	}
	return l.Tracker.Once(ctx, opts)
}

// Discover reads the configured feeds in this process.
func (l *Local) Discover(ctx context.Context) (tracker.DiscoverReport, error) {
	report := l.Tracker.Discover(ctx, l.Feeds)
	if report.Feeds == nil {
		report.Feeds = []tracker.FeedResult{}
	}
	return report, nil
}

// Hosts lists the paused hosts; a read-only session has no tracker, so it
// reads them from the store itself.
func (l *Local) Hosts(ctx context.Context) ([]tracker.HostPause, error) {
	if l.Tracker != nil {
		return l.Tracker.PausedHosts()
	}
	return tracker.PausedHosts(l.Store, time.Now())
}
