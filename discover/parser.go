package discover

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/redline-news/redline/storyurl"
)

// Parser holds the options for reading discovery documents. The zero value
// is ready to use: default keywords, the default decompression cap and no
// logging.
type Parser struct {
	// Matcher flags developing stories; the zero Matcher uses the default
	// keywords.
	Matcher Matcher
	// MaxDecompressed caps a gzip-compressed body after decompression;
	// zero means DefaultMaxDecompressed.
	MaxDecompressed int64
	// Logger receives debug records about entries that were skipped (no
	// usable link). Nil means silent.
	Logger *slog.Logger
}

// ParseFeed reads an RSS, Atom or JSON Feed document, a sitemap or a sitemap
// index with the zero [Parser]. See [Parser.ParseFeed].
func ParseFeed(body []byte, feedURL string) ([]Item, Kind, error) {
	return Parser{}.ParseFeed(body, feedURL)
}

// ParseFeed reads an RSS, Atom or JSON Feed document, a sitemap or a sitemap
// index fetched from feedURL, and returns its items deduplicated by
// canonical URL in document order, with the detected kind.
//
// Relative links are resolved against feedURL. An entry without a usable
// link (none, or not http(s)) is skipped. A sitemap index returns
// KindSitemapIndex and items with Sitemap set: the child sitemaps to fetch
// next. A gzip-compressed body is decompressed up to MaxDecompressed bytes,
// past which the error wraps redline.ErrTooLarge. A body that is no feed
// or sitemap returns an error wrapping ErrNotFeed (with KindHTML for an HTML
// page, for ParseSection); a broken one an error wrapping ErrMalformed.
func (p Parser) ParseFeed(body []byte, feedURL string) ([]Item, Kind, error) {
	if isGzip(body) {
		max := p.MaxDecompressed
		if max <= 0 {
			max = DefaultMaxDecompressed
		}
		var err error
		if body, err = gunzip(body, max, feedURL); err != nil {
			return nil, KindUnknown, err
		}
	}
	kind := Detect(body, "")
	base := baseURL(feedURL)
	var (
		raw []Item
		err error
	)
	switch kind {
	case KindRSS, KindAtom, KindJSON:
		raw, err = parseSyndication(body, base, feedURL)
	case KindSitemap, KindSitemapIndex:
		raw, err = parseSitemap(body, base, feedURL, kind)
	case KindHTML:
		return nil, kind, fmt.Errorf("discover: parse feed %s: an HTML page: %w", feedURL, ErrNotFeed)
	default:
		if len(bytes.TrimSpace(body)) == 0 {
			return nil, kind, fmt.Errorf("discover: parse feed %s: empty body: %w", feedURL, ErrNotFeed)
		}
		return nil, kind, fmt.Errorf("discover: parse feed %s: unrecognized format: %w", feedURL, ErrNotFeed)
	}
	if err != nil {
		return nil, kind, err
	}
	return p.finish(raw, feedURL), kind, nil
}

// finish canonicalizes, flags and deduplicates items whose URL field holds
// a resolved but raw link. The first occurrence keeps its place; later
// duplicates only fill in what it lacks, so a feed listing a story twice
// (once per category) yields one item carrying everything known about it.
func (p Parser) finish(raw []Item, source string) []Item {
	items := make([]Item, 0, len(raw))
	index := make(map[string]int, len(raw))
	for _, it := range raw {
		canon, err := storyurl.Canonicalize(it.URL)
		if err != nil {
			p.debug("discover: skipping entry without a usable link",
				slog.String("source", source), slog.String("link", it.URL), slog.String("title", it.Title))
			continue
		}
		it.URL = canon
		it.Source = source
		if !it.Sitemap {
			it.Developing = it.Developing || p.Matcher.Developing(it)
		}
		i, seen := index[canon]
		if !seen {
			index[canon] = len(items)
			items = append(items, it)
			continue
		}
		items[i] = merge(items[i], it)
	}
	return items
}

func merge(a, b Item) Item {
	if a.Title == "" {
		a.Title = b.Title
	}
	if a.Description == "" {
		a.Description = b.Description
	}
	if a.Published.IsZero() {
		a.Published = b.Published
	}
	if b.Updated.After(a.Updated) {
		a.Updated = b.Updated
	}
	for _, t := range b.Tags {
		if !containsFold(a.Tags, t) {
			a.Tags = append(a.Tags, t)
		}
	}
	a.Developing = a.Developing || b.Developing
	return a
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func (p Parser) debug(msg string, attrs ...slog.Attr) {
	if p.Logger != nil {
		p.Logger.LogAttrs(context.Background(), slog.LevelDebug, msg, attrs...)
	}
}

// baseURL parses the document URL for resolving relative links. A missing
// or relative document URL leaves only absolute links usable, which is
// still useful for a feed read from a file.
func baseURL(raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil
	}
	return u
}

// resolve makes link absolute against base; it returns link unchanged when
// it cannot, and lets storyurl.Canonicalize reject it.
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || base == nil {
		return link
	}
	ref, err := url.Parse(link)
	if err != nil {
		return link
	}
	return base.ResolveReference(ref).String()
}
