package storyurl

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/idna"

	"github.com/redline-news/redline"
)

// Canonicalize returns the identity form of a story URL: two URLs that a
// publisher serves as the same story canonicalize to the same string, and
// two different stories never do. The rules are listed in the package
// documentation. It returns an error wrapping redline.ErrBadURL for anything
// that is not an absolute http or https URL, or that is longer than
// MaxURLLength before or after canonicalization.
func Canonicalize(raw string) (string, error) {
	if err := checkURLLength(raw); err != nil {
		return "", err
	}
	u, err := ParseAbsolute(raw)
	if err != nil {
		return "", err
	}
	if inner, ok := unwrapAMPCache(u); ok {
		return Canonicalize(inner)
	}

	host, err := canonicalHost(u)
	if err != nil {
		return "", fmt.Errorf("storyurl: canonicalize %s: %w: %w", QuoteURL(raw), redline.ErrBadURL, err)
	}

	var b strings.Builder
	b.Grow(len(raw))
	b.WriteString(strings.ToLower(u.Scheme))
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(canonicalPath(u))
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	// Escaping and punycode can make the canonical form longer than the input.
	if err := checkURLLength(b.String()); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ParseAbsolute parses raw and insists on an absolute http(s) URL with a
// host; its error wraps redline.ErrBadURL and names raw.
func ParseAbsolute(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// url.Error repeats the whole URL; the message quotes it once, cut.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("storyurl: canonicalize %s: %w: %w", QuoteURL(raw), redline.ErrBadURL, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return nil, fmt.Errorf("storyurl: canonicalize %s: not an absolute http(s) URL: %w", QuoteURL(raw), redline.ErrBadURL)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("storyurl: canonicalize %s: no host: %w", QuoteURL(raw), redline.ErrBadURL)
	}
	return u, nil
}

// canonicalHost lowercases the host, converts internationalized names to
// punycode so both spellings of one domain match, and drops default ports.
func canonicalHost(u *url.URL) (string, error) {
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" || strings.HasPrefix(host, ".") || strings.Contains(host, "..") {
		return "", fmt.Errorf("empty label in host %s", QuoteURL(u.Hostname()))
	}
	if ascii, err := idna.Punycode.ToASCII(host); err == nil {
		host = ascii
	}
	port := u.Port()
	if (port == "80" && strings.EqualFold(u.Scheme, "http")) ||
		(port == "443" && strings.EqualFold(u.Scheme, "https")) {
		port = ""
	}
	if port != "" {
		return net.JoinHostPort(host, port), nil
	}
	if strings.Contains(host, ":") {
		return "[" + host + "]", nil
	}
	return host, nil
}

// canonicalPath returns the escaped path with dot segments resolved and AMP
// suffixes removed. Escaping is normalized by re-encoding the decoded path,
// except when the original has an encoded slash: decoding that would turn
// one path segment into two and point at a different resource.
func canonicalPath(u *url.URL) string {
	p := u.EscapedPath()
	if !strings.Contains(strings.ToLower(p), "%2f") {
		p = (&url.URL{Path: u.Path}).EscapedPath()
	}
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	p = removeDotSegments(p)
	for {
		stripped := stripAMPPath(p)
		if stripped == p {
			return p
		}
		p = stripped
	}
}

// removeDotSegments resolves "." and ".." segments as RFC 3986 5.2.4 does,
// keeping empty segments ("//") because servers may route on them.
func removeDotSegments(p string) string {
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
			continue
		}
		if last {
			out = append(out, "")
		}
	}
	return "/" + strings.Join(out, "/")
}

// stripAMPPath removes a final "amp" segment ("/story/amp/" → "/story/") or
// a ".amp" suffix ("/news/world-123.amp"), the two common ways publishers
// address the AMP rendering of an article. A bare "/amp" is left alone: it
// is a section of the site, not a variant of an article.
func stripAMPPath(p string) string {
	trimmed, slash := strings.CutSuffix(p, "/")
	if base, ok := strings.CutSuffix(trimmed, "/amp"); ok && base != "" {
		if slash {
			return base + "/"
		}
		return base
	}
	if base, ok := strings.CutSuffix(p, ".amp"); ok && len(base) > 1 && !strings.HasSuffix(base, "/") {
		return base
	}
	return p
}

// unwrapAMPCache returns the publisher URL inside a Google or ampproject.org
// AMP cache URL ("https://www.google.com/amp/s/example.com/story").
func unwrapAMPCache(u *url.URL) (string, bool) {
	host := strings.ToLower(u.Hostname())
	p := u.EscapedPath()
	var rest string
	var ok bool
	switch {
	case host == "www.google.com" || host == "google.com":
		rest, ok = strings.CutPrefix(p, "/amp/")
	case strings.HasSuffix(host, ".cdn.ampproject.org"):
		if rest, ok = strings.CutPrefix(p, "/c/"); !ok {
			rest, ok = strings.CutPrefix(p, "/v/")
		}
	}
	if !ok || rest == "" {
		return "", false
	}
	scheme := "http://"
	if after, secure := strings.CutPrefix(rest, "s/"); secure {
		scheme, rest = "https://", after
	}
	if rest == "" || strings.HasPrefix(rest, "/") {
		return "", false
	}
	inner := scheme + rest
	if u.RawQuery != "" {
		inner += "?" + u.RawQuery
	}
	return inner, true
}

// canonicalQuery drops tracking and AMP parameters and sorts the rest by
// name. Pairs are kept byte for byte (not decoded and re-encoded), because
// servers disagree on what "+" and ";" mean; repeated names keep their
// relative order since some servers read them as an ordered list.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, raw string }
	var kept []pair
	for piece := range strings.SplitSeq(raw, "&") {
		if piece == "" {
			continue
		}
		rawKey, value, _ := strings.Cut(piece, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			key = rawKey
		}
		if isTrackingParam(key) || isAMPParam(key, value) {
			continue
		}
		kept = append(kept, pair{key: key, raw: piece})
	}
	slices.SortStableFunc(kept, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}

func isAMPParam(key, value string) bool {
	switch strings.ToLower(key) {
	case "amp":
		v := strings.ToLower(value)
		return v == "" || v == "1" || v == "true"
	case "outputtype":
		return strings.EqualFold(value, "amp")
	}
	return false
}

// isTrackingParam reports whether a query parameter only says how the reader
// arrived (campaign, click and share identifiers) and never which story is
// served. Names are compared case-insensitively because analytics tools
// accept both ("CMP=share_btn_link", "WT.mc_id").
func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	for _, prefix := range []string{"utm_", "pk_", "mtm_", "hsa_", "ns_", "at_"} {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	switch k {
	case "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
		"yclid", "twclid", "ttclid", "li_fat_id", "igshid", "igsh",
		"mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
		"ocid", "cmpid", "cmp", "smid", "smtyp", "ref", "ref_src", "ref_url",
		"taid", "icid", "ito", "xtor", "wt.mc_id", "wt_mc_id", "s_cid",
		"sr_share", "__twitter_impression", "fb_action_ids",
		"fb_action_types", "fb_source", "fb_ref", "vero_id", "oly_enc_id",
		"oly_anon_id", "rb_clickid", "soc_src", "soc_trk", "share_source",
		"guccounter", "guce_referrer", "guce_referrer_sig":
		return true
	}
	return false
}
