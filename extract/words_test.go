package extract

import (
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

// The noise rules' word limits must count what strings.Fields splits, and
// an early stop must never change which side of a limit a block is on.
func TestCountWords(t *testing.T) {
	texts := []string{
		"", " ", "one", "  two words  ", "a\tb\nc\rd\ve\ff", "no\u00a0break\u0085nel\u2003em\u3000wide",
		"caf\u00e9 au lait", "bad \xff\xfe bytes \xff", "zero\u200bwidth is one word",
		strings.Repeat("word ", 30), strings.Repeat("«mot» ", 25) + "fin",
	}
	for _, s := range texts {
		want := len(strings.Fields(s))
		if got := wordCount(s); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
		for limit := 0; limit <= want+1; limit++ {
			if got := moreWordsThan(s, limit); got != (want > limit) {
				t.Errorf("moreWordsThan(%q, %d) = %v with %d words", s, limit, got, want)
			}
		}
	}
}

// Normalize's shortcut for text that is already normal must give what the
// full path gives.
func TestNormalize_normalASCII(t *testing.T) {
	texts := []string{
		"a", "Storm closes roads", " lead", "trail ", "two  spaces", "tab\there", "new\nline",
		"bell\x07", "del\x7f", "caf\u00e9", "x", "a b c", "!", "  ", "a\u00a0b", "\r\n",
	}
	for _, s := range texts {
		if !isNormalASCII(s) {
			continue
		}
		// The slow path, forced by a leading space it drops.
		if got, want := Normalize(s), Normalize(" "+s); got != want || got != s {
			t.Errorf("Normalize(%q) = %q, full path %q", s, got, want)
		}
	}
	for _, s := range []string{" lead", "trail ", "two  spaces", "tab\there", "bell\x07", "del\x7f", "caf\u00e9", "  "} {
		if isNormalASCII(s) {
			t.Errorf("isNormalASCII(%q) = true", s)
		}
	}
}

// isKnownHeadline's shortcut for ASCII blocks must answer as the key it
// replaced: strings.ToLower(redline.Fold(Normalize(text))).
func TestExtractor_isKnownHeadline(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := e.with(Known{Headlines: []string{"Bridge CLOSED after “storm”", "Ñandú escapa del zoo", strings.Repeat("Long headline ", 12), strings.Repeat("Très long titre ", 15)}})
	own := "Storm closes roads"
	for _, text := range []string{
		"Bridge CLOSED after “storm”", "bridge closed after \"storm\"", "  Bridge   closed after 'storm'",
		"BRIDGE CLOSED AFTER \"STORM\"", "Bridge closed after storm", "ñandú ESCAPA del zoo",
		strings.Repeat("long HEADLINE ", 12), strings.Repeat("Long headline ", 13), own, "",
		// Over the words readied lowers a block for: looked up unlowered.
		strings.Repeat("TRÈS long titre ", 15), strings.Repeat("Très long titre ", 16),
		"A paragraph far longer than any headline the site has printed, which is what nearly every block is.",
	} {
		key := headlineKey(text)
		want := k.known.has([]byte(key)) && key != headlineKey(own)
		if got := k.isKnownHeadline(text, own); got != want {
			t.Errorf("isKnownHeadline(%q) = %v, want %v", text, got, want)
		}
		// As clean reads it: normalized, folded, then readied.
		if got := k.isKnownBlock(block{text: redline.Fold(Normalize(text))}.readied(nil, false), own); got != want {
			t.Errorf("isKnownBlock(%q) = %v, want %v", text, got, want)
		}
	}
	if !k.isKnownHeadline("bridge closed after \"storm\"", own) || !k.isKnownHeadline(strings.Repeat("long HEADLINE ", 12), own) {
		t.Error("a known headline in other case and quotes is not found")
	}
}
