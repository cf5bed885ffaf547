package extract

import (
	"bytes"
	"html"
	"strings"
	"sync"

	"github.com/redline-news/redline"
)

// markup is a tag written out as text, as some CMSs put in a description.
var markup = lazyCompile(`</?[a-zA-Z][^<>]{0,200}>`)

// cleanDek removes markup printed as text from a dek, and drops a dek that
// only repeats the headline.
func cleanDek(dek, headline string) string {
	if strings.ContainsAny(dek, "<&") {
		dek = Normalize(markup.ReplaceAllString(html.UnescapeString(markup.ReplaceAllString(dek, " ")), " "))
	}
	if strings.EqualFold(redline.Fold(dek), redline.Fold(headline)) {
		return ""
	}
	return dek
}

// repeatsBody reports whether a metadata description is text of the body:
// the lede or any paragraph, its opening cut with an ellipsis, or the
// whole entry, which is longer than any dek.
func repeatsBody(dek string, paras []string) bool {
	if dek == "" || len(paras) == 0 {
		return false
	}
	if wordCount(dek) > maxDekWords {
		return true
	}
	d := strings.ToLower(redline.Fold(strings.TrimRight(dek, ".… ")))
	if len(d) < 20 {
		return strings.HasPrefix(strings.ToLower(redline.Fold(paras[0])), d)
	}
	// This runs on every check: the body is lowered paragraph by
	// paragraph into a pooled buffer instead of being joined, folded and
	// lowered, three copies of it. Fold and ToLower map rune by rune, so
	// the parts give what the whole would.
	bp := bodyBuffers.Get().(*[]byte)
	body := (*bp)[:0]
	for i, p := range paras {
		if i > 0 {
			body = append(body, ' ')
		}
		body = appendLower(body, redline.Fold(p))
	}
	found := bytes.Contains(body, []byte(d))
	*bp = body
	bodyBuffers.Put(bp)
	return found
}

// bodyBuffers hold a lowered body while repeatsBody reads it.
var bodyBuffers = sync.Pool{New: func() any { return new([]byte) }}
