package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize is the text normalization applied to every extracted field:
// invalid UTF-8 is replaced, UTF-8 decoded twice ("EspaÃ±ol") is decoded
// once more (see repairMojibake), the text is put in Unicode NFC, soft hyphens and
// zero-width characters are removed, every run of whitespace becomes one
// space, and the result is trimmed. The typography is the publisher's:
// quotes, guillemets and dashes are kept, and a run of only no-break spaces
// stays one no-break space (French puts one inside « »). Comparisons use
// redline.Fold of this text, so a quote style change is never an edit.
func Normalize(s string) string {
	if s == "" {
		return ""
	}
	if isNormalASCII(s) {
		// Most text redline normalizes already is (block texts, headlines
		// again as keys); building the same string again was a copy of
		// every block, more than once, per check.
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !isASCII(s) {
		s, _ = repairMojibake(s)
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var space rune // the run of whitespace before r: 0, ' ', or its no-break space
	for _, r := range s {
		switch {
		case isInvisible(r):
			continue
		case r == '\u00A0' || r == '\u202F' || r == '\u2007':
			if space == 0 {
				space = r
			}
			continue
		case unicode.IsSpace(r):
			space = ' '
			continue
		}
		if space != 0 && b.Len() > 0 {
			b.WriteRune(space)
		}
		space = 0
		b.WriteRune(r)
	}
	return b.String()
}

// normalizeBytes is Normalize(string(b)), copying b once where it is
// ASCII: the walker gathers every block's text into one buffer, and
// turning it into a string only for Normalize to build another was a
// second copy of each block's text per check.
func normalizeBytes(b []byte) string {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return Normalize(string(b))
		}
	}
	// What Normalize does to ASCII: control characters but white space
	// dropped, every run of white space one space, none at either end.
	// Runs of other bytes are copied whole.
	var out strings.Builder
	out.Grow(len(b))
	space := false
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case unicode.IsSpace(rune(c)):
			space = true
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		}
		if space && out.Len() > 0 {
			out.WriteByte(' ')
		}
		space = false
		j := i + 1
		for j < len(b) && b[j] > ' ' && b[j] != 0x7f {
			j++
		}
		out.Write(b[i:j])
		i = j
	}
	return out.String()
}

// isNormalASCII reports whether s is ASCII that Normalize would return
// unchanged: printable, single spaces between words, none at either end.
func isNormalASCII(s string) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
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
