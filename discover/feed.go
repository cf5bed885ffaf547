package discover

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// descriptionLimit bounds Item.Description when it is taken from the full
// content of an entry, which may be the whole article.
const descriptionLimit = 500

// parseSyndication reads RSS, Atom and JSON Feed documents through gofeed.
func parseSyndication(body []byte, base *url.URL, feedURL string) ([]Item, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("discover: parse feed %s: %w: %w", feedURL, ErrMalformed, err)
	}
	items := make([]Item, 0, len(feed.Items))
	for _, fi := range feed.Items {
		if fi == nil {
			continue
		}
		it := Item{
			URL:         resolve(base, entryLink(fi)),
			Title:       plainText(fi.Title),
			Description: plainText(fi.Description),
			Published:   timeOf(fi.PublishedParsed),
			Updated:     timeOf(fi.UpdatedParsed),
		}
		if it.Description == "" && fi.Content != "" {
			it.Description = truncate(plainText(fi.Content), descriptionLimit)
		}
		for _, c := range fi.Categories {
			if c = plainText(c); c != "" && !containsFold(it.Tags, c) {
				it.Tags = append(it.Tags, c)
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// entryLink picks the story URL of a feed entry: its link; failing that a
// guid or id that is itself a URL (RSS feeds where the guid is the
// permalink and <link> is missing); failing that any other link (a JSON
// Feed external_url).
func entryLink(fi *gofeed.Item) string {
	if l := strings.TrimSpace(fi.Link); l != "" {
		return l
	}
	g := strings.TrimSpace(fi.GUID)
	if lower := strings.ToLower(g); strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return g
	}
	for _, l := range fi.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// truncate cuts s to at most n runes, at a word boundary when one is near.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
