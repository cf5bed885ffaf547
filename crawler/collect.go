package crawler

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/redline-news/redline"
)

const (
	acceptHTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
	acceptAny  = "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9," +
		"application/atom+xml;q=0.9,application/json;q=0.8,*/*;q=0.5"
)

// fetchState collects what colly's callbacks see during one fetch. Each
// fetch has its own collector clone, so the callbacks touch only their own
// state and run on the fetching goroutine. A fetch redirected to another
// host goes on with a new state for that host (see redirected).
type fetchState struct {
	// origin is the URL the caller asked for; req is the request for the
	// current host, which is the caller's until a redirect leaves its host.
	origin  string
	req     Request
	maxBody int64
	now     func() time.Time
	// gate and delay let transport stamp the real send time on the host.
	gate  *gate
	delay time.Duration

	status   int
	header   http.Header // copy taken before colly could alter it
	finalURL string
	body     []byte
	// refused is why the body was not downloaded (too large, not HTML).
	refused error
	// jar is this fetch's cookie session, created by transport on the
	// first Set-Cookie.
	jar *cookiejar.Jar
	// earlierRequests is how many requests the redirect chain made before
	// it reached this host; they count towards maxRedirects.
	earlierRequests int
	// fetchedAt and elapsed are Page.FetchedAt and Page.Elapsed, over every
	// host the redirect chain has been to.
	fetchedAt time.Time
	elapsed   time.Duration
}

func newFetchState(req Request, opts *Options) *fetchState {
	return &fetchState{origin: req.URL, req: req, maxBody: opts.MaxBodySize, now: opts.Now, delay: opts.HostDelay}
}

// redirected returns the state for going on from the host that r leads to.
// The cookie session carries over, as in a browser; the jar sends each
// cookie only to its own domain. The conditional-GET validators do not:
// they may describe a page on the first host, and If-Modified-Since is a
// bare date that an unrelated page can predate, so sending it elsewhere
// could turn a moved or changed story into a 304. A lost 304 costs only one
// full download.
func (st *fetchState) redirected(r *crossHostRedirect, opts *Options) *fetchState {
	next := newFetchState(Request{URL: r.to.String(), AllowNonHTML: st.req.AllowNonHTML}, opts)
	next.origin, next.jar, next.earlierRequests = st.origin, st.jar, r.requests
	next.fetchedAt, next.elapsed = st.fetchedAt, st.elapsed
	return next
}

// name is how errors name the fetch: the requested URL, and after a
// redirect to another host the URL there too.
func (st *fetchState) name() string {
	if st.earlierRequests == 0 {
		return st.origin
	}
	return st.origin + " (redirected to " + st.req.URL + ")"
}

// header is the request header for st's fetch.
func (st *fetchState) requestHeader(userAgent string) http.Header {
	h := make(http.Header, 4)
	h.Set("User-Agent", userAgent)
	if st.req.AllowNonHTML {
		h.Set("Accept", acceptAny)
	} else {
		h.Set("Accept", acceptHTML)
	}
	if st.req.ETag != "" {
		h.Set("If-None-Match", st.req.ETag)
	}
	if st.req.LastModified != "" {
		h.Set("If-Modified-Since", st.req.LastModified)
	}
	return h
}

// watch registers st's callbacks on a per-fetch collector clone.
func (st *fetchState) watch(col *colly.Collector) {
	col.OnResponseHeaders(st.onHeaders)
	col.OnResponse(func(r *colly.Response) {
		st.status = r.StatusCode
		st.body = r.Body
	})
}

// onHeaders records the response head and refuses, before any body is
// downloaded, what can be refused from the headers alone.
func (st *fetchState) onHeaders(r *colly.Response) {
	st.status = r.StatusCode
	st.header = r.Headers.Clone()
	st.finalURL = r.Request.URL.String()
	ct := r.Headers.Get("Content-Type")
	if strings.Contains(strings.ToLower(ct), "charset") {
		// colly decodes any type mentioning a charset itself and keeps no
		// copy of the bytes as received. With the type gone from its view
		// it leaves the body raw, and toUTF8 decodes from st.header instead.
		r.Headers.Del("Content-Type")
	}
	if r.StatusCode < 200 || r.StatusCode > 299 {
		return
	}
	if n, err := strconv.ParseInt(r.Headers.Get("Content-Length"), 10, 64); err == nil && n > st.maxBody {
		st.refused = fmt.Errorf("crawler: fetch %s: body of %d bytes exceeds the %d byte cap: %w",
			st.name(), n, st.maxBody, redline.ErrTooLarge)
		r.Request.Abort()
		return
	}
	if mt := mediaType(ct); classify(mt) != kindGeneric && !accepted(classify(mt), st.req.AllowNonHTML) {
		st.refused = notHTML(st.name(), mt)
		r.Request.Abort()
	}
}

func notHTML(url, mediaType string) error {
	if mediaType == "" {
		mediaType = "unknown type"
	}
	return fmt.Errorf("crawler: fetch %s: content type %q: %w", url, mediaType, redline.ErrNotHTML)
}

// visitError turns an error from colly into one that names the URL and
// matches the redline sentinels.
func (st *fetchState) visitError(err error) error {
	if st.refused != nil {
		return st.refused
	}
	var unavailable *robotsUnavailableError
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return fmt.Errorf("crawler: fetch %s: %w", st.name(), redline.ErrRobotsDisallowed)
	case errors.As(err, &unavailable):
		return fmt.Errorf("crawler: fetch %s: robots.txt unavailable (HTTP %d), so the site is treated as %w",
			st.name(), unavailable.status, redline.ErrRobotsDisallowed)
	}
	return fmt.Errorf("crawler: fetch %s: %w", st.name(), err)
}

// page builds the result of a fetch that colly completed.
func (st *fetchState) page() (*Page, error) {
	p := &Page{
		URL:          st.origin,
		FinalURL:     st.finalURL,
		StatusCode:   st.status,
		Header:       st.header,
		ETag:         st.header.Get("ETag"),
		LastModified: st.header.Get("Last-Modified"),
		FetchedAt:    st.fetchedAt,
		Elapsed:      st.elapsed,
	}
	if p.FinalURL == "" {
		p.FinalURL = st.req.URL
	}
	switch {
	case st.status == http.StatusNotModified && (st.req.ETag != "" || st.req.LastModified != ""):
		p.NotModified = true
		if p.ETag == "" {
			p.ETag = st.req.ETag
		}
		if p.LastModified == "" {
			p.LastModified = st.req.LastModified
		}
		return p, nil
	case st.status < 200 || st.status > 299:
		se := &StatusError{URL: st.origin, StatusCode: st.status}
		if st.status == http.StatusTooManyRequests || st.status == http.StatusServiceUnavailable {
			se.RetryAfter = parseRetryAfter(st.header.Get("Retry-After"), st.now())
		}
		return nil, se
	case int64(len(st.body)) > st.maxBody:
		return nil, fmt.Errorf("crawler: fetch %s: body exceeds the %d byte cap: %w", st.name(), st.maxBody, redline.ErrTooLarge)
	case len(st.body) == 0:
		return nil, fmt.Errorf("crawler: fetch %s: HTTP %d: %w", st.name(), st.status, ErrEmptyBody)
	}

	ct := st.header.Get("Content-Type")
	p.ContentType = mediaType(ct)
	k := classify(p.ContentType)
	if k == kindGeneric {
		p.ContentType, k = sniff(st.body)
	}
	if !accepted(k, st.req.AllowNonHTML) {
		return nil, notHTML(st.name(), p.ContentType)
	}
	body, name, err := toUTF8(st.body, lenientContentType(ct))
	if err != nil {
		return nil, fmt.Errorf("crawler: fetch %s: decode %s: %w", st.name(), name, err)
	}
	p.Raw, p.Body, p.Charset = st.body, body, name
	return p, nil
}
