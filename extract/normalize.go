package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// quoteFolds maps typographic punctuation to its ASCII form, so that a site
// switching between curly and straight quotes is not an edit.
var quoteFolds = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201A", "'", "\u201B", "'", "\u2032", "'",
	"\u201C", `"`, "\u201D", `"`, "\u201E", `"`, "\u201F", `"`, "\u2033", `"`,
	"\u00AB", `"`, "\u00BB", `"`,
)

// Normalize is the text normalization applied to every extracted field:
// invalid UTF-8 is replaced, the text is put in Unicode NFC, soft hyphens and
// zero-width characters are removed, typographic quotes and apostrophes
// become ASCII, every run of whitespace (including non-breaking spaces)
// becomes one space, and the result is trimmed. Dashes and ellipses are kept:
// swapping "-" for "—" is rare and can be a real copy edit.
func Normalize(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !isASCII(s) {
		s = norm.NFC.String(s)
		s = quoteFolds.Replace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isInvisible(r):
			continue
		case unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\u2007':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isInvisible reports characters that render as nothing and only ever appear
// as layout hints: soft hyphens, zero-width spaces and joiners, direction
// marks, the BOM (all Unicode Cf) and stray control characters.
func isInvisible(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\v' && r != '\f' || r == 0x7f
	}
	return unicode.Is(unicode.Cf, r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
