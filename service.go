package redline

import (
	"context"
	"io"
)

// Service is everything the CLI, the API and the UI do with stories. The
// tracker implements it in the process that holds the database; the web
// client implements it over the API of that process. Callers do not care
// which, so every transport is a thin caller of one set of rules.
type Service interface {
	Stories(ctx context.Context) ([]Story, error)
	// Story finds a story by ID or by any URL it is known by; the error
	// wraps ErrStoryNotFound or ErrBadURL.
	Story(ctx context.Context, ref string) (Story, error)
	// Track returns the existing story with an error wrapping
	// ErrStoryExists when the URL is already tracked, and ErrBadRequest
	// for a bad interval or tags.
	Track(ctx context.Context, req TrackRequest) (Story, error)
	// Untrack pauses a story, or deletes it with everything stored when
	// purge is set.
	Untrack(ctx context.Context, id StoryID, purge bool) (Story, error)
	Log(ctx context.Context, id StoryID, withChecks bool) (StoryLog, error)
	// Version returns version n, or the latest when n is 0; the error
	// wraps ErrVersionNotFound.
	Version(ctx context.Context, id StoryID, n int) (Version, error)
	// RawHTML returns the stored page of version n (latest when 0); the
	// error wraps ErrPageDropped when retention removed it.
	RawHTML(ctx context.Context, id StoryID, n int) ([]byte, error)
	// Crawl runs one pass; ErrBusy when one is already running.
	Crawl(ctx context.Context, req CrawlRequest) (CrawlReport, error)
	// Discover reads the configured feeds once and tracks what they list.
	Discover(ctx context.Context) (DiscoverReport, error)
	// FeedStatuses lists the configured feeds with what their last reads found.
	FeedStatuses(ctx context.Context) ([]FeedStatus, error)
	// Hosts lists the hosts whose checks are paused now.
	Hosts(ctx context.Context) ([]HostPause, error)
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

// TrackRequest asks to track a URL.
type TrackRequest struct {
	URL  string
	Tags []string
	// Every is a Go duration ("10m"); empty keeps the default schedule.
	// It stays text so the service alone decides what a valid one is.
	Every string
}

// CrawlRequest asks for one pass.
type CrawlRequest struct {
	All bool
	IDs []StoryID
	// Budget is a Go duration capping the pass; empty means none.
	Budget string
}

// Export formats.
const (
	FormatJSONL = "jsonl"
	FormatWARC  = "warc"
)

// ExportRequest asks for stored versions in a form other programs read.
type ExportRequest struct {
	Format string // FormatJSONL or FormatWARC
	// IDs are the stories to export, in this order; none means every story.
	IDs []StoryID
	// Gzip compresses a WARC per record (.warc.gz).
	Gzip bool
	// Filename is the WARC-Filename the warcinfo record gives.
	Filename string
	// Software names the writer in a WARC's warcinfo record; the process
	// that writes the file sets it, so a daemon names itself.
	Software string
}
