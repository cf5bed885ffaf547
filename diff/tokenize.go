package diff

import (
	"unicode"
	"unicode/utf8"
)

// tokenize splits s into tokens whose concatenation is s: words, runs of
// whitespace, and single punctuation marks. Words keep their inner
// apostrophes and hyphens ("don't", "well-known") and numbers their inner
// separators ("1,500", "3.5", "10:30"), so an edited figure shows as one
// token rather than as its digits. Scripts written without spaces (Han,
// Hiragana, Katakana, Thai) give one token per character; otherwise a
// one-character fix would replace a whole sentence.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/3+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n
			}
		case unspaced(r):
			// one character per token
		case wordRune(r):
			j = wordEnd(s, j, r)
		}
		toks = append(toks, s[i:j])
		i = j
	}
	return toks
}

// wordEnd returns the end of the word starting before j whose last rune so
// far is prev.
func wordEnd(s string, j int, prev rune) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if wordRune(r) && !unspaced(r) {
			j, prev = j+n, r
			continue
		}
		if !joiner(r, prev) {
			break
		}
		next, m := utf8.DecodeRuneInString(s[j+n:])
		if m == 0 || !wordRune(next) || unspaced(next) {
			break
		}
		if numericJoiner(r) && !(unicode.IsDigit(prev) && unicode.IsDigit(next)) {
			break
		}
		j, prev = j+n+m, next
	}
	return j
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// joiner reports whether r may sit inside a word after prev.
func joiner(r, prev rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑':
		return true
	}
	return numericJoiner(r) && unicode.IsDigit(prev)
}

func numericJoiner(r rune) bool { return r == '.' || r == ',' || r == ':' }

func unspaced(r rune) bool {
	return r >= 0x0E00 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r))
}

// isWord reports whether a token counts as a word for Added and Removed.
func isWord(tok string) bool {
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isSpace(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return tok != "" && unicode.IsSpace(r)
}

// countWords counts the word tokens of s.
func countWords(s string) int {
	n := 0
	for _, t := range tokenize(s) {
		if isWord(t) {
			n++
		}
	}
	return n
}
