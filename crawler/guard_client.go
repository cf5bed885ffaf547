package crawler

import (
	"net/http"
)

// GuardedTransport is an http.RoundTripper for requests redline makes on
// behalf of its configuration rather than a story, such as webhook posts:
// it applies the same outbound guard as the crawler, to the URL of every
// request (each redirect hop included) before anything is resolved, and
// to the address each socket connects to. allowPrivate turns it off, as
// allow_private_targets does for the crawler.
func GuardedTransport(allowPrivate bool) http.RoundTripper {
	g := newGuard(allowPrivate)
	return &guardedTransport{guard: g, base: g.httpTransport(16)}
}

type guardedTransport struct {
	guard *guard
	base  *http.Transport
}

func (t *guardedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, err := t.guard.checkURL(req.URL); err != nil {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, err
	}
	return t.base.RoundTrip(req)
}
