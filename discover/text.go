package discover

import (
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
)

// plainText turns a feed title or description into one line of plain text.
// Feeds carry HTML in both (escaped once for XML and often once more for
// HTML, e.g. "&amp;#8217;"), so markup is removed and entities decoded until
// none remain, bounded so that text about entities is not eaten away.
func plainText(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsRune(s, '<') {
		s = stripTags(s)
	}
	for range 2 {
		if !strings.ContainsRune(s, '&') {
			break
		}
		s = html.UnescapeString(s)
	}
	return collapseSpace(s)
}

// stripTags returns the text nodes of an HTML fragment. Tags other than
// inline formatting become spaces, so words from adjacent paragraphs do not
// run together while "<b>Breaking</b>:" stays "Breaking:".
func stripTags(s string) string {
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return b.String()
		case nethtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case nethtml.StartTagToken, nethtml.EndTagToken, nethtml.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style":
				if tok.Type == nethtml.StartTagToken {
					skip++
				} else if tok.Type == nethtml.EndTagToken && skip > 0 {
					skip--
				}
			}
			if !isInline(tok.Data) {
				b.WriteByte(' ')
			}
		}
	}
}

// collapseSpace trims s and folds every run of whitespace into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func isInline(tag string) bool {
	switch tag {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
		"font", "i", "kbd", "mark", "q", "s", "samp", "small", "span",
		"strong", "sub", "sup", "time", "u", "var":
		return true
	}
	return false
}
