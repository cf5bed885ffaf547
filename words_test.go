package redline

import (
	"strings"
	"testing"
)

// Words counts what strings.Fields would split, on every kind of space and
// on bytes that are not UTF-8.
func TestArticle_Words(t *testing.T) {
	paras := []string{
		"", "   ", "one", " two  words ", "tab\tand\nnewline\r\vand\fform",
		"no\u00a0break\u0085next\u2003em\u3000ideographic", "caf\u00e9 na\u00efve",
		"bad \xff\xfe bytes", "\xff", "ZW\u200bSP is no space",
	}
	want := 0
	for _, p := range paras {
		want += len(strings.Fields(p))
	}
	if got := (Article{Paragraphs: paras}).Words(); got != want {
		t.Errorf("Words = %d, want %d", got, want)
	}
	for _, p := range paras {
		if got, want := CountWords(p, -1), len(strings.Fields(p)); got != want {
			t.Errorf("CountWords(%q, -1) = %d, want %d", p, got, want)
		}
	}
}
