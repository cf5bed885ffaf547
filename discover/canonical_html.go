package discover

import (
	"bytes"
	"net"
	"net/url"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"

	"github.com/redline-news/redline/storyurl"
)

// CanonicalFromHTML returns the canonical story URL a page declares: its
// rel=canonical link, else its og:url, resolved against pageURL (or the
// page's <base href>) and passed through [storyurl.Canonicalize]. It returns "" when
// the page declares none or only a bogus one: the site root, a bare section
// front ("/news/") for a page deeper than that, an unfilled template
// ("{{url}}"), or a loopback or example.com host the page is not on. Those
// are common CMS bugs, and trusting them would merge every story of a site
// into one. A canonical on another host with a real path is kept: it is how
// syndicated and AMP copies point at the original.
func CanonicalFromHTML(html []byte, pageURL string) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return ""
	}
	page := baseURL(pageURL)
	base := page
	if page != nil {
		base = documentBase(doc, page)
	}
	var candidates []string
	doc.Find("link[rel][href]").Each(func(_ int, s *goquery.Selection) {
		if rel, _ := s.Attr("rel"); hasToken(rel, "canonical") {
			href, _ := s.Attr("href")
			candidates = append(candidates, href)
		}
	})
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		prop, ok := s.Attr("property")
		if !ok {
			prop, _ = s.Attr("name")
		}
		if strings.EqualFold(strings.TrimSpace(prop), "og:url") {
			content, _ := s.Attr("content")
			candidates = append(candidates, content)
		}
	})
	for _, c := range candidates {
		if canon := validCanonical(c, base, page); canon != "" {
			return canon
		}
	}
	return ""
}

// validCanonical resolves and canonicalizes one declared canonical URL,
// returning "" when it is absent or bogus.
func validCanonical(href string, base, page *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.ContainsAny(href, "<>") ||
		strings.Contains(href, "{{") || strings.Contains(href, "${") || strings.Contains(href, "%%") {
		return ""
	}
	canon, err := storyurl.Canonicalize(resolve(base, href))
	if err != nil {
		return ""
	}
	cu, err := url.Parse(canon)
	if err != nil {
		return ""
	}
	segs := pathSegments(cu.Path)
	if len(segs) == 0 && cu.RawQuery == "" {
		return ""
	}
	if page == nil {
		return canon
	}
	if len(segs) == 1 && isSectionName(segs[0]) && len(pathSegments(page.Path)) > 1 {
		return ""
	}
	if !strings.EqualFold(cu.Hostname(), page.Hostname()) && isPlaceholderHost(cu.Hostname()) {
		return ""
	}
	return canon
}

func pathSegments(p string) []string {
	var segs []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	return segs
}

// isSectionName reports whether a single path segment reads like a section
// front ("news", "es", "world_news") rather than an article slug, which has
// hyphens, digits or an extension.
func isSectionName(seg string) bool {
	if len(seg) > 20 {
		return false
	}
	for _, r := range seg {
		if !unicode.IsLetter(r) && r != '_' {
			return false
		}
	}
	return true
}

// isPlaceholderHost reports hosts that only appear in a canonical by
// mistake: a developer's machine, a private address, or a template's
// example domain.
func isPlaceholderHost(host string) bool {
	host = strings.ToLower(host)
	switch host {
	case "localhost", "example.com", "example.org", "example.net", "www.example.com":
		return true
	}
	if strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast()
	}
	return false
}
