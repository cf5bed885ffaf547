package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"time"

	"golang.org/x/net/publicsuffix"
)

// stateKey carries a fetch's *fetchState in the request context, which
// net/http keeps across redirects and colly passes through unchanged.
type stateKey struct{}

func stateFrom(ctx context.Context) *fetchState {
	st, _ := ctx.Value(stateKey{}).(*fetchState)
	return st
}

// robotsUnavailableError is a robots.txt answer that says nothing about the
// site's rules (5xx, 429).
type robotsUnavailableError struct{ status int }

func (e *robotsUnavailableError) Error() string {
	return fmt.Sprintf("robots.txt unavailable: HTTP %d", e.status)
}

// transport sits between colly's http.Client and the network. It refuses
// non-public targets, gives every fetch its own cookie session, unpacks
// gzip files within the size cap, and stops colly from reading a failing
// robots.txt as "allow all".
type transport struct {
	base  *http.Transport
	guard *guard
}

func newTransport(g *guard, hostParallelism, maxParallel int) *transport {
	base := g.httpTransport(max(100, 2*maxParallel))
	base.MaxIdleConnsPerHost = max(2, hostParallelism)
	return &transport{guard: g, base: base}
}

// httpTransport is a net/http transport whose every connection goes
// through g: the crawler's and the one for webhook posts.
func (g *guard) httpTransport(maxIdle int) *http.Transport {
	return &http.Transport{
		Proxy:                 g.proxy,
		DialContext:           g.dialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          maxIdle,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	// Every request passes here, each redirect hop and robots.txt too, so
	// a refused host is named with its URL before any connection or lookup.
	// A host that cannot be read at all is left to net/http and the dialer
	// to report: on a redirect hop it is the site's error, not a bad URL
	// from the caller.
	var refused *TargetError
	if _, err := t.guard.checkURL(req.URL); errors.As(err, &refused) {
		return nil, err
	}
	st := stateFrom(req.Context())
	if st == nil {
		// Every page request carries its fetch state, so a request without
		// one is colly fetching robots.txt (or following its redirects).
		return t.robots(req)
	}
	if st.jar != nil {
		if cookies := st.jar.Cookies(req.URL); len(cookies) > 0 {
			req = req.Clone(req.Context())
			for _, ck := range cookies {
				req.AddCookie(ck)
			}
		}
	}
	st.gate.sent(time.Now(), st.delay)
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	unwrapGzip(resp)
	if cookies := resp.Cookies(); len(cookies) > 0 {
		if st.jar == nil {
			// Created lazily: most fetches set no cookie. New never fails.
			st.jar, _ = cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
		}
		st.jar.SetCookies(req.URL, cookies)
	}
	return resp, nil
}

// robots passes a robots.txt request through, turning a 5xx or 429 answer
// into an error: colly would otherwise cache it as "no restrictions" for
// the host, the opposite of what a struggling server asks for.
func (t *transport) robots(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		resp.Body.Close()
		return nil, &robotsUnavailableError{status: resp.StatusCode}
	}
	return resp, nil
}

// checkRedirect caps redirect chains, counting the hops that Fetch made
// on earlier hosts, and stops a page's chain where it leaves the host:
// Fetch then goes on from the new host under that host's robots.txt and
// limits. robots.txt requests carry no fetch state and follow redirects
// anywhere, as RFC 9309 §2.3.1.2 asks. net/http already drops credentials
// when a redirect leaves the domain, and the fetch's jar sends each cookie
// only to its own domain.
func checkRedirect(req *http.Request, via []*http.Request) error {
	st := stateFrom(req.Context())
	made := len(via)
	if st != nil {
		made += st.earlierRequests
	}
	if made >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects at %s", maxRedirects, req.URL)
	}
	if st == nil || hostKey(req.URL) == hostKey(via[len(via)-1].URL) {
		return nil
	}
	if _, err := parseURL(req.URL.String()); err != nil {
		// Nothing can be fetched there: net/http refuses to send it and
		// says why.
		return nil
	}
	return &crossHostRedirect{to: req.URL, requests: made}
}

// crossHostRedirect ends a page's request on one host because its next hop
// is on another.
type crossHostRedirect struct {
	to *url.URL
	// requests is how many requests the chain has made so far.
	requests int
}

func (e *crossHostRedirect) Error() string {
	return "redirected to another host: " + e.to.String()
}
