package extract

import (
	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// go-trafilatura concatenates the text of every <p> of the page into one
// string, one += at a time, before it looks at the content (extractContent
// in main-extractor.go): each <p> copies the text of all before it, which
// made a 16,000-paragraph live blog take 10 s and 600 MB. The generic
// extractors only have to show where the article is (see locate), so they
// are given the page up to the <p> where that copying would pass
// libMaxCopy bytes, or up to libMaxText bytes of text, which also bounds
// the rest of their work (language detection, scoring) whatever the shape
// of the page. The body is then read from the whole page by the walker.
// No real page in the corpus reaches either bound (the heaviest, a 644 KB
// page with 725 <p>, copies 72 MB and has 382 KB of text; see
// TestExtractor_caps_realPages), and a page that does is still extracted
// whole: only the locating uses the cut copy.
const (
	libMaxCopy = 128 << 20
	libMaxText = 768 << 10
)

// libraryCut returns the element of doc at which the generic extractors'
// copy of the page ends, or nil when they get all of it. It depends only
// on the tree's shape and text, so it finds the same place in a clone.
func libraryCut(doc *html.Node) *html.Node {
	copied, paraText, text, inP := 0, 0, 0, 0
	n := doc
	for n != nil {
		switch n.Type {
		case html.ElementNode:
			isP := n.DataAtom == atom.P
			if text >= libMaxText || isP && copied+paraText >= libMaxCopy {
				return n
			}
			if isP {
				copied += paraText
				inP++
			}
		case html.TextNode:
			if p := n.Parent; p == nil || !rawText[p.DataAtom] {
				text += len(n.Data)
				if inP > 0 {
					paraText += len(n.Data)
				}
			}
		}
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		// Climb out of every element that is finished, leaving its <p>.
		for n != nil {
			if n.Type == html.ElementNode && n.DataAtom == atom.P {
				inP--
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
	return nil
}

// rawText elements hold code, not text a reader sees.
var rawText = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true}

// libraryDoc is the copy of doc a generic extractor may consume: all of
// it, or everything before the cut.
func libraryDoc(doc *html.Node) *html.Node {
	c := dom.Clone(doc, true)
	cut := libraryCut(c)
	if cut == nil {
		return c
	}
	for n := cut; n.Parent != nil; n = n.Parent {
		for n.NextSibling != nil {
			n.Parent.RemoveChild(n.NextSibling)
		}
	}
	cut.Parent.RemoveChild(cut)
	return c
}

// pastCut marks the cut and its ancestors, so that a walker stops where
// the generic extractors' copy of the page ended.
func pastCut(cut *html.Node) map[*html.Node]bool {
	if cut == nil {
		return nil
	}
	m := make(map[*html.Node]bool)
	for n := cut; n != nil; n = n.Parent {
		m[n] = true
	}
	return m
}

// countNodes counts the nodes of the tree below and including n.
func countNodes(n *html.Node) int {
	c := 1
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c += countNodes(k)
	}
	return c
}

// nodesBefore counts the nodes of doc that precede cut in document order.
func nodesBefore(doc, cut *html.Node) int {
	c := 0
	for n := cut; n.Parent != nil; n = n.Parent {
		c++ // the parent
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			c += countNodes(s)
		}
	}
	return c
}
