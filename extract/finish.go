package extract

import (
	"fmt"
	"slices"

	"github.com/markusmobius/go-htmldate"
	"github.com/redline-news/redline"
	"golang.org/x/net/html"
)

// finish turns found blocks into the Article: noise rules, notes,
// developing markers, dates, and the empty-page check. Both the full and
// the hint path end here, which is what makes their results identical.
func (e *Extractor) finish(doc *html.Node, p pending, md metadata, rule *compiledRule, pageURL string, b *budget) (outcome, error) {
	a := redline.Article{
		Headline:  firstNonEmpty(p.headline, md.Headline),
		Site:      md.Site,
		Published: md.Published,
		Modified:  md.Modified,
		Extractor: p.path,
	}
	c := p.cleaned
	if c == nil {
		l := leadOf(a.Headline, md)
		l.listing = p.listing
		c = e.clean(p.blocks, rule, l)
	}
	if p.listing {
		a.Kind = redline.KindListing
	}
	// A byline or dek printed in the body's lead is what readers see; the
	// metadata fills in where the page shows none.
	by := firstNonEmpty(p.byline, md.Byline, c.byline)
	if p.byline == "" && md.SiteByline && c.byline != "" {
		by = c.byline // a writer printed in the lead beats the site as author
	}
	a.Byline = bylineNames(by, siteMatcher(md.Site, pageURL))
	a.Dek = firstNonEmpty(p.dek, c.dek, md.Dek)
	paras, dropped := c.paras, append(slices.Clip(p.skipped), c.dropped...)
	a.Paragraphs, a.Notes = c.paras, c.notes
	a.Developing = c.developing || md.LiveBlog || e.isDeveloping(a.Headline) || e.isDeveloping(a.Dek)
	if p.dek == "" && c.dek == "" && repeatsBody(a.Dek, paras) {
		// A description that only repeats the lede, or the whole entry,
		// is not a dek, and would make every edit of the body look like
		// two edits.
		a.Dek = ""
	}
	a.Dek = cleanDek(a.Dek, a.Headline)
	// An article the caller discards as unchanged needs no date (see
	// Known.Latest).
	if a.Published.IsZero() && (e.latest == "" || a.Hash() != e.latest) {
		e.fillDates(doc, &a, pageURL)
	}
	// Normalize repaired the text; the page says so, so a check can.
	a.Mojibake = mojibakeIn(doc)
	words := c.words() // a.Paragraphs; counted once, as several tests need it
	if len(a.Paragraphs) == 0 || a.Headline == "" && words < minHeadlessWords {
		return outcome{dropped: dropped}, fmt.Errorf("extract: %s: no body text (%s): %w", pageURL, why(a), redline.ErrEmptyArticle)
	}
	if n := len(a.Paragraphs) + len(a.Notes); e.limits.paras > 0 && n > e.limits.paras {
		return outcome{dropped: dropped}, tooComplex(pageURL, "paragraphs", n, e.limits.paras)
	}
	if err := b.check("noise rules"); err != nil {
		return outcome{dropped: dropped}, err
	}
	if errorPage(a, md, words) {
		return outcome{dropped: dropped}, fmt.Errorf("extract: %s: looks like an error page (%q): %w", pageURL, firstNonEmpty(md.Title, a.Headline), redline.ErrEmptyArticle)
	}
	if p.hint != nil {
		p.hint.Paras, p.hint.Words, p.hint.Head = len(a.Paragraphs), words, headHash(a.Headline)
		p.hint.Path0 = firstNonEmpty(p.hint.Path0, p.path)
	}
	return outcome{article: a, dropped: dropped, hint: p.hint}, nil
}

// minHeadlessWords is the least body a page without any headline needs to
// count as an article; below it, it is a menu or a stub.
const minHeadlessWords = 30

func why(a redline.Article) string {
	if a.Headline == "" {
		return fmt.Sprintf("no headline and %d words", a.Words())
	}
	return fmt.Sprintf("headline %q", a.Headline)
}

// dropReason names the rule that drops b, or "" to keep it.
func (e *Extractor) dropReason(b block, first bool, rule *compiledRule) string {
	if rule != nil {
		for i, rx := range rule.drop {
			if rx.MatchString(b.text) {
				return "site " + rule.host + " drop " + rule.dropSrc[i]
			}
		}
	}
	for i, rx := range e.ignore {
		if rx.MatchString(b.text) {
			return "ignore " + e.ignoreSrc[i]
		}
	}
	if b.developingSentence() {
		return ""
	}
	for _, r := range builtinNoise {
		if r.match(b, first) {
			return r.name
		}
	}
	return ""
}

// fillDates asks go-htmldate for the publication date when structured data
// did not give one. Fast mode keeps it deterministic and cheap; a date it
// cannot read stays zero rather than becoming a guess. Modified is only
// taken from structured data: htmldate's "latest date on the page" is often
// a sidebar or footer date, and Modified is not part of the version hash.
func (e *Extractor) fillDates(doc *html.Node, a *redline.Article, pageURL string) {
	opts := htmldate.Options{ExtractTime: true, UseOriginalDate: true, URL: pageURL, SkipExtensiveSearch: true}
	if r, err := htmldate.FromDocument(doc, opts); err == nil && !r.IsZero() {
		a.Published = r.DateTime
	}
}

var errorTitle = lazyCompile(`(?i)\b(404|410|page not found|not found|page (does not|doesn't) exist|no longer available|access denied|forbidden|internal server error|service unavailable|an error occurred|something went wrong)\b`)

// errorPage reports a short page whose title says it is an error.
func errorPage(a redline.Article, md metadata, words int) bool {
	return words < 150 && (errorTitle.MatchString(md.Title) || errorTitle.MatchString(a.Headline))
}
