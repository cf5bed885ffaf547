package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"

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
}

// readMetadata reads the article metadata of doc. Sources, best first:
// JSON-LD, OpenGraph/article/Twitter/Dublin Core <meta>, then the DOM
// (<h1>, rel/itemprop author, byline classes, <title>).
func readMetadata(doc *html.Node, pageURL string) metadata {
	ld := readJSONLD(doc)
	m := metaTags(doc)
	title := ""
	// The document title, not an <svg><title> tooltip; the walker skips
	// <title>, so its text is read directly.
	if t := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Title && n.Namespace == "" }); t != nil && t.FirstChild != nil {
		title = Normalize(t.FirstChild.Data)
	}
	site := firstNonEmpty(m["og:site_name"], ld.Publisher, m["application-name"])

	var md metadata
	md.Title = title
	h := firstNonEmpty(ld.Headline, m["og:title"], m["twitter:title"], m["dc.title"], m["parsely-title"], m["sailthru.title"])
	if h == "" {
		// The only <h1> is the headline when the title agrees with it;
		// otherwise it is often a section name or a greeting.
		h = title
		if h1 := articleH1(doc); h1 != "" && (title == "" || strings.Contains(strings.ToLower(title), strings.ToLower(h1))) {
			h = h1
		}
	}
	md.Headline = cleanHeadline(Normalize(h), site, pageURL)

	by := joinAuthors(ld.Authors)
	if len(ld.Authors) > 1 {
		// The page's own byline keeps its wording ("A and B", "A with B")
		// when it names exactly the structured-data authors.
		if vis := cleanByline(domByline(doc)); sameAuthors(vis, ld.Authors) {
			by = vis
		}
	}
	if by == "" {
		by = firstNonEmpty(m["author"], nonURL(m["article:author"]), m["parsely-author"],
			m["sailthru.author"], m["dc.creator"], m["byl"])
	}
	if by == "" {
		by = domByline(doc)
	}
	md.Byline = cleanByline(by)

	md.Dek = Normalize(firstNonEmpty(ld.Description, m["og:description"], m["twitter:description"], m["description"]))
	md.Published = parseTime(firstNonEmpty(ld.Published, m["article:published_time"], m["datepublished"],
		m["pubdate"], m["publishdate"], m["parsely-pub-date"], m["sailthru.date"], m["dc.date.issued"], m["dc.date"], m["date"]))
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
	md.ArticleBody = ld.Body
	return md
}

// metaTags collects <meta> name/property/itemprop → content, lowercased
// keys, first occurrence wins.
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
				for _, key := range strings.Fields(strings.ToLower(attr(n, k))) {
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

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "}

// cleanHeadline removes a " | Site Name" style suffix (or "Site | " prefix)
// when the removed part names the site or is a short tag line after "|".
func cleanHeadline(h, site, pageURL string) string {
	siteKeys := siteNames(site, pageURL)
	for _, sep := range titleSeparators {
		i := strings.LastIndex(h, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(h[:i]), strings.TrimSpace(h[i+len(sep):])
		if len(strings.Fields(head)) < 2 {
			if j := strings.Index(h, sep); matchesSite(h[:j], siteKeys) {
				return strings.TrimSpace(h[j+len(sep):])
			}
			continue
		}
		if matchesSite(tail, siteKeys) || sep == " | " && len(strings.Fields(tail)) <= 4 {
			return cleanHeadline(head, site, pageURL)
		}
		if j := strings.Index(h, sep); matchesSite(h[:j], siteKeys) {
			return strings.TrimSpace(h[j+len(sep):])
		}
	}
	return h
}

// siteNames are lowercase spellings of the site's name: og:site_name or the
// publisher, and the host's registrable label ("nytimes" for
// www.nytimes.com).
func siteNames(site, pageURL string) []string {
	var keys []string
	if s := strings.ToLower(Normalize(site)); s != "" {
		keys = append(keys, s, strings.ReplaceAll(s, " ", ""))
	}
	if u, err := url.Parse(pageURL); err == nil && u.Hostname() != "" {
		parts := strings.Split(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), ".")
		if len(parts) >= 2 {
			keys = append(keys, parts[len(parts)-2])
		}
		keys = append(keys, strings.Join(parts, "."))
	}
	return keys
}

func matchesSite(s string, keys []string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	squashed := strings.ReplaceAll(s, " ", "")
	for _, k := range keys {
		if len(k) >= 3 && (s == k || squashed == k || strings.Contains(squashed, k) && len(squashed) <= len(k)+12 ||
			len(squashed) >= 4 && strings.HasPrefix(k, squashed)) {
			return true
		}
	}
	return false
}

var bylinePrefix = regexp.MustCompile(`(?i)^(by|von|par|por|door|di|av|af)\s+`)

// cleanByline normalizes an author string and removes a leading "By".
func cleanByline(s string) string {
	s = Normalize(s)
	s = bylinePrefix.ReplaceAllString(s, "")
	if len(s) > 200 || strings.HasPrefix(s, "http") {
		return ""
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
			if t := nodeText(n); t != "" && len(t) < 100 {
				best, rank = t, r
			}
		}
		return rank > 1
	})
	return best
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
