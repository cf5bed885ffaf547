package discover

import (
	"bytes"
	"mime"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/redline-news/redline/storyurl"
)

// FeedLinks returns the feeds an HTML page advertises with
// <link rel="alternate" type="application/rss+xml"> (or Atom, or JSON
// Feed), resolved against pageURL and canonicalized, in page order without
// duplicates. It lets a user add a section page and track its feed instead,
// which is cheaper to poll and carries publication times.
func FeedLinks(html []byte, pageURL string) []string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return nil
	}
	base := baseURL(pageURL)
	if base != nil {
		base = documentBase(doc, base)
	}
	var out []string
	doc.Find("link[rel][href][type]").Each(func(_ int, s *goquery.Selection) {
		rel, _ := s.Attr("rel")
		if !hasToken(rel, "alternate") {
			return
		}
		typ, _ := s.Attr("type")
		mt, _, err := mime.ParseMediaType(typ)
		if err != nil {
			return
		}
		switch mt {
		case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
		default:
			return
		}
		href, _ := s.Attr("href")
		canon, err := storyurl.Canonicalize(resolve(base, href))
		if err != nil {
			return
		}
		for _, seen := range out {
			if seen == canon {
				return
			}
		}
		out = append(out, canon)
	})
	return out
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}
