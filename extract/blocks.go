package extract

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one paragraph-level piece of text in the page: a <p>, heading,
// list item, quote, or a run of loose text between such elements.
type block struct {
	node *html.Node // the element, or the parent of a loose text run
	text string     // normalized visible text
	// sig is the block's place relative to the container it was walked
	// from, without sibling indexes or digits, so that it still matches
	// after ads are inserted or paragraphs are added.
	sig      string
	linkLen  int // characters of text inside links
	heading  bool
	listItem bool
	// counted, marked and low are what the noise rules ask of the block,
	// worked out once by readied: CountWords(text, ruleWords)+1 (0: not
	// readied), mayMark(text), and the text lowered where a rule reads it.
	counted int
	marked  bool
	low     lowered
}

// ruleWords is the longest block, in words, a noise rule that counts
// words first may drop: the counting is done once for all of them, and
// prose blocks are longer, so the cap is what each block costs.
const ruleWords = 40

// readied returns b with what the noise rules ask of it worked out once
// for all of them: the rules ran over every block of every check, each
// lowering and counting it again. The text is lowered, into buf, only
// where a rule reads it lowered: a block short enough for the rules that
// count words first, or one holding a marker word, or every block when
// lowerAll (configured markers are looked for in every block). A prose
// paragraph, most of a page's text, is not.
func (b block) readied(buf []byte, lowerAll bool) block {
	b.counted = redline.CountWords(b.text, ruleWords) + 1
	b.marked = mayMark(b.text)
	if lowerAll || b.marked || b.counted-1 <= ruleWords {
		b.low = lowerInto(buf, b.text)
	}
	return b
}

// developingSentence reports a marker line written into the body. The
// words it cannot match without are among mayMark's, so a readied block
// that holds none of those is not one.
func (b block) developingSentence() bool {
	if b.counted != 0 && !b.marked {
		return false
	}
	return developingSentenceIn(b.text, b.lowered())
}

// lowered returns the block's text lower-cased.
func (b block) lowered() lowered {
	if b.low.b == nil {
		return lower(b.text)
	}
	return b.low
}

// moreWordsThan reports whether the block's text has more than limit words.
func (b block) moreWordsThan(limit int) bool {
	if b.counted == 0 || limit > ruleWords {
		return moreWordsThan(b.text, limit)
	}
	return b.counted-1 > limit
}

// leafTags are block elements that hold one paragraph of text.
var leafTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Figcaption: true,
	atom.Caption: true, atom.Address: true,
}

// inlineTags flow inside a paragraph.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.Rp: true,
	atom.Rt: true, atom.Ruby: true, atom.S: true, atom.Samp: true, atom.Small: true,
	atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true,
	atom.U: true, atom.Var: true, atom.Wbr: true, atom.Br: true, atom.Font: true,
	atom.Strike: true, atom.Tt: true, atom.Big: true, atom.Del: true, atom.Ins: true,
	atom.Label: true, atom.Nobr: true,
}

// customElement reports an autonomous custom element (<cite-tag>,
// <story-link>): the parser knows nothing of it, and inside a paragraph
// it flows like a <span>. One that holds blocks is still walked into.
func customElement(n *html.Node) bool {
	return n.DataAtom == 0 && strings.Contains(n.Data, "-")
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// walker splits containers into blocks. It memoizes which elements contain
// block-level descendants, the one question it asks of every node.
type walker struct {
	blocky map[*html.Node]bool
	out    []block
	// furniture makes the walker skip elements named like page furniture
	// (see isFurniture) below the containers it walks.
	furniture bool
	// comments makes it skip readers' comment threads too (see
	// commentNamed), which themes print inside the post's element as
	// often as after it. Off when the container is itself in a thread.
	comments bool
	// skipped collects the text of furniture elements, for Explain.
	skipped []Dropped
	// cut, when set, ends the walk: the blocks at and after it in document
	// order are left out (see libraryCut). onPath holds its ancestors, for
	// whatever follows them is past the cut too.
	cut     *html.Node
	onPath  map[*html.Node]bool
	stopped bool
	// text is where each block's text is gathered before it is copied out
	// once, at its size: a builder per block grew it twice on every block
	// of every check.
	text bytes.Buffer
}

func newWalker() *walker { return &walker{blocky: make(map[*html.Node]bool)} }

// containerWalker walks a located article container, skipping furniture
// and comment threads.
func containerWalker() *walker {
	w := newWalker()
	w.furniture, w.comments = true, true
	return w
}

// walkerFor is containerWalker for the container c: a container inside a
// comment thread (a generic extractor took the thread for the story) is
// read as it is, so that the thread can be recognised and passed over.
func walkerFor(c *html.Node) *walker {
	w := containerWalker()
	w.comments = w.comments && !inComments(c)
	return w
}

// blocks returns the blocks of every container, in document order.
func (w *walker) blocks(containers ...*html.Node) []block {
	w.out, w.stopped = w.out[:0], false
	for _, c := range containers {
		if w.walk(c, ""); w.stopped {
			break
		}
	}
	return w.out
}

// hasBlock reports whether n contains an element that breaks the line.
func (w *walker) hasBlock(n *html.Node) bool {
	if v, ok := w.blocky[n]; ok {
		return v
	}
	found := false
	for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
		if c.Type != html.ElementNode || skipped(c) {
			continue
		}
		found = !inlineTags[c.DataAtom] && !customElement(c) || w.hasBlock(c)
	}
	w.blocky[n] = found
	return found
}

func (w *walker) walk(n *html.Node, path string) {
	var run []*html.Node
	flush := func() {
		w.emitRun(n, path, run)
		run = run[:0]
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c == w.cut {
			w.stopped = true
			break
		}
		switch {
		case c.Type == html.TextNode:
			run = append(run, c)
		case c.Type != html.ElementNode || skipped(c):
		case w.furniture && (isFurniture(c) || w.comments && commentNamed(c)):
			flush()
			if t := nodeText(c); t != "" {
				w.skipped = append(w.skipped, Dropped{Text: t, Rule: "furniture " + step(c)})
			}
		case inlineTags[c.DataAtom] && !w.hasBlock(c):
			run = append(run, c)
		case leafTags[c.DataAtom] && !w.hasBlock(c):
			flush()
			w.emit(c, path+">"+step(c), c.DataAtom)
		case isTag(c, atom.Tr) && w.dataRow(c):
			flush()
			w.emitRow(c, path+">"+step(c))
		default:
			flush()
			w.walk(c, path+">"+step(c))
		}
		if w.stopped || w.onPath[c] {
			w.stopped = true
			break
		}
	}
	flush()
}

// emitRun turns loose inline content into blocks, splitting at two or more
// consecutive <br>, the old way of separating paragraphs.
func (w *walker) emitRun(parent *html.Node, path string, run []*html.Node) {
	b := &w.text
	b.Reset()
	links, brs := 0, 0
	out := func() {
		if t := normalizeBytes(b.Bytes()); t != "" {
			w.out = append(w.out, block{node: parent, text: t, sig: path + ">#", linkLen: links})
		}
		b.Reset()
		links = 0
	}
	for _, n := range run {
		switch {
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			brs++
			if brs == 2 {
				out()
			}
			b.WriteByte(' ')
			continue
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
			b.WriteString(n.Data)
			continue
		}
		brs = 0
		links += collect(b, n, false)
	}
	out()
}

func (w *walker) emit(n *html.Node, sig string, a atom.Atom) {
	b := &w.text
	b.Reset()
	links := collect(b, n, false)
	if t := normalizeBytes(b.Bytes()); t != "" {
		w.out = append(w.out, block{node: n, text: t, sig: sig, linkLen: links,
			heading: isHeading(a), listItem: a == atom.Li || a == atom.Dd || a == atom.Dt})
	}
}

// textWriter is what collect writes to: a strings.Builder, or a walker's
// reused buffer.
type textWriter interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// collect writes the visible text of n to b and returns how many bytes of
// it sit inside links, for the link-density noise rule.
func collect(b textWriter, n *html.Node, inLink bool) int {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		if inLink {
			return len(strings.TrimSpace(n.Data))
		}
		return 0
	case html.ElementNode:
		if skipped(n) {
			return 0
		}
		switch n.DataAtom {
		case atom.Br:
			b.WriteByte(' ')
			return 0
		case atom.A:
			inLink = true
		}
	case html.CommentNode:
		return 0
	}
	links := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		links += collect(b, c, inLink)
	}
	return links
}

// step is one element's part of a signature: its tag and its classes with
// digits removed (sorted, at most four), so "ad-slot-17" and "ad-slot-18"
// read the same and class order does not matter.
func step(n *html.Node) string {
	class := attr(n, "class")
	if plainClass(class) {
		// One class with nothing to take out, as most are: stepOf
		// splits, maps and joins it, for every element of every
		// container walked on every check.
		return n.Data + "." + class
	}
	return stepOf(n.Data, class)
}

// stepOf is step for any class attribute.
func stepOf(tag, class string) string {
	cls := strings.Fields(class)
	if len(cls) == 0 {
		return tag
	}
	clean := make([]string, 0, len(cls))
	for _, c := range cls {
		c = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, c)
		if c = strings.Trim(c, "-_"); c != "" {
			clean = append(clean, c)
		}
	}
	slices.Sort(clean)
	clean = slices.Compact(clean)
	if len(clean) > 4 {
		clean = clean[:4]
	}
	if len(clean) == 0 {
		return tag
	}
	return tag + "." + strings.Join(clean, ".")
}

// plainClass reports a class attribute that is one class, free of digits
// and of the "-" and "_" step trims from its ends: step keeps it as it is.
func plainClass(class string) bool {
	if class == "" || class[0] == '-' || class[0] == '_' || class[len(class)-1] == '-' || class[len(class)-1] == '_' {
		return false
	}
	for i := 0; i < len(class); i++ {
		if c := class[i]; c <= ' ' || '0' <= c && c <= '9' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
