package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PathListing names the extraction of a page that lists stories.
const PathListing = "listing"

// A homepage or a section front is not an article: it is a list of other
// stories' headlines, most of them links. Read as an article it loses what
// a user tracking it wants (the noise rules drop link-only and all-caps
// lines, the lead rules its first item), so it is recognised and read as a
// listing instead: every item in page order.
//
// The test is the page's own text, outside its navigation and footer: a
// listing is made of many blocks, most of them links and most of its
// characters link text, with little prose (long paragraphs that are not
// links) beside them: an article in a page of link lists has its prose. A page that declares itself an article (JSON-LD
// article type, og:type article, an article:published_time) is never a
// listing, which also keeps the test off the common path.
const (
	minListingItems = 8
	listingLinkRate = 0.6 // share of blocks that are mostly link
	listingLinkText = 0.5 // share of characters inside links
)

// listingBlocks returns the items of doc when it is a listing. A page
// with a heading of four words or more that its headline or title reads,
// or with a comment form (a <textarea>), is an article however many links
// surround it.
func listingBlocks(doc *html.Node, headline, title string) ([]block, bool) {
	if headingReads(doc, headline, title) || hasCommentForm(doc) {
		return nil, false
	}
	var items []block
	n, linky, linkChars, chars, prose := 0, 0, 0, 0, 0
	for _, b := range newWalker().blocks(body(doc)) {
		if inChrome(b.node) {
			continue
		}
		items = append(items, b)
		if len(b.text) < 12 { // bytes, not words: Chinese has no spaces
			continue
		}
		n++
		chars += len(b.text)
		linkChars += min(b.linkLen, len(b.text))
		switch {
		case b.linkLen*10 >= len(b.text)*7:
			linky++
		case len(b.text) >= 150 && b.linkLen*10 < len(b.text)*3:
			prose += len(b.text)
		}
	}
	ok := n >= minListingItems && float64(linky) >= listingLinkRate*float64(n) &&
		float64(linkChars) >= listingLinkText*float64(chars) && prose*3 < linkChars
	return items, ok
}

// inChrome reports whether n sits in the site's navigation, footer or page
// header, which every page of the site has, listing or not.
func inChrome(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		switch n.DataAtom {
		case atom.Nav, atom.Footer:
			return true
		case atom.Header:
			return !insideContent(n)
		case atom.Main, atom.Article:
			return false
		}
		switch strings.ToLower(attr(n, "role")) {
		case "navigation", "contentinfo", "banner":
			return true
		}
	}
	return false
}

func insideContent(n *html.Node) bool {
	for n = n.Parent; n != nil; n = n.Parent {
		if n.DataAtom == atom.Main || n.DataAtom == atom.Article {
			return true
		}
	}
	return false
}

// listingKeeps reports whether a noise rule's drop is undone on a
// listing: its items are links, often in capitals.
func listingKeeps(rule string) bool {
	return rule == "link-only" || rule == "all-caps-promo" || rule == "promo-read-more"
}

func hasCommentForm(doc *html.Node) bool {
	return findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Textarea }) != nil
}

// headingReads reports whether an <h1>, <h2> or <h3> of four words or
// more is found in the headline or the title, punctuation aside.
func headingReads(doc *html.Node, headline, title string) bool {
	h, t := letters(headline), letters(title)
	return findFirst(doc, func(n *html.Node) bool {
		if n.DataAtom != atom.H1 && n.DataAtom != atom.H2 && n.DataAtom != atom.H3 {
			return false
		}
		text := nodeText(n)
		k := letters(text)
		return len(strings.Fields(text)) >= 4 && (strings.Contains(h, k) || strings.Contains(t, k))
	}) != nil
}
