package extract

import (
	"strings"
	"testing"
)

// On these dragnet pages go-trafilatura's reading leaves most of the
// story's paragraphs out of the container it points at: R574 writes them
// loose between <br><br>s beside captioned pictures (recall was 0.09),
// 85 keeps its speaker's biography in a column of its own (recall 0.25).
// go-readability's wider reading of the same story is taken; on a page
// where go-readability reads another block (R258, a blogger's disclosure
// box beside a short post) it is not.
func TestExtractor_Extract_secondOpinion(t *testing.T) {
	e := mustNew(t, Options{})
	for _, tt := range []struct {
		id      string
		minRecl float64
	}{{"R574", 0.9}, {"85", 0.9}, {"R258", 0.6}} {
		src, gold := dragnetPage(t, tt.id)
		a, err := e.Extract(src, "http://fakehost/"+tt.id+".html")
		if err != nil {
			t.Fatalf("%s: %v", tt.id, err)
		}
		if p, r := overlap(strings.Join(a.Paragraphs, "\n"), gold); r < tt.minRecl || p < 0.75 {
			t.Errorf("%s: recall %.2f, precision %.2f; want recall >= %.2f, precision >= 0.75", tt.id, r, p, tt.minRecl)
		}
	}
}
