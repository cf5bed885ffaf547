package extract

import (
	"regexp"
	"testing"
)

// Patterns compile on first use; this compiles every one, so a broken
// pattern fails here rather than on some user's page.
func TestLazyRegexp_everyPatternCompiles(t *testing.T) {
	if len(patterns) < 30 {
		t.Fatalf("only %d patterns registered; the package declares more", len(patterns))
	}
	for _, l := range patterns {
		if _, err := regexp.Compile(l.pattern); err != nil {
			t.Errorf("pattern %q: %v", l.pattern, err)
		}
	}
}
