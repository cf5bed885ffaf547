package redline

import (
	"unicode"
	"unicode/utf8"
)

// CountWords counts the fields strings.Fields would make, without the
// slice, and stops once the count passes limit (limit < 0: never). Every
// re-check counts the words of the whole article, and the noise rules ask
// of every block whether it is short: ASCII, nearly all of it, is told
// apart from space by a table instead of decoding each rune.
func CountWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		switch {
		case space:
			in = false
		case !in:
			in = true
			n++
			if limit >= 0 && n > limit {
				return n
			}
		}
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
