package crawler

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/idna"

	"github.com/redline-news/redline"
)

// target is what the lexical check makes of a URL's host, without DNS:
// an address (in whatever spelling it was written) or a name.
type target struct {
	addr netip.Addr
	name string
}

// parseHost reads a URL host (brackets already removed) the way browsers
// and inet_aton do, so that every spelling of an address is seen as that
// address: 2130706433, 0x7f000001, 0177.0.0.1, 127.1, "127.0.0.1.",
// full-width digits, [::ffff:127.0.0.1]. Go's net package would send most
// of these to DNS as names; a host that ends in a number but is no valid
// address is an error rather than a name, so it never reaches a resolver.
func parseHost(host string) (target, error) {
	h := strings.ToLower(host)
	if strings.Contains(h, ":") {
		a, err := netip.ParseAddr(h)
		if err != nil {
			return target{}, fmt.Errorf("host %q is not an IPv6 address: %w", host, err)
		}
		return target{addr: a}, nil
	}
	if !isASCII(h) {
		// net/http maps the host through IDNA before it dials, and so do
		// browsers, so "１２７.０.０.１" is 127.0.0.1 by the time it connects.
		if ascii, err := idna.Lookup.ToASCII(h); err == nil {
			h = ascii
		}
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" {
		return target{}, fmt.Errorf("host %q is empty", host)
	}
	labels := strings.Split(h, ".")
	if !numeric(labels[len(labels)-1]) {
		return target{name: h}, nil
	}
	a, ok := parseIPv4(labels)
	if !ok {
		return target{}, fmt.Errorf("host %q ends in a number but is not an IPv4 address", host)
	}
	return target{addr: a}, nil
}

// numeric reports a label that makes a browser read the host as IPv4 (the
// WHATWG "ends in a number" rule): decimal digits, or 0x and hex digits.
func numeric(label string) bool {
	if label == "" {
		return false
	}
	if hex, ok := strings.CutPrefix(label, "0x"); ok {
		return strings.Trim(hex, "0123456789abcdef") == ""
	}
	return strings.Trim(label, "0123456789") == ""
}

// parseIPv4 reads one to four parts as inet_aton does: each part decimal,
// octal with a leading 0, or hex with 0x; the last part fills every byte
// the earlier ones leave.
func parseIPv4(parts []string) (netip.Addr, bool) {
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var v uint64
	for i, p := range parts {
		n, ok := parseIPv4Part(p)
		if !ok {
			return netip.Addr{}, false
		}
		last := i == len(parts)-1
		if !last {
			if n > 255 {
				return netip.Addr{}, false
			}
			v = v<<8 | n
			continue
		}
		rest := uint(8 * (4 - i)) // bits the last part fills
		if n >= 1<<rest {
			return netip.Addr{}, false
		}
		v = v<<rest | n
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

func parseIPv4Part(p string) (uint64, bool) {
	base := 10
	switch {
	case p == "":
		return 0, false
	case strings.HasPrefix(p, "0x"):
		p, base = p[2:], 16
		if p == "" {
			return 0, true // "0x" alone is zero to browsers
		}
	case len(p) > 1 && p[0] == '0':
		p, base = p[1:], 8
	}
	n, err := strconv.ParseUint(p, base, 32)
	return n, err == nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// deniedName says why a name is not public by definition, or "". These are
// names that no public DNS answers: refusing them before any lookup keeps
// internal names from leaking into DNS queries and closes the door that
// /etc/hosts and search domains open.
func deniedName(name string) string {
	switch {
	case isLoopbackName(name):
		return "loopback name"
	case !strings.Contains(name, "."):
		// "metadata", "intranet": resolved through local search domains.
		return "single-label name"
	case strings.HasSuffix(name, ".local"):
		return "mDNS name"
	case strings.HasSuffix(name, ".internal"), strings.HasSuffix(name, ".home.arpa"):
		// .internal is reserved for private use; metadata.google.internal.
		return "private-use name"
	}
	return ""
}

func isLoopbackName(name string) bool {
	return name == "localhost" || strings.HasSuffix(name, ".localhost")
}

// badHost is the error for a host that cannot be read at all.
func badHost(rawURL string, err error) error {
	return fmt.Errorf("crawler: fetch %s: %w: %w", rawURL, redline.ErrBadURL, err)
}
