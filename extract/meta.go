package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metadata is everything about the article that is not its body, read from
// JSON-LD, <meta> tags and a few well-known DOM conventions. Both the full
// and the hint path compute it with this one function.
type metadata struct {
	Headline, Byline, Dek string
	Published, Modified   time.Time
	LiveBlog              bool
	ArticleBody           string
	Title                 string // the <title>, for error-page detection
	Site                  string // the publication's name
	// SiteByline is set when the only author found is the site's name.
	SiteByline bool
	// Article is set when the page declares itself an article.
	Article bool
}

// readMetadata reads the article metadata of doc. Sources, best first:
// JSON-LD, OpenGraph/article/Twitter/Dublin Core <meta>, then the DOM
// (<h1>, rel/itemprop author, byline classes, <title>). The site's name
// is cut off the headline when it is recognisably there (see splitSite).
func readMetadata(doc *html.Node, pageURL string) metadata {
	ld := readJSONLD(doc)
	m := metaTags(doc)
	rawTitle := ""
	// The document title, not an <svg><title> tooltip; the walker skips
	// <title>, so its text is read directly.
	if t := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Title && n.Namespace == "" }); t != nil && t.FirstChild != nil {
		rawTitle = strings.Join(strings.Fields(t.FirstChild.Data), " ")
	}
	title := Normalize(rawTitle)

	var md metadata
	md.Title = title
	// The order of the <meta> sources is reader view's, so both name the
	// same headline and byline when a page's tags disagree.
	titled := Normalize(firstNonEmpty(m["dc:title"], m["dcterm:title"], m["og:title"],
		m["weibo:article:title"], m["weibo:webpage:title"], m["title"], m["twitter:title"], m["parsely-title"], m["sailthru:title"]))
	md.Headline = firstNonEmpty(Normalize(ld.Headline), titled)
	derived := md.Headline == titled
	if md.Headline == "" {
		// Read before Normalize, which turns a » separator into a quote.
		md.Headline = Normalize(titleHeadline(doc, rawTitle))
		titled, derived = title, true
	}
	md.Site = Normalize(firstNonEmpty(m["og:site_name"], ld.Publisher, m["application-name"], m["twitter:site"]))
	if strings.HasPrefix(md.Site, "@") || strings.HasPrefix(md.Site, "http") {
		md.Site = ""
	}
	md.Headline, md.Site = splitSite(md.Headline, md.Site, pageURL)
	if derived && titled != "" {
		// A JSON-LD headline is the article's own; a title-derived one is
		// cut to the part the page prints as its heading.
		if h := printedHeadline(doc, titled, md.Headline, siteMatcher(md.Site, pageURL)); h != "" {
			md.Headline = h
		}
	}

	by := joinAuthors(ld.Authors)
	if by == "" {
		by = firstNonEmpty(m["dc:creator"], m["dcterm:creator"], m["author"], m["parsely-author"],
			nonURL(m["article:author"]), m["sailthru:author"], m["byl"])
	}
	// An author that is the site's own name (NBC's blogs set their name
	// as <meta name="author">) names no writer: the page's printed byline
	// is asked first, and the site's name is the byline only without one.
	siteBy := ""
	if isSite := siteMatcher(md.Site, pageURL); by != "" && isSite(cleanByline(by)) {
		siteBy, by = by, ""
	}
	if by == "" {
		by = domByline(doc)
	}
	if by == "" && siteBy != "" {
		by, md.SiteByline = siteBy, true
	}
	md.Byline = cleanByline(by)

	md.Dek = Normalize(firstNonEmpty(ld.Description, m["og:description"], m["twitter:description"], m["description"]))
	md.Published = parseTime(firstNonEmpty(ld.Published, m["article:published_time"], m["datepublished"],
		m["pubdate"], m["publishdate"], m["parsely-pub-date"], m["sailthru:date"], m["dc:date:issued"], m["dc:date"], m["date"]))
	md.Modified = parseTime(firstNonEmpty(ld.Modified, m["article:modified_time"], m["og:updated_time"], m["datemodified"], m["last-modified"]))
	if md.Published.IsZero() || md.Modified.IsZero() {
		if pub, mod := timeElements(doc); md.Published.IsZero() {
			md.Published = pub
			if md.Modified.IsZero() {
				md.Modified = mod
			}
		} else if md.Modified.IsZero() {
			md.Modified = mod
		}
	}
	md.LiveBlog = ld.LiveBlog
	md.Article = ld.Article || strings.EqualFold(m["og:type"], "article") || m["article:published_time"] != ""
	md.ArticleBody = ld.Body
	return md
}

// metaTags collects <meta> name/property/itemprop → content, first
// occurrence wins. Keys are lowercased and "dc.title" is spelled
// "dc:title", so either spelling a site uses is found.
func metaTags(doc *html.Node) map[string]string {
	m := make(map[string]string)
	findAll(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Meta:
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				return false
			}
			for _, k := range []string{"property", "name", "itemprop"} {
				for _, key := range strings.Fields(strings.ToLower(strings.ReplaceAll(attr(n, k), ".", ":"))) {
					if _, ok := m[key]; !ok {
						m[key] = content
					}
				}
			}
			return false
		case atom.Script, atom.Style, atom.Svg:
			return false
		}
		return true
	})
	return m
}

// articleH1 is the text of the page's only <h1>; with several, none is
// trusted (site logos are often an <h1> too).
func articleH1(doc *html.Node) string {
	var found []*html.Node
	findAll(doc, func(n *html.Node) bool {
		if n.DataAtom == atom.H1 && !isHidden(n) {
			found = append(found, n)
			return false
		}
		return !skipped(n)
	})
	if len(found) != 1 {
		return ""
	}
	return nodeText(found[0])
}

// Title separators, as reader views (Firefox's Readability) read them: a
// "hierarchical" one (\ / > ») means the title is a breadcrumb trail.
var (
	titleSeparator     = lazyCompile(` [|\-–—\\/>»] `)
	hierarchySeparator = lazyCompile(` [\\/>»] `)
	anySeparators      = lazyCompile(`[|\-–—\\/>»]+`)
)

// titleHeadline reads a headline out of the document title, for pages that
// declare none in their metadata. It follows the rules of Firefox's reader
// view, so redline names an undeclared headline the way readers already see
// it: a trailing " | Site" part goes when enough headline is left, a
// "Section: Headline" title keeps its last part unless a heading shows it
// whole, and a short result falls back to the whole title.
func titleHeadline(doc *html.Node, title string) string {
	head, hierarchical := title, false
	switch {
	case titleSeparator.MatchString(title):
		hierarchical = hierarchySeparator.MatchString(title)
		locs := titleSeparator.FindAllStringIndex(title, -1)
		head = title[:locs[len(locs)-1][0]]
		if len(strings.Fields(head)) < 3 {
			head = title[locs[0][1]:]
		}
	case strings.Contains(title, ": "):
		if !headingShows(doc, title) {
			head = title[strings.LastIndex(title, ":")+1:]
			if len(strings.Fields(head)) < 3 {
				head = title[strings.Index(title, ":")+1:]
			} else if len(strings.Fields(title[:strings.Index(title, ":")])) > 5 {
				head = title
			}
		}
	case utf8.RuneCountInString(title) > 150 || utf8.RuneCountInString(title) < 15:
		if h1 := articleH1(doc); h1 != "" {
			head = h1
		}
	}
	head = strings.TrimSpace(head)
	if n := len(strings.Fields(head)); n <= 4 && (!hierarchical || n != len(strings.Fields(anySeparators.ReplaceAllString(title, "")))-1) {
		return title
	}
	return head
}

// headingShows reports whether an <h1> or <h2> reads exactly s.
func headingShows(doc *html.Node, s string) bool {
	s = Normalize(s)
	return findFirst(doc, func(n *html.Node) bool {
		return (n.DataAtom == atom.H1 || n.DataAtom == atom.H2) && nodeText(n) == s
	}) != nil
}

// bylinePrefix is the wording printed before the names: "By", its
// equivalents in other languages, author-page links ("View all posts by")
// and labels ("Article by:", "Von:").
var bylinePrefix = lazyCompile(`(?i)^((view|see|more) (all )?(posts|articles|stories) (by|from)|(all )?(posts|articles|stories) by|(written|article|story|words|posted|reported|report|text) by|by|from|von|par|por|door|di|av|af)\s*:?\s+|^(author|autor|auteur|texto|text)\s*:\s*`)

// formLabel matches what a comment form or a template prints where a
// byline could stand, with no name in it.
var formLabel = lazyCompile(`(?i)^\W*(your )?(name|e-?mail|website|author|posted|published|updated|by|article by|written by|posted by|comments?|staff|admin|no (primary )?author|unknown( author)?)\s*(\*|\(required\)|\(optional\)|:)?\W*$`)

// cleanByline normalizes an author string and removes a leading "By",
// an author-page link's wording and a trailing dateline. A form label
// ("Name *", "Posted") and a comment's "Devin says:" are no byline and
// give "".
func cleanByline(s string) string {
	s = Normalize(s)
	if formLabel.MatchString(s) {
		return ""
	}
	s = bylinePrefix.ReplaceAllString(s, "")
	if len(s) > 200 || strings.HasPrefix(s, "http") || formLabel.MatchString(s) || commentAuthor.MatchString(s) {
		return ""
	}
	// Byline boxes often carry the dateline too ("Ann Lee May 20, 2019");
	// the date is not part of the byline, and would change on every update.
	if names, ok := bylineLine("By " + s); ok {
		return names
	}
	return s
}

func nonURL(s string) string {
	if strings.HasPrefix(s, "http") {
		return ""
	}
	return s
}

// bylineWords mark class or id values of byline elements.
var bylineWords = []string{"byline", "author", "writer"}

func bylineAttr(n *html.Node) bool {
	v := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range bylineWords {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// domByline finds a byline in the markup: rel="author", itemprop="author",
// then short elements whose class or id says byline/author.
func domByline(doc *html.Node) string {
	var best string
	rank := 4
	findAll(doc, func(n *html.Node) bool {
		if skipped(n) {
			return false
		}
		r := 4
		switch {
		case attr(n, "rel") == "author":
			r = 1
		case strings.Contains(attr(n, "itemprop"), "author"):
			r = 2
		case bylineAttr(n):
			r = 3
		}
		if r < rank {
			// A comment form's "Name *" field is named author too.
			if t := nodeText(n); t != "" && len(t) < 100 && cleanByline(t) != "" && !inForm(n) {
				best, rank = t, r
			}
		}
		return rank > 1
	})
	return best
}

// inForm reports whether n is part of a form (a comment box's fields).
func inForm(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.DataAtom == atom.Form || n.DataAtom == atom.Label || n.DataAtom == atom.Input {
			return true
		}
	}
	return false
}

// timeElements reads <time datetime> elements: the first is taken as the
// publication time, and one marked "updated"/"modified" as the modification.
func timeElements(doc *html.Node) (pub, mod time.Time) {
	findAll(doc, func(n *html.Node) bool {
		if n.DataAtom != atom.Time {
			return !skipped(n)
		}
		t := parseTime(attr(n, "datetime"))
		if t.IsZero() {
			return false
		}
		hint := strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop") + " " + attr(n.Parent, "class"))
		switch {
		case strings.Contains(hint, "modif") || strings.Contains(hint, "updat"):
			if mod.IsZero() {
				mod = t
			}
		case pub.IsZero():
			pub = t
		}
		return false
	})
	return pub, mod
}

var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "20060102",
}

// parseTime parses the machine-readable date formats found in JSON-LD and
// <meta>; anything else is the zero time, never a guess.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil && t.Year() > 1990 {
			return t
		}
	}
	return time.Time{}
}
