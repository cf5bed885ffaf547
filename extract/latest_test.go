package extract

import (
	"strings"
	"testing"
)

// A page whose only date is printed text, which go-htmldate finds. The
// article a caller will discard as unchanged (it hashes to Known.Latest)
// leaves the date out; any other article, and every article without a
// Latest, has it, on the full path and on the hint path alike.
func TestExtractor_ExtractKnown_latestSkipsDates(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>Harbor dredging to start in spring</title></head><body>
<article><h1>Harbor dredging to start in spring</h1><div class="entry-date">March 7, 2024</div><div class="story">`)
	for i := range 6 {
		b.WriteString("<p>The harbor authority said on Tuesday that dredging of the main channel would begin in the spring, " +
			"and that the work would close the east berths for about six weeks while crews removed silt. Paragraph " + string(rune('a'+i)) + ".</p>\n")
	}
	b.WriteString(`</div></article></body></html>`)
	page := []byte(b.String())
	const url = "http://127.0.0.1/harbor"
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	full, hint, err := e.ExtractWithHint(page, url, "")
	if err != nil {
		t.Fatal(err)
	}
	if full.Published.IsZero() {
		t.Fatal("go-htmldate found no date in the page; the test page needs one")
	}
	for _, h := range []string{"", hint} {
		same, _, err := e.ExtractKnownWithHint(page, url, h, Known{Latest: full.Hash()})
		if err != nil {
			t.Fatal(err)
		}
		if !same.Published.IsZero() || same.Hash() != full.Hash() {
			t.Errorf("hint %q, unchanged article: published %v, hash %s; want no date, hash %s", h, same.Published, same.Hash(), full.Hash())
		}
		other, _, err := e.ExtractKnownWithHint(page, url, h, Known{Latest: "a different version"})
		if err != nil {
			t.Fatal(err)
		}
		if !other.Published.Equal(full.Published) {
			t.Errorf("hint %q, changed article: published %v, want %v", h, other.Published, full.Published)
		}
	}
}
