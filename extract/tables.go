package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cellSeparator joins the cells of a table row into one paragraph. A row
// is one line of a table as readers scan it: a figure changed in a cell
// shows as an edit of its row, with the row's label beside it.
const cellSeparator = " | "

// maxCellWords bounds the cells of a data row. A layout table (old blogs
// set the whole page in one) holds the article in a cell, and that must
// be walked as paragraphs, not read as one line.
const maxCellWords = 60

// dataRow reports a table row whose cells hold only inline content of
// modest size.
func (w *walker) dataRow(tr *html.Node) bool {
	cells := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if !isTag(c, atom.Td) && !isTag(c, atom.Th) || w.hasBlock(c) {
			return false
		}
		if wordCount(nodeText(c)) > maxCellWords {
			return false
		}
		cells++
	}
	return cells > 0
}

// emitRow makes one block of a data row, its non-empty cells joined by
// cellSeparator.
func (w *walker) emitRow(tr *html.Node, sig string) {
	var cells []string
	links := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipped(c) {
			continue
		}
		var b strings.Builder
		n := collect(&b, c, false)
		if t := Normalize(b.String()); t != "" {
			cells = append(cells, t)
			links += n
		}
	}
	if len(cells) > 0 {
		w.out = append(w.out, block{node: tr, text: strings.Join(cells, cellSeparator), sig: sig, linkLen: links})
	}
}

// isTag reports whether n is the element a. Nodes built by go-trafilatura
// carry only their name, not the parser's atom.
func isTag(n *html.Node, a atom.Atom) bool {
	return n.DataAtom == a || n.DataAtom == 0 && n.Data == a.String()
}
