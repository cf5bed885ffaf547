package tracker

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/storyurl"
)

// Options wires a Tracker. Store, Crawler and Extractor are required.
type Options struct {
	Store     *store.Store
	Crawler   *crawler.Crawler
	Extractor *extract.Extractor
	Schedule  Schedule
	// SuspectConfirmations is how many consecutive identical suspect
	// extractions it takes before one is accepted as a version.
	SuspectConfirmations int
	// ConfirmChanges fetches a story a second time whenever its article
	// seems to have changed, and keeps only what both fetches agree on, so
	// furniture that rotates between requests never becomes a version. It
	// costs one fetch per suspected change (and per new story), none on
	// the unchanged path.
	ConfirmChanges bool
	// Workers bounds how many stories are checked at once; the crawler
	// still enforces its own per-host limits.
	Workers int
	// KeepPages drops the raw HTML of versions older than this after a
	// pass (keep_pages); 0 keeps every page. Versions are never dropped.
	KeepPages time.Duration
	Now       func() time.Time
	Logger    *slog.Logger
	// Observer, when set, is told about every pass and check (metrics).
	Observer Observer
}

// Tracker runs checks. It is safe for concurrent use; only one Once pass
// runs at a time, so a daemon tick never overlaps a manual run.
type Tracker struct {
	store     *store.Store
	crawler   *crawler.Crawler
	extractor *extract.Extractor
	schedule  Schedule
	confirm   int
	workers   int
	now       func() time.Time
	logger    *slog.Logger
	observer  Observer

	runMu     sync.Mutex
	hosts     hostBackoff
	known     knownHeadlines
	keepPages time.Duration
	lastPrune time.Time // guarded by runMu

	confirmChanges bool // Options.ConfirmChanges

	batchEvery time.Duration // how often a pass commits its waiting unchanged checks
}

// New checks the options and builds a Tracker.
func New(opts Options) (*Tracker, error) {
	if opts.Store == nil || opts.Crawler == nil || opts.Extractor == nil {
		return nil, errors.New("tracker: store, crawler and extractor are required")
	}
	t := &Tracker{
		store:     opts.Store,
		crawler:   opts.Crawler,
		extractor: opts.Extractor,
		schedule:  opts.Schedule,
		confirm:   max(opts.SuspectConfirmations, 1),
		workers:   max(opts.Workers, 1),
		now:       opts.Now,
		logger:    opts.Logger,
		observer:  opts.Observer,
		keepPages: max(opts.KeepPages, 0),
	}
	t.confirmChanges = opts.ConfirmChanges
	t.batchEvery = batchAge
	if t.now == nil {
		t.now = time.Now
	}
	if t.logger == nil {
		t.logger = slog.New(slog.DiscardHandler)
	}
	if len(t.schedule.Ladder) == 0 {
		t.schedule = DefaultSchedule()
	}
	t.hosts.store, t.hosts.now = t.store, t.now
	return t, nil
}

// TrackOptions are the user's choices when adding a story.
type TrackOptions struct {
	Tags  []string
	Every time.Duration
}

// Track adds a story by URL. The URL is canonicalized first so the same
// story reached through two links is tracked once; tracking a known URL
// returns the existing story with an error wrapping redline.ErrStoryExists.
// Tracking a paused or gone story resumes it. A URL the crawler may not
// fetch (see crawler.CheckTarget) is refused with an error wrapping
// redline.ErrForbiddenTarget, unless private targets are allowed.
func (t *Tracker) Track(rawURL string, opts TrackOptions) (redline.Story, error) {
	canon, err := storyurl.Canonicalize(strings.TrimSpace(rawURL))
	if err != nil {
		return redline.Story{}, fmt.Errorf("track: %w", err)
	}
	// The crawler would refuse every fetch of it; refusing now tells the
	// caller instead of storing a story that can only fail. The canonical
	// URL is checked because it is what gets fetched (an AMP cache link
	// unwraps to another host).
	if err := t.crawler.CheckTarget(canon); err != nil {
		return redline.Story{}, fmt.Errorf("track %q: %w", rawURL, err)
	}
	st := redline.Story{
		URL:     canon,
		Tags:    normalizeTags(opts.Tags),
		Every:   opts.Every,
		Status:  redline.StatusActive,
		AddedAt: t.now(),
	}
	err = t.store.AddStory(&st)
	if errors.Is(err, redline.ErrStoryExists) {
		existing, lookupErr := t.store.Story(st.ID)
		if lookupErr != nil {
			return redline.Story{}, fmt.Errorf("track %s: %w", canon, lookupErr)
		}
		if existing.Status == redline.StatusPaused || existing.Status == redline.StatusGone {
			return t.Resume(existing.ID)
		}
		return existing, fmt.Errorf("track %s: %w (story %d)", canon, redline.ErrStoryExists, existing.ID)
	}
	if err != nil {
		return redline.Story{}, fmt.Errorf("track %s: %w", canon, err)
	}
	return st, nil
}

// Resume puts a paused or gone story back on the schedule, due now.
func (t *Tracker) Resume(id redline.StoryID) (redline.Story, error) {
	return t.store.UpdateStory(id, func(st *redline.Story) error {
		st.Status = redline.StatusActive
		st.NextCheck = time.Time{}
		st.NextReason = "resumed"
		st.Failures = 0
		st.AddedAt = t.now() // young again: it was resumed because it moves
		return nil
	})
}

// Untrack pauses a story: it is no longer fetched, but every version stays.
// A check in flight at that moment still records what it fetched (a
// version is evidence of what the page said), but it never un-pauses the
// story or schedules another check: only Track or Resume do.
func (t *Tracker) Untrack(id redline.StoryID) (redline.Story, error) {
	return t.store.UpdateStory(id, func(st *redline.Story) error {
		st.Status = redline.StatusPaused
		st.NextCheck = time.Time{}
		st.NextReason = "untracked by user"
		return nil
	})
}

// Purge deletes a story with every version, page, check and URL, and
// returns the story as it was. A check in flight at that moment records
// nothing: every write of a check first finds the story gone.
func (t *Tracker) Purge(id redline.StoryID) (redline.Story, error) {
	st, err := t.store.Story(id)
	if err != nil {
		return st, fmt.Errorf("purge story %d: %w", id, err)
	}
	if err := t.store.DeleteStory(id); err != nil {
		return st, fmt.Errorf("purge story %d: %w", id, err)
	}
	return st, nil
}

func normalizeTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, tag := range tags {
		for _, part := range strings.Split(tag, ",") {
			part = strings.ToLower(strings.TrimSpace(part))
			if part != "" && !seen[part] {
				seen[part] = true
				out = append(out, part)
			}
		}
	}
	return out
}

// hostOf is the host (with its port, when the URL names one) whose limits
// and back-off a story shares, as the crawler keys its hosts.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
