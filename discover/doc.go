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
// [Canonicalize] decides when two URLs are the same story. It only merges
// URLs that a publisher serves as the same resource, because merging two
// different stories loses one of them for good, while tracking a duplicate
// only costs a few extra fetches:
//
//   - the scheme and host are lowercased, a trailing dot on the host and
//     default ports are dropped, and user info is removed so credentials
//     never reach the store;
//   - the fragment is dropped;
//   - tracking parameters (utm_*, fbclid, gclid, mc_cid, ocid, cmpid, smid,
//     ref, at_*, _ga, igshid, ...) are removed; the remaining parameters are
//     kept byte for byte and sorted by name, so ?id=5 and ?id=6 stay apart;
//   - the path keeps its case and its trailing slash ("/a" and "/a/" are
//     different resources to many servers); only an empty path becomes "/",
//     which RFC 3986 defines as equivalent; dot segments are resolved and
//     percent-encoding is normalized except for an encoded slash;
//   - AMP variants are folded into the article: Google and ampproject.org
//     AMP cache URLs are unwrapped, a final "/amp" path segment or ".amp"
//     suffix is removed, and the amp, amp=1 and outputType=amp parameters are
//     dropped. An amp.example.com host is left alone because the article's
//     host cannot be known from the URL; [CanonicalFromHTML] on the fetched
//     AMP page finds it through rel=canonical;
//   - a URL longer than [MaxURLLength] (8 KiB) before or after these rules
//     is refused: no page a site really serves has one, and the store keys
//     on URLs.
//
// # Developing stories
//
// A [Matcher] flags items whose title, description or tags contain a marker
// phrase such as "live updates" or "breaking", matched on word boundaries so
// that "groundbreaking" does not count; [IsLiveBlog] finds pages marked up as
// schema.org LiveBlogPosting.
package discover
