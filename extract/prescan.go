package extract

import (
	"bytes"

	"golang.org/x/net/html"
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
//
// It follows the parser where the difference could hide nodes: raw text
// ends where the tokenizer ends it (a script's "<!--" escapes, which can
// hide end tags, are handed to the real tokenizer), and inside <svg> and
// <math> nothing is raw text, as in the parser's foreign content.
func estimateNodes(page []byte, stop int) int {
	n, reopen, foreign := 0, 0, 0
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
			if foreignRoot(name) && foreign > 0 {
				foreign--
			}
		case isASCIILetter(c):
			tag := i - 1
			name, next := tagName(buf[:0], page, i)
			i = skipAttrs(page, next)
			n++
			switch f := formattingTags[string(name)]; {
			case f > 0:
				open[f]++
				reopen++
			case foreignRoot(name):
				if !bytes.HasSuffix(page[tag:i], []byte("/>")) {
					foreign++
				}
			case foreign > 0:
			case string(name) == "plaintext":
				return n + 1 + bytes.Count(page[i:], []byte("<"))
			case rawTextTags[string(name)]:
				k := indexEndTag(page[i:], name)
				if k < 0 {
					k = len(page) - i
				}
				if string(name) == "script" && bytes.Contains(page[i:i+k], []byte("<!--")) {
					k = scriptLen(page[tag:], i-tag)
				}
				n += 1 + bytes.Count(page[i:i+k], []byte("<"))
				i += k
			}
		}
	}
	return n
}

func foreignRoot(name []byte) bool { return string(name) == "svg" || string(name) == "math" }

// scriptLen returns how many bytes of script text follow the start tag
// that takes the first tagLen bytes of s, as the HTML tokenizer reads
// them: its escape states decide where a script holding "<!--" ends.
func scriptLen(s []byte, tagLen int) int {
	z := html.NewTokenizer(bytes.NewReader(s))
	if z.Next() != html.StartTagToken || len(z.Raw()) != tagLen {
		return len(s) - tagLen // not the tag this estimate read: count it all
	}
	if z.Next() != html.TextToken {
		return 0
	}
	return len(z.Raw())
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
