package extract

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
)

// Options configures an Extractor. The zero value is usable.
type Options struct {
	// Rules are per-site selectors; the first rule matching a page's host
	// is used.
	Rules []SiteRule
	// Ignore lists regular expressions; a paragraph matching any of them is
	// dropped on every site (the config's "ignore rules").
	Ignore []string
	// DevelopingMarkers are extra phrases (case-insensitive) that mark a
	// story as developing, on top of the built-in ones.
	DevelopingMarkers []string
	// Logger receives debug records about which path extracted a page. Nil
	// means silent.
	Logger *slog.Logger

	// The caps bound the time and memory one page may take, whatever the
	// page. A page over one of them fails with an error wrapping
	// redline.ErrPageTooComplex that names the figure and the cap. Zero
	// means the default (DefaultMaxNodes ...), a negative value no cap.
	//
	// MaxNodes caps the elements, text and comments of the parsed page;
	// markup that would parse into many more is refused before parsing.
	MaxNodes int
	// MaxDepth caps how deeply the page's elements nest. The HTML parser
	// refuses more than 512 open elements whatever this says.
	MaxDepth int
	// MaxParagraphs caps the paragraph-level elements of the page (p, li,
	// headings ...) and the paragraphs and notes of the article.
	MaxParagraphs int
	// Timeout is how long one extraction may take. The generic extractors
	// cannot be interrupted, so it is checked after each step; the caps
	// above keep every step short.
	Timeout time.Duration
}

// Extractor turns HTML pages into Articles. It is safe for concurrent use.
type Extractor struct {
	rules     []*compiledRule
	ignore    []*regexp.Regexp
	ignoreSrc []string
	markers   []string
	log       *slog.Logger
	limits    limits
	now       func() time.Time // the deadline's clock; tests move it
	known     knownSet         // headlines of other stories (see Known)
	latest    string           // Known.Latest
}

// Names of the extraction paths, reported in Article.Extractor.
const (
	PathRule        = "rule"
	PathTrafilatura = "jsonld+trafilatura"
	PathReadability = "jsonld+readability"
	PathText        = "jsonld+trafilatura-text"
	PathJSONLD      = "jsonld"
	PathHint        = "hint"
)

// New compiles the options. An invalid selector or pattern is a *RuleError
// naming the rule's host, the field and the value.
func New(opts Options) (*Extractor, error) {
	e := &Extractor{log: opts.Logger, limits: limitsOf(opts), now: time.Now}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	for _, r := range opts.Rules {
		c, err := compileRule(r)
		if err != nil {
			return nil, err
		}
		e.rules = append(e.rules, c)
	}
	for _, p := range opts.Ignore {
		rx, err := regexp.Compile(p)
		if err != nil {
			return nil, &RuleError{Field: "ignore", Value: p, Err: err}
		}
		e.ignore = append(e.ignore, rx)
		e.ignoreSrc = append(e.ignoreSrc, p)
	}
	for _, m := range opts.DevelopingMarkers {
		if m = strings.ToLower(redline.Fold(Normalize(m))); m != "" {
			e.markers = append(e.markers, m)
		}
	}
	return e, nil
}

// Extract runs the full layered extraction on one page: site rule, then
// JSON-LD and meta tags for the metadata and go-trafilatura (go-readability
// as fallback) to find the body, then the noise rules. A page with no body
// is an error wrapping redline.ErrEmptyArticle; a page over the caps in
// Options, or that takes longer than its Timeout, is one wrapping
// redline.ErrPageTooComplex.
func (e *Extractor) Extract(page []byte, pageURL string) (redline.Article, error) {
	r, err := e.full(page, pageURL)
	return r.article, err
}

// Explain is Extract that also returns every piece of text the noise rules
// dropped and the rule that dropped it.
func (e *Extractor) Explain(page []byte, pageURL string) (redline.Article, []Dropped, error) {
	r, err := e.full(page, pageURL)
	return r.article, r.dropped, err
}

// outcome is one extraction with its by-products.
type outcome struct {
	article redline.Article
	dropped []Dropped
	hint    *hint
}

func parse(page []byte, pageURL string) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		// Reading from memory cannot fail: the parser's one error is its
		// limit of 512 open elements.
		return nil, fmt.Errorf("extract: parse %s: %w: %w", pageURL, err, redline.ErrPageTooComplex)
	}
	return doc, nil
}

func (e *Extractor) full(page []byte, pageURL string) (outcome, error) {
	doc, b, err := e.load(page, pageURL)
	if err != nil {
		return outcome{}, err
	}
	return e.fromDoc(doc, pageURL, b)
}

// fromDoc is the full path on an already parsed page. The rule's Remove
// selectors mutate doc; the generic extractors work on clones.
func (e *Extractor) fromDoc(doc *html.Node, pageURL string, b *budget) (outcome, error) {
	rule := e.ruleFor(pageURL)
	if rule != nil {
		rule.applyRemove(doc)
	}
	md := readMetadata(doc, pageURL)
	if rule != nil {
		if o, ok := e.byRule(doc, rule, md, pageURL); ok {
			return e.finish(doc, o, md, rule, pageURL, b)
		}
	}
	if !md.Article {
		if items, ok := listingBlocks(doc, md.Headline, md.Title); ok {
			// No hint: a listing's items rotate, and the fast path keeps
			// the blocks of one article container.
			return e.finish(doc, pending{blocks: items, path: PathListing, listing: true}, md, rule, pageURL, b)
		}
	}
	p, err := e.generic(doc, pageURL, b)
	if err != nil {
		return outcome{}, err
	}
	if len(p.blocks) == 0 && wordCount(md.ArticleBody) >= 50 {
		p = pending{blocks: articleBodyBlocks(md.ArticleBody), path: PathJSONLD, hint: &hint{Mode: modeJSONLD}}
	}
	e.log.Debug("extract: full path", "url", pageURL, "path", p.path, "blocks", len(p.blocks))
	return e.finish(doc, p, md, rule, pageURL, b)
}

// pending is a body found but not yet cleaned.
type pending struct {
	blocks []block
	path   string
	hint   *hint
	// headline, byline and dek override the metadata when a rule found them.
	headline, byline, dek string
	// skipped is furniture the walker left out, reported by Explain.
	skipped []Dropped
	// cleaned is set when the caller already applied the noise rules.
	cleaned *cleaned
	// listing is set for a page that lists stories (see listingBlocks).
	listing bool
}

func (e *Extractor) ruleFor(pageURL string) *compiledRule {
	if len(e.rules) == 0 {
		return nil
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	for _, r := range e.rules {
		if r.matches(u.Hostname()) {
			return r
		}
	}
	return nil
}

// articleBodyBlocks splits JSON-LD articleBody text into paragraphs.
func articleBodyBlocks(s string) []block {
	var out []block
	for _, line := range strings.Split(s, "\n") {
		if t := Normalize(line); t != "" {
			out = append(out, block{text: t, sig: ">#"})
		}
	}
	return out
}
