// Package crawler fetches one URL at a time, politely, and returns the raw
// page: the bytes as received plus the body converted to UTF-8. It knows
// nothing about extraction or storage.
//
// # Politeness
//
// Every fetch first takes a slot for its host (Options.HostParallelism
// concurrent requests, request starts at least Options.HostDelay apart) and
// then a slot in the global pool (Options.MaxParallel). The host slot comes
// first so that a slow or rate-limited host only ever queues its own
// requests: it can never hold global slots that other hosts are waiting
// for. All waits honour the caller's context; colly's own LimitRule is not
// used because its sleeps ignore cancellation and a "*" rule is one pool
// shared by every host.
//
// # robots.txt
//
// robots.txt is checked by colly (IgnoreRobotsTxt=false) unless
// Options.IgnoreRobots is set. colly caches a host's robots.txt forever, so
// each host gets its own base collector that is replaced once its robots
// data is older than Options.RobotsTTL; the next fetch then reads
// robots.txt again. A robots.txt answering 4xx means "no rules" (allow
// all), as in Google's and RFC 9309's reading. A robots.txt answering 5xx or
// 429 means the site cannot tell us its rules right now: the fetch is
// refused with redline.ErrRobotsDisallowed and nothing is cached, so the
// next fetch asks again. This is the conservative choice of RFC 9309 §2.3.1.4
// (colly itself would treat it as allow-all).
//
// # Redirects
//
// Redirects within a host are followed by net/http. A redirect to another
// host (host:port) ends the request there: the fetch gives back the first
// host's slot and goes on as a fetch of the new URL, under that host's
// robots.txt, slot and delay, so a redirect cannot take the crawler past a
// site's rules. All hops count towards one cap of 10 redirects, and the
// cookie session carries over, but the conditional-GET validators do not.
// Page.URL stays the requested URL; Page.FinalURL is where the chain ended.
//
// # Bodies and charsets
//
// Bodies above Options.MaxBodySize are refused with redline.ErrTooLarge,
// whether or not the server sent a Content-Length, because a silently
// truncated article would look like a mass deletion. Bodies that are not
// HTML (by Content-Type, or by sniffing when the type is missing or
// generic) are refused with redline.ErrNotHTML unless Request.AllowNonHTML
// asks for feeds and sitemaps (XML and JSON). colly's charset handling is
// bypassed: the charset comes from a byte-order mark, the Content-Type
// header, or a <meta charset> / <meta http-equiv> declaration, decided by
// golang.org/x/net/html/charset, and a page without any declaration is
// read as UTF-8 when it is valid UTF-8 and as windows-1252 otherwise.
//
// # Outbound guard
//
// Unless Options.AllowPrivate is set, the crawler connects only to the
// public internet. Every request (each redirect hop and robots.txt
// included) has its host read lexically first, the way browsers and
// inet_aton read it, so 127.1, 0x7f000001, 2130706433, 0177.0.0.1,
// [::ffff:127.0.0.1] and full-width digits are all 127.0.0.1, and names
// that are never public (localhost, single-label names, *.local,
// *.internal, *.home.arpa) are refused before any DNS query. The dialer's
// Control hook then checks the address the socket is about to connect to,
// which is the only check DNS rebinding cannot get around. A host in a
// number spelling is dialed as the address it means and never sent to DNS,
// with or without AllowPrivate. Refusals are *TargetError values matching
// redline.ErrForbiddenTarget; CheckTarget runs the lexical check alone, for
// callers that refuse a URL before storing it.
//
// The rule is the same for every source of URLs: operator-entered ones are
// not trusted more, since they often arrive through the API, and feed items
// and DNS answers never are. An environment proxy (HTTP_PROXY) may be
// private, as the operator chose it; the targets behind it are still
// checked lexically, but the proxy resolves names and must refuse private
// answers itself.
//
// # Sessions
//
// Each fetch is a fresh visitor: cookies set during one fetch (for example
// by a consent or session redirect) are sent on that fetch's redirects and
// then forgotten, so metered paywalls do not start counting and no state
// grows across fetches in a daemon.
package crawler
