package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/redline-news/redline"
)

// TargetError is a fetch refused because its host is not on the public
// internet. It matches redline.ErrForbiddenTarget.
type TargetError struct {
	// URL is the URL refused; empty when the refusal came at connect time,
	// where only the address is known.
	URL string
	// Host is the host as written in the URL, or the address dialed.
	Host string
	// Addr is the address refused; the zero Addr when Host is a name that
	// is private by definition (localhost, *.internal).
	Addr netip.Addr
	// Reason is the kind of range or name: loopback, private, link-local,
	// cloud metadata, ...
	Reason string
}

// Error names the URL (or the address connected to) and the address.
func (e *TargetError) Error() string {
	what := "fetch " + e.URL
	if e.URL == "" {
		what = "connect to " + e.Host
	}
	switch {
	case !e.Addr.IsValid():
		return fmt.Sprintf("crawler: %s: host %q is not public (%s): %s", what, e.Host, e.Reason, redline.ErrForbiddenTarget)
	case e.URL != "" && e.Host != e.Addr.String():
		return fmt.Sprintf("crawler: %s: host %s is address %s, which is not public (%s): %s", what, e.Host, e.Addr, e.Reason, redline.ErrForbiddenTarget)
	}
	return fmt.Sprintf("crawler: %s: address %s is not public (%s): %s", what, e.Addr, e.Reason, redline.ErrForbiddenTarget)
}

// Unwrap makes the error match redline.ErrForbiddenTarget.
func (e *TargetError) Unwrap() error { return redline.ErrForbiddenTarget }

// CheckTarget tells, without any DNS lookup, whether rawURL may be fetched:
// it returns an error wrapping redline.ErrBadURL for a URL or host that
// cannot be read, and a *TargetError when the host is a non-public address
// in any spelling, or a name that is private by definition, unless
// allowPrivate. A name that passes can still be refused at connect time,
// when DNS answers with a private address.
func CheckTarget(rawURL string, allowPrivate bool) error {
	u, err := parseURL(rawURL)
	if err != nil {
		return err
	}
	g := guard{allowPrivate: allowPrivate}
	_, err = g.checkURL(u)
	return err
}

// CheckTarget is the package CheckTarget under c's Options.AllowPrivate.
func (c *Crawler) CheckTarget(rawURL string) error {
	u, err := parseURL(rawURL)
	if err != nil {
		return err
	}
	_, err = c.transport.guard.checkURL(u)
	return err
}

// guard refuses connections to non-public addresses. It checks a host
// lexically before anything is resolved (every request, every redirect
// hop, robots.txt included), and checks again in the dialer's Control
// hook, on the address the socket is about to connect to, so a DNS answer
// (or a rebinding one) cannot slip a private address past the first check.
type guard struct {
	allowPrivate bool
	dialer       net.Dialer
	// exempt, set only by tests, treats one listener as public, so that an
	// allowed origin can be served on loopback.
	exempt func(netip.AddrPort) bool
	// lookup, set only by tests, resolves names instead of DNS.
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
	// proxyFor picks the proxy for a request (http.ProxyFromEnvironment).
	proxyFor func(*http.Request) (*url.URL, error)
	// proxies holds the host:port of every proxy handed out: the operator
	// configured them, so they may be private; the targets behind them
	// are still checked lexically, and the proxy must police DNS itself.
	proxies sync.Map
}

func newGuard(allowPrivate bool) *guard {
	g := &guard{allowPrivate: allowPrivate, proxyFor: http.ProxyFromEnvironment}
	g.dialer = net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	return g
}

// checkURL checks u's host without DNS and returns what it read.
func (g *guard) checkURL(u *url.URL) (target, error) {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	t, err := g.check(u.Hostname(), port)
	var te *TargetError
	if errors.As(err, &te) {
		te.URL = u.String()
	} else if err != nil {
		return t, badHost(u.String(), err)
	}
	return t, err
}

// check reads host and refuses it when it is not public.
func (g *guard) check(host, port string) (target, error) {
	t, err := parseHost(host)
	if err != nil || g.allowPrivate {
		return t, err
	}
	if t.addr.IsValid() {
		if g.exempted(t.addr, port) {
			return t, nil
		}
		reason := deniedAddr(t.addr)
		if reason == "" && t.addr.Is4In6() {
			// net would dial the IPv4 address; only an evasion writes it so.
			reason = reasonMapped
		}
		if reason != "" {
			return t, &TargetError{Host: host, Addr: t.addr.WithZone(""), Reason: reason}
		}
		return t, nil
	}
	if reason := deniedName(t.name); reason != "" {
		return t, &TargetError{Host: host, Reason: reason}
	}
	return t, nil
}

func (g *guard) exempted(a netip.Addr, port string) bool {
	if g.exempt == nil {
		return false
	}
	n, err := strconv.ParseUint(port, 10, 16)
	return err == nil && g.exempt(netip.AddrPortFrom(a.Unmap().WithZone(""), uint16(n)))
}

// proxy is the transport's Proxy func; it remembers the proxies it picks.
func (g *guard) proxy(req *http.Request) (*url.URL, error) {
	u, err := g.proxyFor(req)
	if u != nil {
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
		}
		g.proxies.Store(net.JoinHostPort(u.Hostname(), port), true)
	}
	return u, err
}

// dialContext is the transport's DialContext. A host in a number spelling
// is dialed as the address it means, and localhost as loopback, so neither
// ever becomes a DNS query.
func (g *guard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if _, ok := g.proxies.Load(addr); ok {
		var d net.Dialer
		d.Timeout, d.KeepAlive = g.dialer.Timeout, g.dialer.KeepAlive
		return d.DialContext(ctx, network, addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("crawler: connect to %s: %w", addr, err)
	}
	t, err := g.check(host, port)
	if err != nil {
		var te *TargetError
		if !errors.As(err, &te) {
			err = fmt.Errorf("crawler: connect to %s: %w", addr, err)
		}
		return nil, err
	}
	switch {
	case t.addr.IsValid():
		return g.dialEach(ctx, network, []netip.Addr{t.addr.Unmap()}, port)
	case isLoopbackName(t.name):
		// RFC 6761 §6.3: loopback, whatever DNS or /etc/hosts say.
		return g.dialEach(ctx, network, []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.IPv6Loopback()}, port)
	case g.lookup != nil:
		addrs, err := g.lookup(ctx, t.name)
		if err != nil {
			return nil, fmt.Errorf("crawler: connect to %s: lookup %s: %w", addr, t.name, err)
		}
		return g.dialEach(ctx, network, addrs, port)
	}
	return g.dialer.DialContext(ctx, network, net.JoinHostPort(t.name, port))
}

// dialEach tries addrs in turn and returns the first connection made, or
// the first error.
func (g *guard) dialEach(ctx context.Context, network string, addrs []netip.Addr, port string) (net.Conn, error) {
	var first error
	for _, a := range addrs {
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return conn, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		first = fmt.Errorf("crawler: connect to port %s: no address", port)
	}
	return nil, first
}

// control runs on every socket just before it connects, with the address
// it connects to: the check DNS cannot get around.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	if g.allowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		// Fail closed: an address the guard cannot read is not let through.
		return &TargetError{Host: address, Reason: "unreadable address"}
	}
	if g.exempt != nil && g.exempt(netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())) {
		return nil
	}
	if reason := deniedAddr(ap.Addr()); reason != "" {
		return &TargetError{Host: address, Addr: ap.Addr().WithZone(""), Reason: reason}
	}
	return nil
}
