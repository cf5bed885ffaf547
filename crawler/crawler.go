package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/redline-news/redline"
)

// Log attribute keys.
const (
	logURL    = "url"
	logHost   = "host"
	logStatus = "status"
)

// Crawler fetches pages politely. It is safe for concurrent use; create one
// per process so that all fetches share its per-host limits.
type Crawler struct {
	opts      Options
	log       *slog.Logger
	transport *transport
	client    *http.Client
	global    chan struct{}
	// shared is the one collector used when robots.txt is ignored.
	shared *colly.Collector

	mu      sync.Mutex
	hosts   map[string]*host
	sweepAt int
	closed  bool
	wg      sync.WaitGroup // fetches in flight, including abandoned ones
}

// New returns a Crawler with opts, zero fields taking their defaults.
func New(opts Options) (*Crawler, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	tr := newTransport(newGuard(o.AllowPrivate), o.HostParallelism, o.MaxParallel)
	c := &Crawler{
		opts:      o,
		log:       o.Logger,
		transport: tr,
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: checkRedirect,
			Timeout:       o.Timeout,
		},
		global:  make(chan struct{}, o.MaxParallel),
		hosts:   make(map[string]*host),
		sweepAt: minSweep,
	}
	if o.IgnoreRobots {
		c.shared = c.newBase()
	}
	return c, nil
}

// Fetch fetches req.URL once, waiting first for its host's and the global
// limits; a redirect to another host waits for that host's limits and is
// checked against its robots.txt, as if its URL had been asked for. A 304
// answer to a conditional request is a Page with NotModified set. Every
// error names the URL and wraps one of: redline.ErrBadURL,
// redline.ErrForbiddenTarget (a *TargetError), ErrRobotsDisallowed, ErrNotHTML, ErrTooLarge; a *StatusError for any
// other final status (404/410 match redline.ErrGone, the rest
// redline.ErrHTTPStatus); ErrEmptyBody; ErrClosed; or the network, timeout
// or context error. Fetch returns as soon as ctx ends.
func (c *Crawler) Fetch(ctx context.Context, req Request) (*Page, error) {
	u, err := parseURL(req.URL)
	if err != nil {
		return nil, err
	}
	if _, err := c.transport.guard.checkURL(u); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("crawler: fetch %s: %w", req.URL, context.Cause(ctx))
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, fmt.Errorf("crawler: fetch %s: %w", req.URL, ErrClosed)
	}
	h := c.hostRef(hostKey(u))
	c.wg.Add(1)
	c.mu.Unlock()

	type outcome struct {
		page *Page
		err  error
	}
	done := make(chan outcome, 1)
	// colly fetches robots.txt without a context, so the fetch runs apart
	// and the caller returns as soon as ctx ends. The abandoned fetch is
	// bounded by Options.Timeout and keeps its host slot until it ends, so
	// the host never sees more than HostParallelism requests; once ctx has
	// ended it follows no redirect to a further host.
	go func() {
		defer c.wg.Done()
		p, err := c.fetch(ctx, h, req)
		done <- outcome{p, err}
	}()
	select {
	case o := <-done:
		return o.page, o.err
	case <-ctx.Done():
		return nil, fmt.Errorf("crawler: fetch %s: %w", req.URL, context.Cause(ctx))
	}
}

// fetch fetches req.URL from h and gives back its host references. colly
// would follow a redirect to another host without asking that host's
// robots.txt or waiting for its slot, so checkRedirect stops there and the
// fetch goes on from the new host as if that URL had been asked for.
func (c *Crawler) fetch(ctx context.Context, h *host, req Request) (*Page, error) {
	st := newFetchState(req, &c.opts)
	for {
		hop, err := c.fetchFrom(ctx, h, st)
		c.unref(h)
		if err != nil {
			return nil, err
		}
		if hop == nil {
			break
		}
		c.log.Debug("redirected to another host", logURL, req.URL, "to", hop.to.String())
		st = st.redirected(hop, &c.opts)
		c.mu.Lock()
		h = c.hostRef(hostKey(hop.to))
		c.mu.Unlock()
	}
	p, err := st.page()
	if err != nil {
		return nil, err
	}
	c.log.Debug("fetched", logURL, req.URL, logStatus, p.StatusCode, "bytes", len(p.Raw), "elapsed", p.Elapsed)
	return p, nil
}

// fetchFrom makes st's request to h under h's robots.txt and limits. It
// returns the redirect that left h, if one did.
func (c *Crawler) fetchFrom(ctx context.Context, h *host, st *fetchState) (*crossHostRedirect, error) {
	release, err := acquire(ctx, h.gate, c.global, c.opts.HostDelay)
	if err != nil {
		return nil, fmt.Errorf("crawler: fetch %s: waiting for a slot: %w", st.name(), err)
	}
	defer release()

	start, now := time.Now(), c.opts.Now()
	if st.fetchedAt.IsZero() {
		st.fetchedAt = now
	}
	st.gate = h.gate
	col := c.collector(h, now)
	col.Context = context.WithValue(ctx, stateKey{}, st)
	st.watch(col)
	err = col.Request(http.MethodGet, st.req.URL, nil, nil, st.requestHeader(c.opts.UserAgent))
	st.elapsed += time.Since(start)
	var hop *crossHostRedirect
	if errors.As(err, &hop) {
		return hop, nil
	}
	if err != nil {
		return nil, st.visitError(err)
	}
	return nil, nil
}

// Close waits for fetches in flight, including ones whose callers gave up
// (each ends within Options.Timeout), and releases idle connections. Fetch
// fails with ErrClosed afterwards.
func (c *Crawler) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.wg.Wait()
	c.transport.base.CloseIdleConnections()
	return nil
}

// hostKey names the host a URL's politeness limits apply to; an explicit
// default port is the same host as none.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		return host
	}
	return net.JoinHostPort(host, port)
}

// parseURL accepts only absolute http(s) URLs with a host.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("crawler: fetch %q: %w: %w", raw, redline.ErrBadURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("crawler: fetch %q: %w: need an absolute http or https URL", raw, redline.ErrBadURL)
	}
	return u, nil
}
