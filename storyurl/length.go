package storyurl

import (
	"fmt"
	"unicode/utf8"

	"github.com/redline-news/redline"
)

// MaxURLLength is the longest story URL, in bytes, before and after
// canonicalization. The sitemap protocol allows 2,048 characters and common
// servers refuse longer request lines (Apache's LimitRequestLine is 8,190,
// nginx's default header buffer 8 KiB), so no page a site really serves has a
// longer address, while the store keeps URLs as bbolt keys, which fail above
// 32 KiB with an error that says nothing about the input.
const MaxURLLength = 8 << 10

// quoteLimit is how much of a URL an error message quotes: enough to
// recognize it, never a wall of text that buries the actual message.
const quoteLimit = 100

// QuoteURL quotes raw for an error message, cutting it to about 100
// characters and naming its length when it is longer.
func QuoteURL(raw string) string {
	if len(raw) <= quoteLimit {
		return fmt.Sprintf("%q", raw)
	}
	cut := quoteLimit
	for cut > 0 && !utf8.RuneStart(raw[cut]) {
		cut--
	}
	return fmt.Sprintf("%q… (%d bytes)", raw[:cut], len(raw))
}

// checkURLLength refuses a URL longer than MaxURLLength.
func checkURLLength(raw string) error {
	if len(raw) > MaxURLLength {
		return fmt.Errorf("storyurl: canonicalize %s: %w: longer than %d bytes", QuoteURL(raw), redline.ErrBadURL, MaxURLLength)
	}
	return nil
}
