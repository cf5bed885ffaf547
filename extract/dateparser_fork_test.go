package extract

import (
	"sync"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// The go-dateparser redline builds is patched (third_party/go-dateparser)
// to compile its patterns and build its locale tables on first use instead
// of at package initialization. These dates go through both lazy paths in
// many locales at once, the way concurrent extractions reach them first.
func TestDateparserFork_LazyTablesParseAsUpstream(t *testing.T) {
	cases := []struct{ lang, text, want string }{
		{"en", "March 12, 2024", "2024-03-12"},
		{"en", "12 Mar 2024 14:05", "2024-03-12"},
		{"es", "12 de marzo de 2024", "2024-03-12"},
		{"fr", "12 mars 2024", "2024-03-12"},
		{"de", "12. März 2024", "2024-03-12"},
		{"pt", "12 de março de 2024", "2024-03-12"},
		{"ru", "12 марта 2024", "2024-03-12"},
		{"uk", "12 березня 2024", "2024-03-12"},
		{"ar", "12 مارس 2024", "2024-03-12"},
		{"zh", "2024年3月12日", "2024-03-12"},
		{"ja", "2024年3月12日", "2024-03-12"},
		{"sr-Cyrl", "12. март 2024.", "2024-03-12"},
	}
	base := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for round := range 4 {
		for _, c := range cases {
			wg.Go(func() {
				cfg := &dps.Configuration{Languages: []string{c.lang}, CurrentTime: base, DefaultTimezone: time.UTC}
				got, err := dps.Parse(cfg, c.text)
				if err != nil {
					t.Errorf("round %d: Parse(%s, %q): %v", round, c.lang, c.text, err)
					return
				}
				if s := got.Time.Format(time.DateOnly); s != c.want {
					t.Errorf("round %d: Parse(%s, %q) = %s, want %s", round, c.lang, c.text, s, c.want)
				}
			})
		}
	}
	wg.Wait()
}
