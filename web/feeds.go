package web

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-news/redline"
)

// FeedEntries is how many changes a feed holds: the newest, of all time.
const FeedEntries = 50

// feedFormat goes into every ETag, so a release that renders entries
// differently is not answered with 304 from a reader's old copy.
const feedFormat = "atom/1"

// FeedOptions configures the change feeds.
type FeedOptions struct {
	// BaseURL is where the web UI is reached from outside (e.g. behind a
	// TLS proxy, "https://redline.newsroom.org"); links in the feeds
	// start with it. Empty means the scheme and Host of each request.
	BaseURL string
	Logger  *slog.Logger
}

// Feeds serves the Atom change feeds: all changes, per story, per tag.
type Feeds struct {
	svc    redline.Service
	base   string
	logger *slog.Logger
	access Access
}

// NewFeeds builds the feeds handler; a BaseURL that is not an absolute
// http(s) URL without query or fragment is an error naming it.
func NewFeeds(svc redline.Service, o FeedOptions) (*Feeds, error) {
	base, err := checkFeedBase(o.BaseURL)
	if err != nil {
		return nil, err
	}
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Feeds{svc: svc, base: base, logger: logger}, nil
}

func checkFeedBase(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("web: feeds: base URL %q must be an absolute http(s) URL without user, query or fragment", s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// Restrict sets who may read the feeds, the API's rules; call it before
// Register.
func (f *Feeds) Restrict(acc Access) *Feeds {
	f.access = acc
	return f
}

// Register adds the feed routes to mux, each behind the access guard.
// The mux matches whole path segments only, so the ".atom" files are
// matched as a segment and their suffix checked here.
func (f *Feeds) Register(mux *http.ServeMux) {
	mux.Handle("GET /feeds/changes.atom", f.access.guard(http.HandlerFunc(f.allChanges)))
	mux.Handle("GET /feeds/stories/{file}", f.access.guard(http.HandlerFunc(f.storyChanges)))
	mux.Handle("GET /feeds/tags/{file}", f.access.guard(http.HandlerFunc(f.tagChanges)))
}

// feedSpec is one feed: which changes, and how it names itself.
type feedSpec struct {
	filter ChangeFilter
	// key identifies the feed in its ID and its ETag.
	key       string
	title     string
	alternate string // path of the page that shows the same changes
	// story is set on a story's feed, for its title and its updated time
	// while it has no changes.
	story *redline.Story
}

func (f *Feeds) allChanges(w http.ResponseWriter, r *http.Request) {
	f.serve(w, r, feedSpec{key: "changes", title: "redline: all changes", alternate: "/"})
}

func (f *Feeds) storyChanges(w http.ResponseWriter, r *http.Request) {
	name, ok := atomFile(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseUint(name, 10, 64)
	if err != nil || id == 0 {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("story feed %.80q is not a story ID followed by .atom", r.PathValue("file")), nil)
		return
	}
	st, err := f.svc.Story(r.Context(), name)
	if err != nil {
		f.fail(w, err)
		return
	}
	title := st.Headline
	if title == "" {
		title = st.URL
	}
	f.serve(w, r, feedSpec{
		filter: ChangeFilter{Story: st.ID}, key: "story:" + st.URL, story: &st,
		title: "redline: " + title, alternate: fmt.Sprintf("/stories/%d", st.ID),
	})
}

func (f *Feeds) tagChanges(w http.ResponseWriter, r *http.Request) {
	name, ok := atomFile(w, r)
	if !ok {
		return
	}
	tag := strings.ToLower(strings.TrimSpace(name))
	// The tracker's own limit: a longer tag can be on no story.
	if tag == "" || utf8.RuneCountInString(tag) > 64 || strings.ContainsAny(tag, ",/") {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("tag feed %.80q is not a tag (at most 64 characters, no comma) followed by .atom", r.PathValue("file")), nil)
		return
	}
	// A tag no story carries yet is an empty feed, not a 404: a reader may
	// subscribe before the desk starts tagging.
	f.serve(w, r, feedSpec{
		filter: ChangeFilter{Tag: tag}, key: "tag:" + tag,
		title: "redline: changes tagged " + tag, alternate: "/stories?tag=" + url.QueryEscape(tag),
	})
}

// atomFile is the name in a {file} segment without its ".atom".
func atomFile(w http.ResponseWriter, r *http.Request) (string, bool) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no feed %s: feeds end in .atom", r.URL.Path), nil)
		return "", false
	}
	return name, true
}

// serve answers a feed, or 304 when the reader's copy is current. The
// ETag is computed from the changes before any of them is diffed, so a
// reader polling every minute costs one story listing.
func (f *Feeds) serve(w http.ResponseWriter, r *http.Request, spec feedSpec) {
	spec.filter.Limit = FeedEntries
	items, err := recentChangeRefs(r.Context(), f.svc, time.Time{}, spec.filter)
	if err != nil {
		f.fail(w, err)
		return
	}
	base := f.requestBase(r)
	var updated time.Time
	if len(items) > 0 {
		updated = items[0].At
	} else if spec.story != nil {
		updated = spec.story.AddedAt
	}
	etag := feedETag(spec, base, items)
	h := w.Header()
	h.Set("ETag", etag)
	if !updated.IsZero() {
		h.Set("Last-Modified", updated.UTC().Format(http.TimeFormat))
	}
	// Feeds may be behind a token: no shared cache may keep them, and a
	// reader must ask again (cheaply, with the validators) each time.
	h.Set("Cache-Control", "private, no-cache")
	if notModified(r, etag, updated) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, err := f.render(r.Context(), spec, base, updated, items)
	if err != nil {
		f.fail(w, err)
		return
	}
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	// A browser that opens the feed shows XML; it must never run anything.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func (f *Feeds) render(ctx context.Context, spec feedSpec, base string, updated time.Time, items []ChangeItem) ([]byte, error) {
	feed := atomFeed{
		ID:        nameUUID("redline:feed:" + f.base + ":" + spec.key),
		Title:     atomText{Type: "text", Body: spec.title},
		Updated:   atomTime(cmp.Or(updated, time.Unix(0, 0))), // Atom needs one even when nothing changed yet
		Author:    atomPerson{Name: "redline"},
		Generator: atomGen{URI: "https://github.com/redline-news/redline", Body: "redline"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + feedPath(spec)},
			{Rel: "alternate", Type: "text/html", Href: base + spec.alternate},
		},
	}
	for i := range items {
		if err := compareItem(ctx, f.svc, &items[i]); err != nil {
			return nil, err
		}
		e, err := atomEntryOf(items[i], base)
		if err != nil {
			return nil, err
		}
		feed.Entries = append(feed.Entries, e)
	}
	var buf bytes.Buffer
	if err := writeAtom(&buf, feed); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// feedPath is the feed's own path, rebuilt from the spec so the self link
// is the canonical spelling (a lower-cased tag) whatever was requested.
func feedPath(spec feedSpec) string {
	switch {
	case spec.story != nil:
		return fmt.Sprintf("/feeds/stories/%d.atom", spec.story.ID)
	case spec.filter.Tag != "":
		return "/feeds/tags/" + url.PathEscape(spec.filter.Tag) + ".atom"
	}
	return "/feeds/changes.atom"
}

// requestBase is the configured base URL, or the scheme and Host the
// request came with; the guard has already checked that Host is a name
// this redline answers to.
func (f *Feeds) requestBase(r *http.Request) string {
	if f.base != "" {
		return f.base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// feedETag hashes everything a feed shows except the diffs, which follow
// from the versions and never change once stored: the feed, its base,
// the title's story, and each entry's identity, headlines and tags.
func feedETag(spec feedSpec, base string, items []ChangeItem) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", feedFormat, spec.key, base, spec.title)
	for _, c := range items {
		fmt.Fprintf(h, "%d\x00%s\x00%q\x00%d\x00%d\x00%d\x00%s\x00%s\x00%s\x00%d\x00",
			c.Story.ID, c.Story.URL, c.Story.Tags, c.From, c.To, c.At.UnixNano(), c.Hash, c.Headline, c.OldHeadline, c.RevertOf)
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// notModified applies RFC 9110's conditional GET: If-None-Match when
// sent, else If-Modified-Since at one-second resolution.
func notModified(r *http.Request, etag string, updated time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == etag {
				return true
			}
		}
		return false
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || updated.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	return err == nil && !updated.Truncate(time.Second).After(t)
}

// fail maps a service error the way the API does.
func (f *Feeds) fail(w http.ResponseWriter, err error) {
	(&API{logger: f.logger}).respond(w, nil, err)
}
