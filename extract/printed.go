package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A headline read from og:title or <title> is the page's title, which
// sites pad with sections, dates and their name in ways no separator rule
// can tell apart from the headline ("Headline | Danger Room | Wired.com",
// "Headline - Theater News - Nov 6, 2012", "【速報】見出し｜新聞"). The page's
// own heading shows the headline as readers see it; when it is a part of
// the title, it is the headline.

// Below these a heading may be a label or a logo ("News", "Home") that
// merely happens to occur in the title.
const (
	minPrintedWords = 3
	minPrintedRunes = 15
)

// printedHeadline returns the heading text the page prints that is the
// longest part of title standing between separators, or "" when no
// heading qualifies. The heading must share words with headline, what the
// title rules kept, so a site name printed as the <h1> never replaces the
// part they chose; isSite tells a heading that is the site's name too.
// <h1>s are tried first; an <h2> of the article's own container only when
// no <h1> fits, since blog themes set the post title in an <h2> and their
// site name in the <h1>.
func printedHeadline(doc *html.Node, title, headline string, isSite func(string) bool) string {
	tt := wordSpans(title)
	if len(tt) == 0 {
		return ""
	}
	kept, ok := runIn(headline, wordSpans(headline), title, tt, func(string, bool) bool { return true })
	if !ok {
		kept = span{0, len(tt)}
	}
	h1s, h2s := headings(doc)
	for _, cands := range [][]string{h1s, h2s} {
		best := ""
		for _, h := range cands {
			if len(h) <= len(best) || !longEnough(h) || isSite(h) {
				continue
			}
			if r, ok := runIn(h, wordSpans(h), title, tt, separatorEnd); ok && r.from < kept.to && kept.from < r.to && !siteEnd(h, title, tt, r) {
				best = h
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// siteEnd reports a heading at one end of the title that is no longer
// than the title's part at the other end: the place and the length of a
// site's name ("Headline: Some Blog" with the blog's name as its <h1>),
// where the headline is the longer part. Sites put their name at one end
// of the title, so that far part is the one a headline is weighed against.
func siteEnd(h, title string, tt []span, r span) bool {
	first, last := r.from == 0, r.to == len(tt)
	if first == last {
		return false // the whole title, or a part in its middle
	}
	seps := titlePartSep.FindAllStringIndex(title, -1)
	if len(seps) == 0 {
		return false
	}
	far := title[seps[len(seps)-1][1]:]
	if last {
		far = title[:seps[0][0]]
	}
	return len(letters(h)) <= len(letters(far))
}

// titlePartSep separates the parts of a title: a run of punctuation with
// spaces around it (" | ", " - ", " ● "), a colon, or the separators of
// scripts written without spaces ("｜", "_", "【】").
var titlePartSep = lazyCompile(`\s[|\-–—·•●:»«/\\~]+\s|:\s|[｜_【】]`)

// longEnough reports whether heading h is long enough to be a headline
// rather than a label or a logo that happens to occur in the title.
func longEnough(h string) bool {
	return utf8.RuneCountInString(h) >= minPrintedRunes && (len(strings.Fields(h)) >= minPrintedWords || unspaced(h))
}

// runIn finds the words hw of h as a run of the title's words tt (compared
// without case), the run's ends accepted by bound, and returns the run as
// word indexes into tt. The words are what is compared, so the quote and
// dash styles, which og:title often flattens to ASCII, do not matter.
func runIn(h string, hw []span, title string, tt []span, bound func(rest string, last bool) bool) (span, bool) {
	if len(hw) == 0 {
		return span{}, false
	}
	for i := 0; i+len(hw) <= len(tt); i++ {
		match := true
		for j, w := range hw {
			if a, b := h[w.from:w.to], title[tt[i+j].from:tt[i+j].to]; a != b && !strings.EqualFold(a, b) {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		before := strings.TrimRightFunc(title[:tt[i].from], unicode.IsSpace)
		after := strings.TrimLeftFunc(title[tt[i+len(hw)-1].to:], unicode.IsSpace)
		if bound(before, true) && bound(after, false) {
			return span{i, i + len(hw)}, true
		}
	}
	return span{}, false
}

// separatorEnd reports whether the rest of the title next to the heading
// is empty or meets it with punctuation or a symbol ("|", "–", ":", "】",
// "｜", a closing quote), not with a word: the heading must be a whole
// part of the title.
func separatorEnd(rest string, last bool) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if last {
		r, _ = utf8.DecodeLastRuneInString(rest)
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// span is a word's byte range in its string.
type span struct{ from, to int }

// wordSpans are the maximal runs of letters and digits in s: the words a
// heading and a title are compared by, so the quote and dash styles, which
// og:title often flattens to ASCII, do not matter.
func wordSpans(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// unspaced reports text in a script written without spaces between words
// (Chinese, Japanese, Thai), where a word count says nothing.
func unspaced(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}

// headings are the visible <h1> texts of the page, and the <h2> texts that
// sit in an article container (<article>, or a post/entry/article class)
// or, like <h3>s, are classed as a title.
func headings(doc *html.Node) (h1s, h2s []string) {
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipped(c) {
				continue
			}
			switch {
			case c.DataAtom == atom.H1:
				if t := nodeText(c); t != "" {
					h1s = append(h1s, t)
				}
			case c.DataAtom == atom.H2 && inArticle || (c.DataAtom == atom.H2 || c.DataAtom == atom.H3) && titleClass(c):
				if t := nodeText(c); t != "" {
					h2s = append(h2s, t)
				}
			default:
				walk(c, inArticle || articleContainer(c))
			}
		}
	}
	walk(doc, false)
	return h1s, h2s
}

// titleClass reports a heading classed as a title ("entry-title",
// "post-title", "article-title", "headline"): the convention blog and
// news templates name their post's heading by.
func titleClass(n *html.Node) bool {
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if strings.Contains(c, "title") || strings.Contains(c, "headline") {
			return true
		}
	}
	return false
}

// articleContainer reports an element that holds one article or post.
func articleContainer(n *html.Node) bool {
	if n.DataAtom == atom.Article {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		switch c {
		case "hentry", "post", "entry", "article", "story", "post-content", "entry-content", "article-content":
			return true
		}
	}
	return false
}
