package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// HeaderField is one header as written, before folding.
type HeaderField struct {
	Name, Value string
}

// maxEncodedWord leaves room for "Subject: " before the first word.
const maxEncodedWord = maxLine - len("Subject: ") - 3

// maxLine is the line length RFC 5322 asks for (78 characters before CRLF).
const maxLine = 78

// oneLine turns scraped text into one header-safe line: every control
// character, CR and LF included, becomes a space, so a headline cannot
// end a header and start another.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// encodeText makes an unstructured header value (Subject) ASCII: it is
// returned as is when it is printable ASCII, and otherwise as RFC 2047
// Q encoded-words that never split a character, short enough (66
// characters, under RFC 2047's 75) that even the first fits on the
// "Subject: " line,
// separated by spaces so the line can fold between them. Text that merely
// looks like an encoded word ("=?") is encoded too, so a receiver cannot
// decode it into something else.
func encodeText(s string) string {
	plain := !strings.Contains(s, "=?")
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= ' ' && s[i] <= '~'
	}
	if plain {
		return s
	}
	const prefix, suffix = "=?utf-8?q?", "?="
	var words []string
	var w strings.Builder
	for _, r := range s {
		enc := qRune(r)
		if w.Len() > 0 && len(prefix)+w.Len()+len(enc)+len(suffix) > maxEncodedWord {
			words = append(words, prefix+w.String()+suffix)
			w.Reset()
		}
		w.WriteString(enc)
	}
	if w.Len() > 0 {
		words = append(words, prefix+w.String()+suffix)
	}
	return strings.Join(words, " ")
}

// qRune is one character in RFC 2047 Q encoding, keeping only the
// characters every context allows.
func qRune(r rune) string {
	switch {
	case r == ' ':
		return "_"
	case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!*+-/", r)):
		return string(r)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	var b strings.Builder
	for _, c := range buf[:n] {
		fmt.Fprintf(&b, "=%02X", c)
	}
	return b.String()
}

// writeHeader writes "Name: value" folded at spaces into lines of at most
// maxLine characters where the value allows it.
func writeHeader(b *strings.Builder, f HeaderField) {
	line := f.Name + ":"
	for _, word := range strings.Split(f.Value, " ") {
		if len(line)+1+len(word) > maxLine && strings.ContainsRune(line, ' ') {
			b.WriteString(line)
			b.WriteString("\r\n")
			line = ""
		}
		line += " " + word
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// messageID derives the Message-ID from the recipient and the change set,
// so composing the same mail again after a crash gives the same ID and a
// receiver can drop the duplicate.
func messageID(to string, changes []Change, domain string) string {
	h := sha256.New()
	fmt.Fprintf(h, "redline-report-v1\n%s\n", strings.ToLower(to))
	for _, c := range changes {
		fmt.Fprintf(h, "%d:%d-%d\n", c.Story, c.From.N, c.To.N)
	}
	return "<" + hex.EncodeToString(h.Sum(nil))[:40] + "@" + domain + ">"
}
