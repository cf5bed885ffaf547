package discover

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// maxJSONLDDepth bounds the walk through JSON-LD, whose nesting is data
// from the page.
const maxJSONLDDepth = 32

// IsLiveBlog reports whether a page declares itself a schema.org
// LiveBlogPosting, in JSON-LD (at the top level, in an array, in @graph or
// nested under another node such as mainEntity) or in microdata.
func IsLiveBlog(html []byte) bool {
	if !bytes.Contains(bytes.ToLower(html), []byte("liveblogposting")) {
		return false
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return false
	}
	found := false
	doc.Find("[itemtype]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		v, _ := s.Attr("itemtype")
		for _, t := range strings.Fields(v) {
			found = found || isLiveBlogType(t)
		}
		return !found
	})
	if found {
		return true
	}
	doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		typ, _ := s.Attr("type")
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(typ)), "application/ld+json") {
			return true
		}
		var v any
		if err := json.Unmarshal([]byte(unwrapScript(s.Text())), &v); err != nil {
			return true
		}
		found = hasLiveBlogType(v, 0)
		return !found
	})
	return found
}

// unwrapScript removes the HTML comment and CDATA wrappers some CMSs still
// put around inline JSON.
func unwrapScript(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			s = strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
		}
	}
	return s
}

func hasLiveBlogType(v any, depth int) bool {
	if depth > maxJSONLDDepth {
		return false
	}
	switch n := v.(type) {
	case map[string]any:
		switch t := n["@type"].(type) {
		case string:
			if isLiveBlogType(t) {
				return true
			}
		case []any:
			for _, x := range t {
				if s, ok := x.(string); ok && isLiveBlogType(s) {
					return true
				}
			}
		}
		for k, child := range n {
			if k != "@type" && hasLiveBlogType(child, depth+1) {
				return true
			}
		}
	case []any:
		for _, child := range n {
			if hasLiveBlogType(child, depth+1) {
				return true
			}
		}
	}
	return false
}

// isLiveBlogType accepts the bare type and its IRI forms
// ("https://schema.org/LiveBlogPosting", "schema:LiveBlogPosting").
func isLiveBlogType(t string) bool {
	t = strings.TrimSpace(t)
	if i := strings.LastIndexAny(t, "/:"); i >= 0 {
		t = t[i+1:]
	}
	return strings.EqualFold(t, "LiveBlogPosting")
}
