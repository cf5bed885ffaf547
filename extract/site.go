package extract

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/redline-news/redline"
)

// siteSeparators join a headline and the site's name in titles and
// og:title ("Bridge stays shut | The Post", "The Post – Bridge stays shut").
var siteSeparators = []string{" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", ": "}

// splitSite cuts the site's name off a headline that carries it, and
// returns the headline and the site's name. A part is cut only when it is
// recognisably the site: it equals the declared site name (og:site_name,
// the JSON-LD publisher), or its letters spell the page's host ("Factorio"
// on factorio.com). A headline is never cut at its own " - ": what is left
// must still be at least two words.
func splitSite(headline, site, pageURL string) (head, name string) {
	isSite := siteMatcher(site, pageURL)
	head = headline
	for range 2 { // "Headline - Section - Site" loses the site only
		cut := false
		for _, sep := range siteSeparators {
			if i := strings.LastIndex(head, sep); i > 0 && sep != ": " {
				if tail := head[i+len(sep):]; isSite(tail) && len(strings.Fields(head[:i])) >= 2 {
					head, name, cut = strings.TrimSpace(head[:i]), firstNonEmpty(name, tail), true
					break
				}
			}
			if i := strings.Index(head, sep); i > 0 {
				if lead := head[:i]; isSite(lead) && len(strings.Fields(head[i+len(sep):])) >= 2 {
					head, name, cut = strings.TrimSpace(head[i+len(sep):]), firstNonEmpty(name, lead), true
					break
				}
			}
		}
		if !cut {
			break
		}
	}
	return head, firstNonEmpty(site, name)
}

// siteMatcher reports whether a part of a title is the site's name: it
// equals the declared name, or its letters spell the page's host.
func siteMatcher(site, pageURL string) func(string) bool {
	brand := hostBrands(pageURL)
	return func(part string) bool {
		k := letters(part)
		if k == "" {
			return false
		}
		if site != "" && (strings.EqualFold(redline.Fold(part), redline.Fold(site)) || k == letters(site)) {
			return true
		}
		for _, b := range brand {
			if k == b {
				return true
			}
		}
		return false
	}
}

// hostBrands are the letters of the page's host as a site's name may spell
// it: "lwnnet" and "lwn" for lwn.net, "theguardian" for www.theguardian.com.
func hostBrands(pageURL string) []string {
	u, err := url.Parse(pageURL)
	if err != nil || u.Hostname() == "" || strings.Trim(u.Hostname(), "0123456789.:[]") == "" {
		return nil // no host, or an IP literal: no brand
	}
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), ".")
	out := []string{letters(strings.Join(labels, ""))}
	if len(labels) >= 2 {
		i := len(labels) - 2
		if len(labels) >= 3 && len(labels[i]) <= 3 { // example.co.uk
			i--
		}
		if b := letters(labels[i]); len(b) >= 3 {
			out = append(out, b)
		}
	}
	return out
}

// letters is s lowercased with everything but letters and digits removed.
func letters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
