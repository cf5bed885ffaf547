package redline

import "errors"

// Errors returned when looking things up in the store.
var (
	// ErrStoryNotFound is returned when no story has the given ID or URL.
	ErrStoryNotFound = errors.New("story not found")
	// ErrVersionNotFound is returned when a story has no version with the
	// given number, or no version at all.
	ErrVersionNotFound = errors.New("version not found")
	// ErrStoryExists is returned when tracking a URL that is already tracked.
	ErrStoryExists = errors.New("story already tracked")
	// ErrDatabaseLocked is returned when another process holds the database.
	ErrDatabaseLocked = errors.New("database is in use by another redline process")
)

// Errors returned by a fetch. None of them ever produces a version.
var (
	// ErrGone is returned for 404 and 410 answers; the story is marked gone.
	ErrGone = errors.New("page is gone")
	// ErrHTTPStatus is returned for any other non-2xx answer.
	ErrHTTPStatus = errors.New("unexpected HTTP status")
	// ErrNotHTML is returned when the body is not an HTML document.
	ErrNotHTML = errors.New("response is not HTML")
	// ErrTooLarge is returned when the body exceeds the configured cap; a
	// truncated page would look like a massive deletion.
	ErrTooLarge = errors.New("response body too large")
	// ErrRobotsDisallowed is returned when robots.txt forbids the URL.
	ErrRobotsDisallowed = errors.New("disallowed by robots.txt")
	// ErrBadURL is returned for URLs that are not absolute http(s) URLs.
	ErrBadURL = errors.New("invalid story URL")
	// ErrForbiddenTarget is returned for a URL whose host is, or resolves
	// to, an address redline refuses to connect to (loopback, private,
	// link-local, cloud metadata and other non-public ranges) while private
	// targets are not allowed. It is the URL's fault, not the host's.
	ErrForbiddenTarget = errors.New("target address not allowed")
)

// Errors returned by extraction.
var (
	// ErrEmptyArticle is returned when a page yields no headline and no
	// body: an error page or a page the extractor cannot read.
	ErrEmptyArticle = errors.New("no article found in page")
	// ErrPageTooComplex is returned when a page is over one of the
	// extractor's caps (nodes, nesting depth, paragraphs) or its extraction
	// runs past the deadline. The error names the figure and the cap; no
	// part of such a page is ever stored as an article.
	ErrPageTooComplex = errors.New("page too large to extract")
)

// Errors returned when reading stored evidence.
var (
	// ErrPageDropped is returned for the raw page of a version that the
	// keep_pages retention dropped; the version's text is always kept.
	ErrPageDropped = errors.New("page dropped by keep_pages retention")
)

// Errors returned by the Service.
var (
	// ErrBadRequest is returned for request values the service refuses
	// (an interval under a minute, too many tags, an unknown export format);
	// the message names the value.
	ErrBadRequest = errors.New("bad request")
	// ErrBusy is returned by Crawl while another pass is running.
	ErrBusy = errors.New("a crawl is already running")
)
