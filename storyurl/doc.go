// Package storyurl owns URL identity: the canonical form under which a story
// is stored, tracked and looked up. It is a leaf: tracker, discover and the
// application service all call it, and it imports only the standard library,
// x/net/idna and the root package.
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
//     host cannot be known from the URL; discover.CanonicalFromHTML on the fetched
//     AMP page finds it through rel=canonical;
//   - a URL longer than [MaxURLLength] (8 KiB) before or after these rules
//     is refused: no page a site really serves has one, and the store keys
//     on URLs.
package storyurl
