package tracker

import "bytes"

// pageHead is the page up to its </head> tag, or all of it when there is
// none (the end tag is optional). The canonical link, og:url and <base>
// that say where a story lives belong in the head, and search engines
// ignore them elsewhere; reading only the head spares every check a second
// parse of the whole page, which extraction has already parsed once.
func pageHead(page []byte) []byte {
	const end = "</head"
	for i := 0; ; {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 || i+j+len(end) > len(page) {
			return page
		}
		i += j
		if bytes.EqualFold(page[i:i+len(end)], []byte(end)) && !isTagNameByte(page, i+len(end)) {
			return page[:i]
		}
		i++
	}
}

// isTagNameByte reports whether page[i] continues a tag name, so that
// "</header>" is not taken for "</head>".
func isTagNameByte(page []byte, i int) bool {
	if i >= len(page) {
		return false
	}
	c := page[i] | 0x20
	return c >= 'a' && c <= 'z' || page[i] >= '0' && page[i] <= '9' || page[i] == '-'
}

// headTags is head without its comments and without the contents of its
// script and style elements, which never hold a canonical link, og:url
// or <base>. The tokenizer holds each such element whole in its buffer,
// so a head full of inline scripts and JSON-LD cost every check tens of
// kilobytes to find three tags. head itself is returned when there is
// nothing to leave out.
func headTags(head []byte) []byte {
	var keep [][2]int // spans of head to keep
	last := 0
	for i := 0; ; {
		j := bytes.IndexByte(head[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if bytes.HasPrefix(head[i:], []byte("<!--")) {
			keep = append(keep, [2]int{last, i})
			end := bytes.Index(head[i+4:], []byte("-->"))
			if end < 0 {
				last = len(head)
				break
			}
			i += 4 + end + 3
			last = i
			continue
		}
		name := rawTextElement(head, i+1)
		if name == "" {
			i++
			continue
		}
		gt := bytes.IndexByte(head[i:], '>')
		if gt < 0 {
			break
		}
		start := i + gt + 1 // the content begins after the start tag
		keep = append(keep, [2]int{last, start})
		end := indexEndTag(head[start:], name)
		if end < 0 {
			last = len(head)
			break
		}
		i = start + end
		last = i
	}
	if len(keep) == 0 {
		return head
	}
	keep = append(keep, [2]int{last, len(head)})
	n := 0
	for _, k := range keep {
		n += k[1] - k[0]
	}
	out := make([]byte, 0, n)
	for _, k := range keep {
		out = append(out, head[k[0]:k[1]]...)
	}
	return out
}

// rawTextElement is "script" or "style" when the tag name at head[i:] is
// one of them, else "".
func rawTextElement(head []byte, i int) string {
	for _, name := range []string{"script", "style"} {
		if i+len(name) <= len(head) && bytes.EqualFold(head[i:i+len(name)], []byte(name)) && !isTagNameByte(head, i+len(name)) {
			return name
		}
	}
	return ""
}

// indexEndTag is the index in b of the end tag "</name" (any case) that
// closes a raw text element, or -1.
func indexEndTag(b []byte, name string) int {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j
		if k := i + 2; k+len(name) <= len(b) && bytes.EqualFold(b[k:k+len(name)], []byte(name)) && !isTagNameByte(b, k+len(name)) {
			return i
		}
		i += 2
	}
}
