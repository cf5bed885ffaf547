package redline

import "time"

// The results below carry their JSON tags because their shapes are the
// ones `redline crawl --json`, `discover --json`, `hosts --json`, `check
// --json`, `compact --json` and the API print: flat records with nothing to
// hide, so a second, view-only copy would only be a chance to drift.

// ResultSkipped is the result of a story a pass selected but did not
// check: its host was paused, the run budget was spent, or the pass
// stopped. It is never recorded as a check.
const ResultSkipped CheckResult = "skipped"

// StoryResult is the outcome of one story in a pass.
type StoryResult struct {
	ID      StoryID     `json:"id"`
	URL     string      `json:"url"`
	Result  CheckResult `json:"result"`
	Version int         `json:"version"`
	Error   string      `json:"error"`
	Summary string      `json:"summary,omitempty"`
	// Reason says why a story was skipped.
	Reason string `json:"reason,omitempty"`
	// HostPausedUntil is when the story's host may be asked again, set
	// when the host is paused: on the skipped stories, and on the failure
	// that paused it.
	HostPausedUntil time.Time `json:"host_paused_until,omitzero"`
	// RetryAfter is the server's requested pause, used for host back-off.
	RetryAfter time.Duration `json:"-"`
	// Elapsed is the fetch's wall time when it got an answer (0 when the
	// fetch failed), and Err the cause of a failed check; both are for
	// metrics, which must classify the error rather than its text.
	Elapsed time.Duration `json:"-"`
	Err     error         `json:"-"`
}

// CrawlReport sums up a pass. Stories lists every story the pass selected,
// the skipped ones included.
type CrawlReport struct {
	Fetched int `json:"fetched"`
	// Unchanged counts every story whose page was not edited: not
	// modified, suspect and re-read ones included.
	Unchanged int           `json:"unchanged"`
	Changed   int           `json:"changed"`
	Failed    int           `json:"failed"`
	Skipped   int           `json:"skipped"`
	Stories   []StoryResult `json:"stories"`
}

// Failures reports whether any story failed in the pass.
func (r CrawlReport) Failures() bool { return r.Failed > 0 }

// Checked counts the stories the pass actually fetched or tried to.
func (r CrawlReport) Checked() int { return len(r.Stories) - r.Skipped }

// FeedResult is what one feed yielded in a discovery pass.
type FeedResult struct {
	URL         string    `json:"url"`
	Kind        string    `json:"kind,omitempty"`
	Items       int       `json:"items"`
	Tracked     []StoryID `json:"tracked"`
	NotModified bool      `json:"not_modified,omitempty"`
	Error       string    `json:"error,omitempty"`
}

// FeedStatus is a configured feed and what its reading last found, for
// the pages and GET /api/v1/feeds.
type FeedStatus struct {
	URL      string   `json:"url"`
	Tags     []string `json:"tags"`
	TrackAll bool     `json:"track_all"`
	// LastRead is the last read that got an answer (the feed, or 304).
	LastRead time.Time `json:"last_read,omitzero"`
	// LastAttempt is the last try, answered or not.
	LastAttempt time.Time `json:"last_attempt,omitzero"`
	Kind        string    `json:"kind,omitempty"`
	// Items and Tracked are from the last read that returned the feed: a
	// 304 since then means the same items, so they still hold.
	Items   int       `json:"items"`
	Tracked []StoryID `json:"tracked"`
	// Error is the last attempt's failure; "" when it succeeded.
	Error string `json:"error,omitempty"`
}

// DiscoverReport sums up a discovery pass.
type DiscoverReport struct {
	Feeds   []FeedResult `json:"feeds"`
	Tracked int          `json:"tracked"`
	Failed  int          `json:"failed"`
}

// HostPause is a host whose checks wait because of evidence about the host
// itself (refused connections, 429 or 503, several of its stories failing
// with 5xx in a row).
type HostPause struct {
	Host  string    `json:"host"`
	Until time.Time `json:"until"`
	// Failures counts the host's consecutive pauses; each one doubles.
	Failures int    `json:"failures"`
	Reason   string `json:"reason"`
}

// StoryLog is a story with its whole history.
type StoryLog struct {
	Story    Story
	Versions []VersionSummary
	// Checks is nil unless asked for.
	Checks []Check
}

// VersionSummary is one line of a story's history: a version without its
// text, which a log of hundreds of versions has no use for.
type VersionSummary struct {
	N          int
	FetchedAt  time.Time
	Hash       string
	Headline   string
	Words      int
	Added      int
	Removed    int
	Developing bool
	RevertOf   int
	Reread     bool
	URL        string
}

// Summary returns v's line in a story's history.
func (v Version) Summary() VersionSummary {
	return VersionSummary{
		N: v.N, FetchedAt: v.FetchedAt, Hash: v.Hash, Headline: v.Article.Headline,
		Words: v.Article.Words(), Added: v.Added, Removed: v.Removed,
		Developing: v.Article.Developing, RevertOf: v.RevertOf, Reread: v.Reread, URL: v.URL,
	}
}

// CheckReport is the outcome of the consistency check. OK is false, with
// Problems naming each, when the database is damaged.
type CheckReport struct {
	DB       string   `json:"db"`
	OK       bool     `json:"ok"`
	Stories  int      `json:"stories"`
	Versions int      `json:"versions"`
	Pages    int      `json:"pages"`
	Size     int64    `json:"size"`
	Problems []string `json:"problems"`
}

// CompactReport is the outcome of a compaction. Sizes are of the file on
// disk; Dropped is what keep_pages removed first.
type CompactReport struct {
	DB      string       `json:"db"`
	Before  int64        `json:"before"`
	After   int64        `json:"after"`
	Dropped PagesDropped `json:"dropped"`
}

// PagesDropped counts what keep_pages retention removed.
type PagesDropped struct {
	Stories int   `json:"stories"` // stories that lost at least one page
	Pages   int   `json:"pages"`
	Bytes   int64 `json:"bytes"` // page bytes before compression
}

// ExportSummary counts what an export wrote.
type ExportSummary struct {
	Stories  int `json:"stories"`
	Versions int `json:"versions"`
	// Pages is the number of WARC response records; Skipped the versions
	// stored without a page, which a WARC cannot hold.
	Pages   int `json:"pages,omitempty"`
	Skipped int `json:"skipped,omitempty"`
}
