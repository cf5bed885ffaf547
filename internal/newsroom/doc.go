// Package newsroom is a simulated news website for the offline demo and for
// end-to-end fidelity tests of redline.
//
// A [Site] serves a set of developing stories ([DemoStories] by default).
// Each story is a script of rounds; [Site.Advance] moves every story to its
// next round, and [Site.Expected] is the ground truth an extractor should
// recover from the page of the current round. [Story.EditRounds] lists which
// rounds change content and which fields they touch, so a test can assert
// that every edit is caught exactly once.
//
// # Pages
//
// Every story is served by every page template ([Templates]) at
// /t/{template}/{slug}; its canonical address /news/{slug} uses the template
// chosen by [Options.Template]. The templates imitate different publishing
// systems: semantic <article> markup, div soup, JSON-LD, a live blog, an
// AMP page, a body split around ads, and <br><br> paragraphs.
//
// # Noise
//
// Each request draws fresh noise from a generator seeded with Options.Seed
// and the request's sequence number: ad slot ids, script nonces and CSRF
// tokens, relative "updated N minutes ago" stamps, a rotating most-read list,
// comment and view counters, cache-busting asset URLs, recommended teasers,
// inline promos between paragraphs, a cookie banner and a jittered JSON-LD
// dateModified. None of it is an edit. With Options.Conditional the noise is
// frozen per round instead, and the site answers conditional requests with
// 304 Not Modified while the content is unchanged.
//
// # Feeds and failures
//
// The site also serves /robots.txt, RSS, Atom and JSON feeds, a Google News
// sitemap and a section page, and [Site.SetFault] and [Site.Rename] switch a
// story into the failure modes a crawler must survive: 500, 410, 503 with
// Retry-After, a 301 after a slug change, a windows-1252 page, a paywall, a
// consent wall and an oversized page.
//
// Everything is deterministic given the seed and the sequence of requests,
// and a Site is safe for concurrent use.
package newsroom
