package discover

import (
	"bytes"
	"net"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"

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
func CanonicalFromHTML(page []byte, pageURL string) string {
	decl := declaredCanonicals(page)
	pu := baseURL(pageURL)
	base := pu
	if pu != nil && decl.hasBase {
		if ref, err := url.Parse(strings.TrimSpace(decl.base)); err == nil {
			base = pu.ResolveReference(ref)
		}
	}
	for _, c := range append(decl.links, decl.ogURLs...) {
		if canon := validCanonical(c, base, pu); canon != "" {
			return canon
		}
	}
	return ""
}

// declared is what a page says about where it lives, in document order:
// rel=canonical hrefs, og:url contents and the first <base href>.
type declared struct {
	links, ogURLs []string
	base          string
	hasBase       bool
}

// declaredCanonicals reads the declarations with the tokenizer instead of
// building a tree: the tracker calls this on every re-check, and a tree of
// the head cost a second parse (about 20 KB and 300 allocations a page) for
// three kinds of void element. The tokenizer skips the same raw-text
// elements (script, style, noscript, title, …) the parser does, so it sees
// the same tags; for duplicate attributes the first wins, as in the tree.
func declaredCanonicals(page []byte) declared {
	var d declared
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return d
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		raw := z.Raw()
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		switch string(name) {
		case "link":
			if !mayMention(raw, "canonical") {
				continue
			}
			a := tagAttrs(z, "rel", "href")
			if a[0].ok && a[1].ok && hasToken(a[0].val, "canonical") {
				d.links = append(d.links, a[1].val)
			}
		case "meta":
			if !mayMention(raw, "og:url") {
				continue
			}
			a := tagAttrs(z, "content", "property", "name")
			prop := a[1]
			if !prop.ok {
				prop = a[2]
			}
			if a[0].ok && strings.EqualFold(strings.TrimSpace(prop.val), "og:url") {
				d.ogURLs = append(d.ogURLs, a[0].val)
			}
		case "base":
			if a := tagAttrs(z, "href"); a[0].ok && !d.hasBase {
				d.base, d.hasBase = a[0].val, true
			}
		}
	}
}

// mayMention reports whether a raw tag could hold word in an attribute:
// it does, in any case, or it has a character reference that might spell
// it. Most of a head's links and metas are neither, and reading their
// attributes is most of what the tokenizer allocates.
func mayMention(raw []byte, word string) bool {
	if bytes.IndexByte(raw, '&') >= 0 {
		return true
	}
	for i := 0; i+len(word) <= len(raw); i++ {
		if bytes.EqualFold(raw[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

type attr struct {
	val string
	ok  bool
}

// tagAttrs returns the first value of each named attribute of the current
// tag (at most three names).
func tagAttrs(z *html.Tokenizer, names ...string) [3]attr {
	var out [3]attr
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		for i, n := range names {
			if !out[i].ok && string(k) == n {
				out[i] = attr{val: string(v), ok: true}
			}
		}
	}
	return out
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
