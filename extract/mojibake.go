package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// Mojibake is UTF-8 text decoded a second time as windows-1252: "é" (C3 A9)
// reads "Ã©", "“" (E2 80 9C) reads "â€œ". Each such character is a lead
// byte's character followed by the characters of its continuation bytes,
// so the repair is local: a run that re-encodes to one valid multi-byte
// UTF-8 character is replaced by it, and every other character stays, so
// text that mixes repaired and sound characters comes out whole.

// cp1252Byte is the byte that decodes to r in windows-1252, or in
// Latin-1, which some servers' decoders use instead.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

// repairMojibake returns s with double-encoded UTF-8 decoded once more, and
// whether anything was repaired.
func repairMojibake(s string) (string, bool) {
	if !mayBeMojibake(s) {
		return s, false
	}
	rs := []rune(s)
	var b strings.Builder
	repaired := false
	for i := 0; i < len(rs); i++ {
		if r, n := decodeRun(rs[i:]); n > 0 {
			b.WriteRune(r)
			i += n - 1
			repaired = true
			continue
		}
		b.WriteRune(rs[i])
	}
	if !repaired {
		return s, false
	}
	return b.String(), true
}

// decodeRun decodes the characters at the start of rs as the windows-1252
// reading of one UTF-8 character, and returns it and how many characters
// it took, or 0.
func decodeRun(rs []rune) (rune, int) {
	lead, ok := cp1252Byte(rs[0])
	if !ok || lead < 0xC2 || lead > 0xF4 {
		return 0, 0
	}
	n := 2
	switch {
	case lead >= 0xF0:
		n = 4
	case lead >= 0xE0:
		n = 3
	}
	if len(rs) < n {
		return 0, 0
	}
	if n == 3 && lead == 0xE2 && rs[1] == '€' && rs[2] == utf8.RuneError {
		// "”" is E2 80 9D, and 9D is a byte windows-1252 leaves undefined:
		// most decoders make it U+FFFD. No other character of E2 80 with an
		// undefined last byte is common in text.
		return '”', 3
	}
	var buf [4]byte
	buf[0] = lead
	for k := 1; k < n; k++ {
		c, ok := cp1252Byte(rs[k])
		if !ok || c < 0x80 || c > 0xBF {
			return 0, 0
		}
		if c == 0xA0 && (k > 1 || lead > 0xC3) {
			// A no-break space after a letter is typography ("Ø\u00a0" as
			// a bullet), except in "Â\u00a0" and "Ã\u00a0", which are
			// the mojibake of a no-break space and of "à".
			return 0, 0
		}
		buf[k] = c
	}
	r, size := utf8.DecodeRune(buf[:n])
	if r == utf8.RuneError || size != n {
		return 0, 0
	}
	return r, n
}

// mayBeMojibake is the cheap test: UTF-8 of a lead character (Â..ô are
// C3 82..C3 B4) followed by the UTF-8 of a continuation character (C2 xx,
// or the windows-1252 specials: C5, C6, CB, E2 xx).
func mayBeMojibake(s string) bool {
	for i := strings.IndexByte(s, 0xC3); i >= 0 && i+2 < len(s); {
		if c := s[i+1]; c >= 0x82 && c <= 0xB4 {
			if n := s[i+2]; n == 0xC2 || n == 0xC5 || n == 0xC6 || n == 0xCB || n == 0xE2 {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], 0xC3)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// mojibakeIn reports whether the text of doc outside scripts and styles
// holds double-encoded UTF-8 that repairMojibake repairs.
func mojibakeIn(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if _, ok := repairMojibake(c.Data); ok {
				return true
			}
		case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
		case mojibakeIn(c):
			return true
		}
	}
	return false
}
