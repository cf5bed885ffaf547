package redline

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Article is what extraction finds in one page: the editorial content only,
// as the publisher wrote it (NFC, whitespace collapsed). Typography churn
// is not an edit because Hash compares the folded text (see Fold).
type Article struct {
	Headline   string    `json:"headline"`
	Byline     string    `json:"byline,omitempty"`
	Dek        string    `json:"dek,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	Modified   time.Time `json:"modified,omitzero"`
	Paragraphs []string  `json:"paragraphs"`
	// Notes are correction and editor's-note lines ("Correction: an earlier
	// version of this story misstated ..."), kept apart from the body so an
	// appended correction always shows as its own change.
	Notes []string `json:"notes,omitempty"`
	// Developing is true when the page marks the story as still developing
	// ("This is a developing story", LiveBlogPosting, "BREAKING" ...).
	Developing bool `json:"developing"`
	// Site is the publication's name (og:site_name, the JSON-LD
	// publisher, or the " | Site" suffix cut from the headline). It is not
	// part of the content: a renamed site is not an edited story.
	Site string `json:"site,omitempty"`
	// Kind is KindListing for a homepage or section front, which lists
	// other stories rather than being one; "" is an article.
	Kind string `json:"kind,omitempty"`
	// Mojibake is set when the page's text was UTF-8 decoded twice
	// ("EspaÃ±ol") and extraction repaired it; the repaired text is what
	// is stored and hashed, so a repair is not an edit.
	Mojibake bool `json:"mojibake,omitempty"`
	// Extractor names the extraction path that produced the article, for
	// diagnosing a bad extraction; it is not part of the content.
	Extractor string `json:"extractor,omitempty"`
}

// KindListing marks a page that lists stories (a homepage, a section
// front) rather than being one.
const KindListing = "listing"

// Hash identifies the editorial content of the article. Two fetches with
// the same hash are the same version; the modified time, the site name,
// the kind and the extractor are left out on purpose, because sites bump
// "updated" stamps without editing and a fallback extractor is not an
// edit. Text is hashed folded (Fold), so a quote style change is not an
// edit, and a version stored folded by an older release hashes as before.
func (a Article) Hash() string {
	h := sha256.New()
	// One buffer for every field: converting each paragraph to []byte for
	// the hash.Hash interface copied the whole article on every re-check.
	var buf []byte
	write := func(field, s string) {
		buf = append(append(buf[:0], field...), 0)
		buf = append(append(buf, Fold(s)...), 0)
		h.Write(buf)
	}
	write("headline", a.Headline)
	write("byline", a.Byline)
	write("dek", a.Dek)
	for _, p := range a.Paragraphs {
		write("p", p)
	}
	for _, n := range a.Notes {
		write("note", n)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Words counts the words of the body, for summaries and the quality guard.
func (a Article) Words() int {
	n := 0
	for _, p := range a.Paragraphs {
		n += CountWords(p, -1)
	}
	return n
}

// Text is the body as plain text, one paragraph per line.
func (a Article) Text() string { return strings.Join(a.Paragraphs, "\n") }

// IsEmpty reports whether there is nothing worth storing as a version.
func (a Article) IsEmpty() bool {
	return strings.TrimSpace(a.Headline) == "" && a.Words() == 0
}
