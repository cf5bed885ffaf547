package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
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

// transport sits between colly's http.Client and the network. It gives
// every fetch its own cookie session, unpacks gzip files within the size
// cap, and stops colly from reading a failing robots.txt as "allow all".
type transport struct {
	base *http.Transport
}

func newTransport(hostParallelism, maxParallel int) *transport {
	return &transport{base: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          max(100, 2*maxParallel),
		MaxIdleConnsPerHost:   max(2, hostParallelism),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}}
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
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

// checkRedirect caps redirect chains; net/http already drops credentials
// and cookies when a redirect leaves the domain.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects at %s", maxRedirects, req.URL)
	}
	return nil
}
