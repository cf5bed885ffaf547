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
