// Package discover finds story URLs worth tracking and decides which of them
// look like developing stories.
//
// It reads feeds (RSS, Atom, JSON Feed), sitemaps (Google News sitemaps,
// plain sitemaps and sitemap index files) and section or index HTML pages,
// and turns them into [Item] values keyed by a canonical URL. The package is
// pure: it takes bytes and returns values. Fetching (with conditional GET)
// belongs to the crawler and storing to the store, so callers hand in the
// body they fetched together with the URL it came from.
//
// # URL identity
//
// Items are keyed by [storyurl.Canonicalize], which owns URL identity;
// [CanonicalFromHTML] reads a fetched page's rel=canonical link through it.
//
// # Developing stories
//
// A [Matcher] flags items whose title, description or tags contain a marker
// phrase such as "live updates" or "breaking", matched on word boundaries so
// that "groundbreaking" does not count; [IsLiveBlog] finds pages marked up as
// schema.org LiveBlogPosting.
package discover
