// Package extract turns one HTML page into a redline.Article: headline,
// byline, dek, dates and body paragraphs, with page noise removed, so that
// a new version means a real editorial change and every real change makes
// one.
//
// Extraction is pure: bytes and the page URL in, values out. An Extractor
// is built once from Options (site rules, ignore patterns, extra developing
// markers) and is safe for concurrent use.
//
// # Layers
//
//  1. A SiteRule whose Host matches wins when its Body selector finds
//     text. Its Remove selectors are applied first, and its Drop patterns
//     join the noise rules. Headline, Byline and Dek selectors override the
//     metadata.
//  2. Metadata comes from JSON-LD (NewsArticle, LiveBlogPosting, @graph,
//     mainEntity ...), then OpenGraph/article/Dublin Core <meta>, then the
//     DOM (rel/itemprop author, byline classes, <time>). go-htmldate fills
//     a missing publication date. Without a declared headline, it is read
//     from <title> by the rules of Firefox's reader view (see
//     titleHeadline). Either way the site's name is cut off it when it is
//     recognisably there and kept in Article.Site (see splitSite), and a
//     headline from og:title or <title> is the part of it the page prints
//     as its heading (see printedHeadline). An author list is written
//     "A, B, C" on every path, as reader views write it, and a printed
//     byline is the names alone: a dateline, role, outlet, handle,
//     "View all posts by" and form labels ("Name *") are left out (see
//     bylineNames). A dek that repeats the
//     headline or the body is dropped.
//     A LiveBlogPosting whose coverageEndTime is not after its
//     dateModified is a finished live blog.
//  3. The body is found by go-trafilatura (recall-leaning, comments off),
//     or go-readability when trafilatura returns under 80 words or its
//     reading leaves out most of its container's prose (see
//     secondOpinion), or the JSON-LD articleBody. Text that maps into a
//     readers' comment thread
//     is not taken: go-readability is asked, then go-trafilatura again on
//     the page without its threads. The generic extractors' text is not used
//     directly: it is mapped back onto the page (see locate) to find the
//     article container and the signatures of the blocks in it that are
//     article text, and the body is read from the page by one block walker.
//     That walker is also the re-check fast path, which is why both paths
//     give the same Article. Blocks that the noise rules drop anyway
//     (mastheads, copyright lines) do not count when the container is
//     chosen. The libraries' text is matched onto the page without white
//     space, by prefix and by parts (see reference), since they rebuild
//     paragraphs their own way. Developing-story sentences, correction
//     notes, captions and prose written straight into the container are
//     always article text, as are siblings right after it that hold only
//     such end matter (an "article-end" box): whether a generic extractor
//     happened to include them must not change the result. A container
//     named for sharing that holds the story ("js-social-images") is
//     read from, and a comment thread inside the container is skipped.
//     A body cut into containers of the same kind around ad breaks,
//     teasers and rails, siblings or cousins, is read from their common
//     ancestor (see widen), so
//     where the breaks land on a given request does not decide which
//     chunks are kept.
//  4. The lead of the body, above its first paragraph, is read for
//     metadata too: a repeated headline is dropped; a dek (a dek,
//     standfirst, summary, subtitle ... class on its element, or the
//     metadata description in an element of its own) becomes
//     Article.Dek; a printed "By ..." line, alone or run into a dateline,
//     is dropped and fills Article.Byline when the metadata has none (also
//     "Por", "Von", "Par", "Di", "Door", "Av" ...); and
//     a single block between the headline and such a byline or dateline
//     is the dek. This is what makes <br>-separated table layouts, with
//     no classes to go by, come out like any other page.
//  5. Noise rules (noise.go, furniture_lines.go) drop promos, newsletter
//     and share prompts, counters and utility bars ("643 comments |
//     Print"), relative timestamps and datelines (also "Posted <date>
//     (Updated 5 minutes ago)"), weather mastheads, copyright lines,
//     all-caps related-story lines, link-only lines, lists whose every item
//     is a link ("Most read"), meta lines of dates and counters however
//     laid out, the headlines of other stories on the host (Known, which
//     the tracker fills) and configured Ignore patterns; elements named like
//     furniture (gallery, share, related, rail, ad ...) inside the
//     container are skipped. A bare number is a figure, never a timestamp.
//     A table row is one block, its cells joined by " | "; a custom
//     element (<cite-tag>) flows inside its paragraph.
//     Explain reports every drop with its rule. Sentences that say the
//     story is developing are never dropped: they are article text.
//  6. Every field goes through Normalize, which keeps the publisher's
//     typography and repairs double-encoded UTF-8 (Article.Mojibake);
//     the rules read redline.Fold of the text, the comparison key.
//  7. Developing is set by built-in or configured markers in the headline,
//     dek or body, or a LiveBlogPosting still being covered.
//
// # Listings
//
// A page that lists stories (a homepage, a section front) is read as a
// listing instead (see listingBlocks): Article.Kind says so and every item
// is kept.
//
// # Notes
//
// Lines that start "Correction:", "Clarification:", "Editor's note:", "An
// earlier version of this story ..." or "This story has been updated
// to/with ..." go to Article.Notes instead of Paragraphs, in page order;
// a label on its own ("Correction:" as a heading or a bold line) takes
// the next block with it.
// They still count in Article.Hash, so an appended correction is a new
// version that shows as its own change. "Update:" lines stay in the body:
// in a developing story they are the news.
//
// # Re-checks
//
// ExtractWithHint takes the opaque hint the previous extraction returned
// (kept on redline.Story.ExtractHint). The hint names the article container
// by id anchor and class path (no sibling indexes, digits stripped, so
// inserted ads do not move it) plus the block signatures to keep and the
// last result's shape. The page is parsed once with golang.org/x/net/html
// and read straight from the container; if the container is gone, the
// headline changed, or the paragraph or word count halved or doubled, the
// full path runs instead.
//
// # Caps
//
// Extraction is bounded whatever the page: Options caps the nodes, the
// nesting depth and the paragraphs of a page and the time one extraction
// may take (DefaultMaxNodes ... DefaultTimeout, each at least ten times
// what the largest real page in the corpus needs). A page over a cap fails
// with an error wrapping redline.ErrPageTooComplex that names the figure
// and the cap, never with part of an article. The node cap is checked on
// the markup before parsing (see estimateNodes) and on the tree after.
// The generic extractors are given the page only up to a bounded amount
// of paragraph text (see libraryCut), since go-trafilatura's cost grows
// with paragraphs times their text; the body is read from the whole page,
// so a long live blog is extracted whole in time linear in its size. The
// libraries cannot be interrupted, so the deadline is checked between the
// steps, which the caps keep short: an extraction past its deadline stops
// at the next step, and nothing keeps running behind it.
//
// Assess is the quality guard for a new extraction against the previous
// version: a collapsed body, a vanished headline, or a paywall, consent
// wall, login wall or error page is suspect.
package extract
