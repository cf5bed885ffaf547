package discover

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// sitemapEntry is a <url> of a urlset or a <sitemap> of a sitemap index.
// Field tags carry no namespace so that both the sitemap namespace and
// sitemaps that omit it decode; news:* children match by local name.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    *struct {
		Title           string `xml:"title"`
		PublicationDate string `xml:"publication_date"`
		Keywords        string `xml:"keywords"`
	} `xml:"news"`
}

// parseSitemap streams a sitemap or sitemap index, decoding one entry at a
// time so a 50,000-URL sitemap never exists as one tree in memory.
func parseSitemap(body []byte, base *url.URL, source string, kind Kind) ([]Item, error) {
	entryName := "url"
	if kind == KindSitemapIndex {
		entryName = "sitemap"
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	var items []Item
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("discover: parse sitemap %s: %w: %w", source, ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			// Entries are children of the root; anything deeper with the
			// same local name belongs to an extension.
			if depth == 1 && t.Name.Local == entryName {
				var e sitemapEntry
				if err := d.DecodeElement(&e, &t); err != nil {
					return nil, fmt.Errorf("discover: parse sitemap %s: %w: %w", source, ErrMalformed, err)
				}
				items = append(items, sitemapItem(e, base, kind))
				continue
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return items, nil
}

func sitemapItem(e sitemapEntry, base *url.URL, kind Kind) Item {
	it := Item{
		URL:     resolve(base, e.Loc),
		Updated: parseW3CDate(e.LastMod),
		Sitemap: kind == KindSitemapIndex,
	}
	if e.News != nil {
		it.Title = plainText(e.News.Title)
		it.Published = parseW3CDate(e.News.PublicationDate)
		for kw := range strings.SplitSeq(e.News.Keywords, ",") {
			if kw = plainText(kw); kw != "" && !containsFold(it.Tags, kw) {
				it.Tags = append(it.Tags, kw)
			}
		}
	}
	return it
}

// parseW3CDate returns the time in UTC, or zero when s is not a date. It
// accepts the W3C Datetime profiles sitemaps use, most precise first, plus
// the zone-less forms found in the wild.
func parseW3CDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	layouts := [...]string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05",
		"2006-01-02 15:04:05",
		"2006-01-02",
		"2006-01",
		"2006",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
