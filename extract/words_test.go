package extract

import (
	"strings"
	"testing"
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

// The marker tests look for lower-case words in a text without lowering an
// ASCII copy of it; they must find exactly what strings.ToLower would.
func TestLowered_containsAny(t *testing.T) {
	keys := [][]string{sentenceKeys, markerKeys, {"última hora"}, {""}, {"Live"}, {"k"}}
	texts := []string{
		"", "This story is DEVELOPING and will be Updated.", "Check Back later", "no marker here",
		"ÚLTIMA HORA: el puente", "\u212Aelvin sign", "LIVE", "liv", "CHECK  BACK", "just In",
	}
	for _, s := range texts {
		for _, ks := range keys {
			if got, want := lower(s).containsAny(ks), containsAny(strings.ToLower(s), ks); got != want {
				t.Errorf("lower(%q).containsAny(%q) = %v, want %v", s, ks, got, want)
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
