package extract

import (
	"fmt"
	"time"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
)

// Default caps. The largest of the 178 real pages in the developer corpus
// has 15,274 nodes, a depth of 38 and 381 paragraphs out, and extracts in
// about 0.1 s; the caps are 13× (nodes, depth), 78× (paragraphs) and 50×
// (time) that. A depth of 512 is also where browsers stop nesting.
const (
	DefaultMaxNodes      = 200_000
	DefaultMaxDepth      = 512
	DefaultMaxParagraphs = 30_000
	DefaultTimeout       = 5 * time.Second
)

// limits are the caps of one Extractor, with the defaults filled in.
// A zero field means no cap.
type limits struct {
	nodes, depth, paras int
	timeout             time.Duration
}

func limitsOf(o Options) limits {
	pick := func(v, def int) int {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	l := limits{nodes: pick(o.MaxNodes, DefaultMaxNodes), depth: pick(o.MaxDepth, DefaultMaxDepth), paras: pick(o.MaxParagraphs, DefaultMaxParagraphs)}
	switch {
	case o.Timeout == 0:
		l.timeout = DefaultTimeout
	case o.Timeout > 0:
		l.timeout = o.Timeout
	}
	return l
}

func tooComplex(pageURL, what string, n, limit int) error {
	return fmt.Errorf("extract: %s: %d %s, over the cap of %d: %w", pageURL, n, what, limit, redline.ErrPageTooComplex)
}

// budget is one extraction's deadline. The libraries take no context and
// cannot be interrupted, so the deadline is checked between the steps,
// each of which is bounded by the caps (see libraryDoc); an extraction that
// overruns stops at the next step and nothing keeps running behind it.
type budget struct {
	now     func() time.Time
	start   time.Time
	timeout time.Duration
	pageURL string
}

func (e *Extractor) newBudget(pageURL string) *budget {
	b := &budget{now: e.now, timeout: e.limits.timeout, pageURL: pageURL}
	if b.timeout > 0 {
		b.start = b.now()
	}
	return b
}

// check fails once the deadline has passed, naming the step just done.
func (b *budget) check(step string) error {
	if b == nil || b.timeout == 0 {
		return nil
	}
	if took := b.now().Sub(b.start); took > b.timeout {
		return fmt.Errorf("extract: %s: %s spent (%s done), over the timeout of %s: %w",
			b.pageURL, took.Round(time.Millisecond), step, b.timeout, redline.ErrPageTooComplex)
	}
	return nil
}

// prescanSlack lets the estimate, which counts a little more than the
// parser makes, run over the node cap by an eighth; the exact count follows
// the parse.
const prescanSlack = 8

// prescan refuses a page whose markup would parse into far more nodes than
// the cap, before the parser builds them (see estimateNodes).
func (e *Extractor) prescan(page []byte, pageURL string) error {
	if e.limits.nodes == 0 {
		return nil
	}
	limit := e.limits.nodes + e.limits.nodes/prescanSlack
	if n := estimateNodes(page, limit); n > limit {
		return tooComplex(pageURL, "nodes (estimated from the markup)", n, e.limits.nodes)
	}
	return nil
}

// measure checks the parsed tree against the node, depth and paragraph
// caps. It walks without recursion: the tree may be as deep as the parser
// made it.
func (e *Extractor) measure(doc *html.Node, pageURL string) error {
	nodes, depth, deepest, paras := 0, 0, 0, 0
	n := doc
	for n != nil {
		nodes++
		if n.Type == html.ElementNode && leafTags[n.DataAtom] {
			paras++
		}
		deepest = max(deepest, depth)
		if n.FirstChild != nil {
			n = n.FirstChild
			depth++
			continue
		}
		for n != nil && n.NextSibling == nil {
			n = n.Parent
			depth--
		}
		if n != nil {
			n = n.NextSibling
		}
	}
	l := e.limits
	switch {
	case l.nodes > 0 && nodes > l.nodes:
		return tooComplex(pageURL, "nodes", nodes, l.nodes)
	case l.depth > 0 && deepest > l.depth:
		return tooComplex(pageURL, "levels of nesting", deepest, l.depth)
	case l.paras > 0 && paras > l.paras:
		return tooComplex(pageURL, "paragraph elements", paras, l.paras)
	}
	return nil
}

// load parses a page within the caps and starts its deadline.
func (e *Extractor) load(page []byte, pageURL string) (*html.Node, *budget, error) {
	b := e.newBudget(pageURL)
	if err := e.prescan(page, pageURL); err != nil {
		return nil, nil, err
	}
	doc, err := parse(page, pageURL)
	if err != nil {
		return nil, nil, err
	}
	if err := e.measure(doc, pageURL); err != nil {
		return nil, nil, err
	}
	return doc, b, b.check("parse")
}
