package web

import (
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/redline-news/redline/diff"
)

// The Atom document (RFC 4287), marshalled by encoding/xml, which escapes
// every text and attribute and replaces characters XML cannot hold, so no
// scraped string can end an element or the document early.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Generator atomGen     `xml:"generator"`
	Links     []atomLink  `xml:"link"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomGen struct {
	URI  string `xml:"uri,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// feedIDSpace is the UUID namespace of every ID redline gives a feed or
// an entry (RFC 9562's URL namespace: the names are URL-like strings).
var feedIDSpace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// nameUUID is the version-5 UUID of name, as a urn:uuid IRI: the same
// name gives the same ID on every request, from every host.
func nameUUID(name string) string {
	h := sha1.New()
	h.Write(feedIDSpace[:])
	io.WriteString(h, name)
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

// entryID names one change by the story's URL, the version number and
// the version's content hash, not by the story ID or the request's host:
// it stays the same however the feed is reached, and two databases that
// track the same page give the same ID only to the same edit.
func entryID(c ChangeItem) string {
	return nameUUID(fmt.Sprintf("redline:change:%s#%d:%s", c.Story.URL, c.To, c.Hash))
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// atomEntryOf renders one change. The content is diff.WriteHTML with
// inline styles, since feed readers drop style sheets; WriteHTML escapes
// every scraped word, and the XML encoding escapes the whole once more,
// as type="html" requires.
func atomEntryOf(c ChangeItem, base string) (atomEntry, error) {
	diffURL := base + DiffPath(c.Story.ID, c.From, c.To)
	headline := c.Headline
	if headline == "" {
		headline = c.Story.URL
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<p style="color:#57606a">Story %d, version %d → %d, fetched %s. <a href="%s">Read the redline</a>`,
		c.Story.ID, c.From, c.To, html.EscapeString(atomTime(c.At)), html.EscapeString(diffURL))
	if live := liveURL(c.Story.URL); live != "" {
		fmt.Fprintf(&b, ` · <a href="%s">the live page</a>`, html.EscapeString(live))
	}
	b.WriteString("</p>\n")
	if c.RevertOf > 0 {
		fmt.Fprintf(&b, "<p><strong>Reverts to version %d.</strong></p>\n", c.RevertOf)
	}
	if err := diff.WriteHTML(&b, c.Diff, diff.RenderOptions{Context: 1, InlineStyles: true}); err != nil {
		return atomEntry{}, fmt.Errorf("web: feed entry for story %d version %d: %w", c.Story.ID, c.To, err)
	}
	e := atomEntry{
		ID:      entryID(c),
		Title:   atomText{Type: "text", Body: headline + " — " + c.Summary},
		Updated: atomTime(c.At),
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: diffURL}},
		Summary: atomText{Type: "text", Body: c.Summary},
		Content: atomText{Type: "html", Body: b.String()},
	}
	if live := liveURL(c.Story.URL); live != "" {
		e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: live})
	}
	for _, t := range c.Story.Tags {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	return e, nil
}

// liveURL is the story's own address when it is one a reader may follow:
// tracking takes only http(s) URLs, but a feed reader renders these
// links, so anything else is left out rather than trusted.
func liveURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// writeAtom encodes the feed with its XML declaration.
func writeAtom(w io.Writer, f atomFeed) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("web: write feed: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("web: write feed: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("web: write feed: %w", err)
	}
	return nil
}
