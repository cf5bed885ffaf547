package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// commentArea matches the ids and class names of readers' comment
// threads: "comments", "commentlist", "comment-1049826", "dsq-comments".
// Whole tokens only, so "comment-count" or "no-comments" on a story's
// wrapper do not count.
var commentArea = lazyCompile(`^(comments?|comments?[-_]?(list|block|area|body|wrap|wrapper|section|thread|container|content|pages)|comment[-_]\d+|dsq[-_]comments|disqus[-_]thread|respond)$`)

// inComments reports whether n sits in a comment thread, below <body>.
func inComments(n *html.Node) bool {
	for ; n != nil && n.DataAtom != atom.Body; n = n.Parent {
		if commentNamed(n) {
			return true
		}
	}
	return false
}

// commentNamed reports an element whose id or class names a comment
// thread or one comment.
func commentNamed(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if commentArea.MatchString(strings.ToLower(attr(n, "id"))) {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if commentArea.MatchString(c) {
			return true
		}
	}
	return false
}

// withoutComments removes the comment threads from doc, a copy of the page
// made for the generic extractors, and returns it.
func withoutComments(doc *html.Node) *html.Node {
	var threads []*html.Node
	findAll(body(doc), func(n *html.Node) bool {
		if inComments(n) {
			threads = append(threads, n)
			return false
		}
		return true
	})
	for _, n := range threads {
		n.Parent.RemoveChild(n)
	}
	return doc
}
