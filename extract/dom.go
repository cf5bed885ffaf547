package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of the named attribute of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// skipTags never hold article text: their content is code, controls or
// embedded media.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Button: true, atom.Select: true,
	atom.Option: true, atom.Input: true, atom.Textarea: true, atom.Head: true,
	atom.Title: true, atom.Meta: true, atom.Link: true, atom.Audio: true,
	atom.Video: true, atom.Picture: true, atom.Img: true, atom.Dialog: true,
}

// isHidden reports elements a reader never sees; their text is not article
// text even when it sits inside the article container.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if hiddenClass(c) {
					return true
				}
			}
		case "style":
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "display:none") || strings.Contains(v, "display: none") ||
				strings.Contains(v, "visibility:hidden") || strings.Contains(v, "visibility: hidden") {
				return true
			}
		}
	}
	return false
}

// hiddenClass reports the utility classes sites use to hide an element
// from sight ("vjs-hidden", "sr-only", "visually-hidden" ...).
func hiddenClass(c string) bool {
	c = strings.ToLower(c)
	switch c {
	case "hidden", "hide", "sr-only", "screen-reader-text", "screen-reader-only",
		"visuallyhidden", "d-none", "offscreen":
		return true
	}
	if strings.HasPrefix(c, "overflow") {
		return false // a layout class: clips, does not hide
	}
	return strings.HasSuffix(c, "-hidden") || strings.HasSuffix(c, "_hidden")
}

// skipped reports elements whose whole subtree is ignored by the walker.
func skipped(n *html.Node) bool {
	return n.Type == html.ElementNode && (skipTags[n.DataAtom] || n.DataAtom == 0 && n.Data == "svg" || isHidden(n))
}

// furnitureWords, as whole words of a class or id, mark page furniture
// that sits inside article containers: galleries, share bars, promos,
// related links. The walker never enters such an element below the
// container, whichever path found the container.
var furnitureWords = map[string]bool{
	"gallery": true, "slideshow": true, "carousel": true, "outbrain": true, "taboola": true,
	"newsletter": true, "share": true, "sharing": true, "social": true, "promo": true,
	"advert": true, "advertisement": true, "ad": true, "ads": true, "sponsored": true,
	"related": true, "recommended": true, "comments": true, "popular": true, "trending": true,
	"subscribe": true, "signup": true, "breadcrumb": true, "breadcrumbs": true,
	// WordPress and its many themes put the comment form in #respond.
	"respond": true,
	// A rail is the column of teasers beside the story, sometimes set
	// between two chunks of its body; blog themes call it the sidebar and
	// often print it inside the post's wrapper.
	"rail": true, "sidebar": true,
}

// isFurniture reports whether n's class or id names page furniture.
func isFurniture(n *html.Node) bool {
	for _, key := range [2]string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
			return r < 'a' || r > 'z'
		}) {
			if furnitureWords[w] {
				return true
			}
		}
	}
	return false
}

// textOf appends the visible text of n to b; <br> counts as a space.
func textOf(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped(n) {
			return
		}
		if n.DataAtom == atom.Br {
			b.WriteByte(' ')
			return
		}
	case html.CommentNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textOf(b, c)
	}
}

// nodeText is the normalized visible text of n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	textOf(&b, n)
	return Normalize(b.String())
}

// findFirst returns the first element in document order below n for which
// match is true.
func findFirst(n *html.Node, match func(*html.Node) bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && match(c) {
			return c
		}
		if f := findFirst(c, match); f != nil {
			return f
		}
	}
	return nil
}

// findAll calls fn for every element below n in document order; fn returns
// false to skip the element's subtree.
func findAll(n *html.Node, fn func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !fn(c) {
			continue
		}
		findAll(c, fn)
	}
}

// body returns the <body> element, or the root when there is none.
func body(doc *html.Node) *html.Node {
	if b := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body }); b != nil {
		return b
	}
	return doc
}
