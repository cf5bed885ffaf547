package extract

import (
	"bytes"
)

// formattingTags are the elements the HTML parser re-opens in every new
// block after a misnested end tag (the "active formatting elements"):
// 800 KB of "</p><p>x" behind 42 open ones parse into 4 million nodes and
// 430 MB, so the tree cannot be counted after parsing alone.
var formattingTags = map[string]int{
	"a": 1, "b": 2, "big": 3, "code": 4, "em": 5, "font": 6, "i": 7,
	"nobr": 8, "s": 9, "small": 10, "strike": 11, "strong": 12, "tt": 13, "u": 14,
}

// rawTextTags hold text up to their own end tag, whatever it looks like.
var rawTextTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true,
}

// estimateNodes estimates how many nodes page parses into, stopping once
// the estimate passes stop. It is a tokenizer reduced to what the estimate
// needs, several times cheaper than golang.org/x/net/html's, which would
// cost the re-check path a tenth of its time: start tags, comments and
// text runs count one each, every text run once more for each formatting
// element left open (which the parser may re-open around it), and raw text
// (scripts, styles) once per "<" in it, which is what it would be worth if
// the parser read it as markup. End tags make no nodes.
func estimateNodes(page []byte, stop int) int {
	n, reopen := 0, 0
	var open [15]int // by formattingTags index
	var buf [16]byte
	for i := 0; i < len(page) && n <= stop; {
		j := bytes.IndexByte(page[i:], '<')
		if j != 0 {
			n += 1 + reopen // a text run
		}
		if j < 0 {
			break
		}
		i += j + 1
		if i >= len(page) {
			break
		}
		switch c := page[i]; {
		case c == '!' || c == '?':
			n++
			end := []byte(">")
			if bytes.HasPrefix(page[i:], []byte("!--")) {
				end = []byte("-->")
			}
			k := bytes.Index(page[i:], end)
			if k < 0 {
				return n
			}
			i += k + len(end)
		case c == '/':
			name, next := tagName(buf[:0], page, i+1)
			i = skipAttrs(page, next)
			if f := formattingTags[string(name)]; open[f] > 0 {
				open[f]--
				reopen--
			}
		case isASCIILetter(c):
			name, next := tagName(buf[:0], page, i)
			i = skipAttrs(page, next)
			n++
			switch f := formattingTags[string(name)]; {
			case f > 0:
				open[f]++
				reopen++
			case string(name) == "plaintext":
				return n + 1 + bytes.Count(page[i:], []byte("<"))
			case rawTextTags[string(name)]:
				k := indexEndTag(page[i:], name)
				if k < 0 {
					k = len(page) - i
				}
				n += 1 + bytes.Count(page[i:i+k], []byte("<"))
				i += k
			}
		}
	}
	return n
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// tagName reads a tag name at page[i:], lower-cased into buf, and returns
// it with the index after it. The name runs to whitespace, "/" or ">", as
// in the HTML tokenizer. Names longer than buf come back empty: no element
// this estimate cares about has one.
func tagName(buf, page []byte, i int) ([]byte, int) {
	start := i
	for i < len(page) && !isSpace(page[i]) && page[i] != '/' && page[i] != '>' {
		i++
	}
	if i-start > cap(buf) {
		return buf[:0], i
	}
	for _, c := range page[start:i] {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, i
}

// skipAttrs skips a tag's attributes and its closing ">", following the
// tokenizer: a quote only opens a value right after "=".
func skipAttrs(page []byte, i int) int {
	for i < len(page) {
		switch c := page[i]; {
		case c == '>':
			return i + 1
		case isSpace(c) || c == '/':
			i++
		default:
			// An attribute name; a leading "=" belongs to it.
			i++
			for i < len(page) && !isSpace(page[i]) && page[i] != '/' && page[i] != '>' && page[i] != '=' {
				i++
			}
			for i < len(page) && isSpace(page[i]) {
				i++
			}
			if i >= len(page) || page[i] != '=' {
				continue
			}
			i++
			for i < len(page) && isSpace(page[i]) {
				i++
			}
			if i < len(page) && (page[i] == '"' || page[i] == '\'') {
				k := bytes.IndexByte(page[i+1:], page[i])
				if k < 0 {
					return len(page)
				}
				i += k + 2
				continue
			}
			for i < len(page) && !isSpace(page[i]) && page[i] != '>' {
				i++
			}
		}
	}
	return i
}

// indexEndTag finds "</name" followed by whitespace, "/" or ">" in s,
// case-insensitively.
func indexEndTag(s, name []byte) int {
	for off := 0; ; {
		k := bytes.Index(s[off:], []byte("</"))
		if k < 0 {
			return -1
		}
		at := off + k
		end := at + 2 + len(name)
		if end <= len(s) && bytes.EqualFold(s[at+2:end], name) && (end == len(s) || isSpace(s[end]) || s[end] == '/' || s[end] == '>') {
			return at
		}
		off = at + 2
	}
}
