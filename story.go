package redline

import (
	"net/http"
	"time"
)

// StoryID identifies a tracked story inside one database. IDs are small
// integers so that editors can type them: `redline diff 3`.
type StoryID uint64

// Status is where a story stands in tracking.
type Status string

const (
	// StatusActive stories are fetched on their schedule.
	StatusActive Status = "active"
	// StatusFailing stories are active but their last check failed.
	StatusFailing Status = "failing"
	// StatusGone stories answered 404 or 410; they are kept, not deleted.
	StatusGone Status = "gone"
	// StatusPaused stories were untracked by a user or went quiet; their
	// versions stay readable.
	StatusPaused Status = "paused"
)

// Story is one URL that redline watches.
type Story struct {
	ID  StoryID `json:"id"`
	URL string  `json:"url"`
	// FinalURL is where the last fetch ended up after redirects.
	FinalURL string   `json:"final_url,omitempty"`
	Tags     []string `json:"tags"`
	// Every overrides the schedule with a fixed interval when non-zero.
	Every    time.Duration `json:"every,omitempty"`
	Status   Status        `json:"status"`
	Headline string        `json:"headline"`
	Versions int           `json:"versions"`

	AddedAt     time.Time `json:"added_at"`
	LastChecked time.Time `json:"last_checked,omitzero"`
	LastChanged time.Time `json:"last_changed,omitzero"`
	NextCheck   time.Time `json:"next_check,omitzero"`
	// NextReason says why NextCheck is when it is, for `redline list`.
	NextReason string `json:"next_reason,omitempty"`

	// Validators from the last 200 response, sent back as a conditional GET.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`

	// Failures counts consecutive failed checks, for back-off.
	Failures  int    `json:"failures,omitempty"`
	LastError string `json:"last_error,omitempty"`
	// Developing is the "developing" flag of the latest version.
	Developing bool `json:"developing"`
	// SuspectCount counts consecutive suspect extractions with the same
	// content (SuspectHash); at the configured count they become a version.
	SuspectCount int    `json:"suspect_count,omitempty"`
	SuspectHash  string `json:"suspect_hash,omitempty"`
	// ExtractHint is the extractor's opaque memory of where this story's
	// article lives in its page, so re-checks can skip the full extraction.
	ExtractHint string `json:"extract_hint,omitempty"`
	// HintChecks counts checks since the last full extraction; the tracker
	// forces a full one now and then so the fast path cannot drift.
	HintChecks int `json:"hint_checks,omitempty"`
}

// Due reports whether the story should be checked at now.
func (s *Story) Due(now time.Time) bool {
	if s.Status == StatusPaused || s.Status == StatusGone {
		return false
	}
	return s.NextCheck.IsZero() || !now.Before(s.NextCheck)
}

// Version is one stored state of a story: a real edit, never noise.
type Version struct {
	StoryID StoryID `json:"story_id"`
	// N numbers the versions of one story from 1, in fetch order.
	N          int       `json:"n"`
	FetchedAt  time.Time `json:"fetched_at"`
	URL        string    `json:"url"`
	HTTPStatus int       `json:"http_status"`
	Hash       string    `json:"hash"`
	Article    Article   `json:"article"`
	// Added and Removed count the words changed against version N-1.
	Added   int `json:"added"`
	Removed int `json:"removed"`
	// RevertOf is set when this version restores an earlier one exactly
	// (A→B→A): it is shown as a revert, not as an unrelated edit.
	RevertOf int `json:"revert_of,omitempty"`
	// Reread marks a version that records no edit: the page is the same,
	// but redline now reads it differently (a new release, a new site or
	// ignore rule), as re-extracting the previous version's stored page
	// shows. It keeps the history continuous without counting as a change.
	Reread bool `json:"reread,omitempty"`
	// Charset is the encoding the stored page was decoded from, so the
	// evidence can be read again exactly as it was when fetched.
	Charset string `json:"charset,omitempty"`
	// Header is the response header the page came with, as fetched, so
	// the evidence can be handed on as the full HTTP response (a WARC
	// record). Versions stored before redline kept headers have none.
	Header http.Header `json:"header,omitempty"`
}

// CheckResult is the outcome of one check of one story.
type CheckResult string

const (
	ResultNew         CheckResult = "new"
	ResultChanged     CheckResult = "changed"
	ResultUnchanged   CheckResult = "unchanged"
	ResultNotModified CheckResult = "not_modified"
	ResultFailed      CheckResult = "failed"
	ResultGone        CheckResult = "gone"
	// ResultSuspect is a fetch whose extraction collapsed (paywall, consent
	// wall, error page, body shrunk by more than half); it is kept as a
	// check with the reason and becomes a version only if it persists.
	ResultSuspect CheckResult = "suspect"
	// ResultReread is a fetch that found no edit but was read differently
	// from the latest version, because redline's extraction changed; it is
	// stored as a version marked Reread.
	ResultReread CheckResult = "reread"
)

// Check records one fetch of a story, whether or not it made a version.
type Check struct {
	At         time.Time   `json:"at"`
	Result     CheckResult `json:"result"`
	HTTPStatus int         `json:"http_status,omitempty"`
	// Version is the version the check produced or confirmed.
	Version int    `json:"version,omitempty"`
	Error   string `json:"error,omitempty"`
	// Note explains a check that needs it: why it was suspect, or that the
	// story moved to a new URL.
	Note string `json:"note,omitempty"`
}
