package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
)

// Client is the redline.Service of a redline process that holds the database,
// reached over its API on loopback.
type Client struct {
	base  string
	token string
	http  *http.Client
}

var _ redline.Service = (*Client)(nil)

// NewClient talks to the API at base, e.g. "http://127.0.0.1:8080".
// Requests have no overall timeout because a crawl may take minutes; the
// caller's context bounds them.
func NewClient(base string, opts ...ClientOption) *Client {
	c := &Client{base: base, http: &http.Client{}}
	for _, o := range opts {
		o(c)
	}
	return c
}

// ClientOption configures a Client.
type ClientOption func(*Client)

// WithToken sends token as Authorization: Bearer on every request.
func WithToken(token string) ClientOption {
	return func(c *Client) { c.token = token }
}

// Errors of the access guard, as a Client returns them.
var (
	// ErrUnauthorized is returned when the API needs a token and was sent
	// none or a wrong one.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden is returned when the read token was sent to a route
	// that changes something.
	ErrForbidden = errors.New("forbidden")
)

// Health asks who is there, with a short timeout so a stale address file
// costs a user at most a moment.
func (c *Client) Health(ctx context.Context) (Health, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var h Health
	err := c.do(ctx, http.MethodGet, "/api/v1/health", nil, &h)
	return h, err
}

// Stories lists every story.
func (c *Client) Stories(ctx context.Context) ([]redline.Story, error) {
	var out []StoryView
	if err := c.do(ctx, http.MethodGet, "/api/v1/stories", nil, &out); err != nil {
		return nil, err
	}
	stories := make([]redline.Story, len(out))
	for i, v := range out {
		stories[i] = v.Story()
	}
	return stories, nil
}

// Story resolves an ID or URL.
func (c *Client) Story(ctx context.Context, ref string) (redline.Story, error) {
	var out StoryView
	err := c.do(ctx, http.MethodGet, "/api/v1/stories/lookup?ref="+url.QueryEscape(ref), nil, &out)
	return out.Story(), err
}

// Track adds a story.
func (c *Client) Track(ctx context.Context, req redline.TrackRequest) (redline.Story, error) {
	var out StoryView
	err := c.do(ctx, http.MethodPost, "/api/v1/stories", TrackRequest(req), &out)
	return out.Story(), err
}

// Untrack pauses or purges a story.
func (c *Client) Untrack(ctx context.Context, id redline.StoryID, purge bool) (redline.Story, error) {
	var out StoryView
	err := c.do(ctx, http.MethodDelete, fmt.Sprintf("/api/v1/stories/%d?purge=%t", id, purge), nil, &out)
	return out.Story(), err
}

// Log returns a story's history.
func (c *Client) Log(ctx context.Context, id redline.StoryID, withChecks bool) (redline.StoryLog, error) {
	var out StoryLog
	err := c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/stories/%d/versions?checks=%t", id, withChecks), nil, &out)
	return out.Log(), err
}

// Version returns version n, or the latest when n is 0.
func (c *Client) Version(ctx context.Context, id redline.StoryID, n int) (redline.Version, error) {
	var out VersionView
	err := c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/stories/%d/versions/%s", id, versionPath(n)), nil, &out)
	return out.Version(), err
}

// RawHTML returns the stored page of a version.
func (c *Client) RawHTML(ctx context.Context, id redline.StoryID, n int) ([]byte, error) {
	var out []byte
	err := c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/stories/%d/versions/%s/raw", id, versionPath(n)), nil, &out)
	return out, err
}

// Crawl asks the other process to run a pass.
func (c *Client) Crawl(ctx context.Context, req redline.CrawlRequest) (redline.CrawlReport, error) {
	var out redline.CrawlReport
	err := c.do(ctx, http.MethodPost, "/api/v1/crawl", CrawlRequest(req), &out)
	return out, err
}

// Discover asks the other process to read its feeds.
func (c *Client) Discover(ctx context.Context) (redline.DiscoverReport, error) {
	var out redline.DiscoverReport
	err := c.do(ctx, http.MethodPost, "/api/v1/discover", struct{}{}, &out)
	return out, err
}

// FeedStatuses lists the other process's configured feeds and what they found.
func (c *Client) FeedStatuses(ctx context.Context) ([]redline.FeedStatus, error) {
	var out []redline.FeedStatus
	err := c.do(ctx, http.MethodGet, "/api/v1/feeds", nil, &out)
	return out, err
}

// Hosts lists the other process's paused hosts.
func (c *Client) Hosts(ctx context.Context) ([]redline.HostPause, error) {
	out := []redline.HostPause{}
	err := c.do(ctx, http.MethodGet, "/api/v1/hosts", nil, &out)
	return out, err
}

func versionPath(n int) string {
	if n == 0 {
		return "latest"
	}
	return strconv.Itoa(n)
}

// do sends one request; out may be *[]byte for a raw body, or a *stream
// to copy a long body into a writer as it arrives. API errors come
// back wrapping the same sentinel errors a local call returns, so callers
// handle both alike.
// newRequest builds a request the API's guard accepts: the token, and a
// JSON content type on every POST, which the guard asks of a POST even
// without a body, so that no HTML form can reach a write route.
func (c *Client) newRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, fmt.Errorf("redline api %s %s: %w", method, path, err)
	}
	if body != nil || method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("redline api at %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	if st, ok := out.(*stream); ok && resp.StatusCode < 300 {
		if _, err := io.Copy(st.w, resp.Body); err != nil {
			return fmt.Errorf("redline api %s %s: %w", method, path, err)
		}
		st.trailer = resp.Trailer
		return nil
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("redline api %s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		return apiError(resp.StatusCode, data, out)
	}
	if raw, ok := out.(*[]byte); ok {
		*raw = data
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("redline api %s %s: decode answer: %w", method, path, err)
	}
	return nil
}

func apiError(status int, data []byte, out any) error {
	var body ErrorBody
	if err := json.Unmarshal(data, &body); err != nil || body.Error == "" {
		return fmt.Errorf("redline api: HTTP %d: %s", status, bytes.TrimSpace(data))
	}
	if body.Story != nil {
		if sv, ok := out.(*StoryView); ok {
			*sv = *body.Story
		}
	}
	sentinel, ok := map[string]error{
		"story_not_found":   redline.ErrStoryNotFound,
		"version_not_found": redline.ErrVersionNotFound,
		"page_dropped":      redline.ErrPageDropped,
		"exists":            redline.ErrStoryExists,
		"bad_url":           redline.ErrBadURL,
		"forbidden_target":  redline.ErrForbiddenTarget,
		"bad_request":       redline.ErrBadRequest,
		"busy":              redline.ErrBusy,
		"unauthorized":      ErrUnauthorized,
		"forbidden":         ErrForbidden,
	}[body.Code]
	if !ok {
		return errors.New(body.Error)
	}
	return &remoteError{msg: body.Error, sentinel: sentinel}
}

// remoteError keeps the server's message (which names the input) and
// unwraps to the sentinel for errors.Is.
type remoteError struct {
	msg      string
	sentinel error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.sentinel }

// Export streams an export from the other process into w. The outcome
// arrives in trailers after the body; a body without them was cut off.
func (c *Client) Export(ctx context.Context, req redline.ExportRequest, w io.Writer) (redline.ExportSummary, error) {
	var sum redline.ExportSummary
	q := url.Values{}
	if len(req.IDs) > 0 {
		ids := make([]string, len(req.IDs))
		for i, id := range req.IDs {
			ids[i] = strconv.FormatUint(uint64(id), 10)
		}
		q.Set("ids", strings.Join(ids, ","))
	}
	if req.Gzip {
		q.Set("gzip", "true")
	}
	if req.Filename != "" {
		q.Set("filename", req.Filename)
	}
	path := "/api/v1/export." + req.Format
	out := &stream{w: w}
	if err := c.do(ctx, http.MethodGet, path+"?"+q.Encode(), nil, out); err != nil {
		return sum, err
	}
	if msg := out.trailer.Get(trailerError); msg != "" {
		return sum, fmt.Errorf("redline api GET %s: %s", path, msg)
	}
	s := out.trailer.Get(trailerSummary)
	if s == "" {
		return sum, fmt.Errorf("redline api GET %s: %w", path, errExportIncomplete)
	}
	if err := json.Unmarshal([]byte(s), &sum); err != nil {
		return sum, fmt.Errorf("redline api GET %s: summary trailer %q: %w", path, s, err)
	}
	return sum, nil
}

// stream is an answer do copies into w as it arrives instead of reading
// it whole, keeping the trailers that follow it.
type stream struct {
	w       io.Writer
	trailer http.Header
}
