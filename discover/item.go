package discover

import (
	"errors"
	"time"
)

// Item is one story URL found in a feed, sitemap or section page.
type Item struct {
	// URL is the story URL in the form returned by [storyurl.Canonicalize].
	URL         string
	Title       string
	Description string
	// Published is when the source says the story first appeared; zero
	// when the source does not say.
	Published time.Time
	// Updated is the source's last-modified time (feed <updated>, sitemap
	// <lastmod>); a moving Updated is a hint that the story is being edited.
	Updated time.Time
	// Tags are the categories, tags or news keywords the source gives.
	Tags []string
	// Developing is true when the item matched a developing-story marker.
	Developing bool
	// Source is the feed or page URL the item came from, as passed in.
	Source string
	// Sitemap is true when URL is a child sitemap listed by a sitemap index:
	// something to fetch and parse again, not a story to track.
	Sitemap bool
}

// Kind is the format of a discovery document.
type Kind string

// Document formats recognized by [Detect].
const (
	KindUnknown      Kind = ""
	KindRSS          Kind = "rss"
	KindAtom         Kind = "atom"
	KindJSON         Kind = "json"
	KindSitemap      Kind = "sitemap"
	KindSitemapIndex Kind = "sitemapindex"
	KindHTML         Kind = "html"
)

// Errors returned when a body cannot be read as a discovery document.
var (
	// ErrNotFeed is returned by ParseFeed when the body is not a feed or
	// sitemap: an HTML page (use ParseSection), an empty body or an
	// unknown format.
	ErrNotFeed = errors.New("not a feed or sitemap")
	// ErrMalformed is returned when a body in a known format cannot be
	// parsed: broken XML or JSON.
	ErrMalformed = errors.New("malformed document")
)
