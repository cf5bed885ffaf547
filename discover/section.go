package discover

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/publicsuffix"

	"github.com/redline-news/redline/storyurl"
)

// articlePath is what ParseSection uses when no link pattern is given: URLs
// whose path carries a date (/2024/05/, /2024/may/ or 2024-05-12), a slug
// of four or more words, or a long numeric ID, which is how news sites
// address articles and not sections.
var articlePath = regexp.MustCompile(`^https?://[^/]+/(?:[^?#]*/)?(?:\d{4}/(?:\d{1,2}|[a-z]{3})/|[^/?#]*\d{4}-\d{2}-\d{2}|[^/?#]*[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+){3,}|[^/?#]*\d{6,})`)

// ParseSection finds story links in a section or index page with the zero
// [Parser]. See [Parser.ParseSection].
func ParseSection(body []byte, pageURL string, links *regexp.Regexp) ([]Item, error) {
	return Parser{}.ParseSection(body, pageURL, links)
}

// ParseSection returns the anchors of a section page fetched from pageURL
// whose canonical URL matches links, deduplicated in page order, with the
// anchor text (a heading inside the anchor preferred) as Title.
//
// Links resolve against pageURL or the page's <base href>. Only links to the
// page's own site (same registrable domain, so www.example.com and
// news.example.com count) are kept, unless the pattern itself names a
// scheme and host ("://" in its source), in which case the pattern alone
// decides. A nil pattern selects article-looking URLs: a date in the path,
// a slug of four or more words or a long numeric ID, outside tag, topic and
// author pages. The page itself is never returned.
func (p Parser) ParseSection(body []byte, pageURL string, links *regexp.Regexp) ([]Item, error) {
	page, err := storyurl.ParseAbsolute(pageURL)
	if err != nil {
		return nil, fmt.Errorf("discover: parse section %s: %w", pageURL, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("discover: parse section %s: %w: %w", pageURL, ErrMalformed, err)
	}
	base := documentBase(doc, page)
	self, _ := storyurl.Canonicalize(pageURL)
	site := siteOf(page.Hostname())
	hostAware := links != nil && (strings.Contains(links.String(), "://") || strings.Contains(links.String(), `:\/\/`))

	var raw []Item
	fromHeading := map[string]bool{}
	index := map[string]int{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		canon, ok := linkTarget(base, href)
		if !ok || canon == self {
			return
		}
		if links == nil {
			if !articlePath.MatchString(canon) || isNavURL(canon) {
				return
			}
		} else if !links.MatchString(canon) {
			return
		}
		if !hostAware && siteOf(hostOf(canon)) != site {
			return
		}
		title, heading := anchorTitle(a)
		if i, seen := index[canon]; seen {
			// A card often links its image, headline and "read more" to the
			// same story; the headline is the title worth keeping.
			if raw[i].Title == "" || (heading && !fromHeading[canon]) {
				raw[i].Title, fromHeading[canon] = title, heading
			}
			return
		}
		index[canon] = len(raw)
		fromHeading[canon] = heading
		raw = append(raw, Item{URL: canon, Title: title, Published: cardTime(a)})
	})
	return p.finish(raw, pageURL), nil
}

// documentBase honours <base href>, which changes what every relative link
// in the page means.
func documentBase(doc *goquery.Document, page *url.URL) *url.URL {
	href, ok := doc.Find("base[href]").First().Attr("href")
	if !ok {
		return page
	}
	ref, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return page
	}
	return page.ResolveReference(ref)
}

// linkTarget resolves an href and canonicalizes it, rejecting in-page
// anchors and non-web schemes (javascript:, mailto:, tel:).
func linkTarget(base *url.URL, href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return "", false
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	canon, err := storyurl.Canonicalize(base.ResolveReference(ref).String())
	if err != nil {
		return "", false
	}
	return canon, true
}

// anchorTitle returns the text of a heading inside the anchor when there is
// one (cards wrap headline, teaser and byline in one link), else the anchor
// text, else its title, aria-label or image alt text.
func anchorTitle(a *goquery.Selection) (string, bool) {
	if h := a.Find("h1, h2, h3, h4, h5, h6").First(); h.Length() > 0 {
		if t := collapseSpace(h.Text()); t != "" {
			return t, true
		}
	}
	if t := collapseSpace(a.Text()); t != "" {
		return t, false
	}
	for _, attr := range []string{"title", "aria-label"} {
		if v, ok := a.Attr(attr); ok {
			if t := collapseSpace(v); t != "" {
				return t, false
			}
		}
	}
	if alt, ok := a.Find("img[alt]").First().Attr("alt"); ok {
		return collapseSpace(alt), false
	}
	return "", false
}

// cardTime reads a <time datetime> from the anchor or the article/list item
// around it, where section pages print the story's timestamp.
func cardTime(a *goquery.Selection) time.Time {
	sel := a.Find("time[datetime]").First()
	if sel.Length() == 0 {
		sel = a.Closest("article, li").Find("time[datetime]").First()
	}
	v, _ := sel.Attr("datetime")
	return parseW3CDate(v)
}

// isNavURL reports whether a URL is a listing page (tag, topic, author,
// search, pagination) rather than a story, for the default pattern only.
func isNavURL(canon string) bool {
	u, err := url.Parse(canon)
	if err != nil {
		return true
	}
	for seg := range strings.SplitSeq(strings.ToLower(u.Path), "/") {
		switch seg {
		case "tag", "tags", "topic", "topics", "author", "authors", "people",
			"category", "categories", "search", "page", "profile", "newsletters":
			return true
		}
	}
	return false
}

func hostOf(canon string) string {
	u, err := url.Parse(canon)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// siteOf names the site a host belongs to: its registrable domain, so that
// a section on www.example.com may list stories on news.example.com, while
// two blogs on one hosting domain (a.blogspot.com, b.blogspot.com) stay
// apart thanks to the public suffix list.
func siteOf(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if site, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return site
	}
	return strings.TrimPrefix(host, "www.")
}
