package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// A lowered text must find a key exactly where strings.Contains on
// strings.ToLower would, whatever the case of its letters and whatever
// the script, and reusing the buffer of the text before must not leave
// that text's bytes behind.
func TestLowered_containsAny(t *testing.T) {
	keys := [][]string{sentenceKeys, markerKeys, {"última hora"}, {""}, {"Live"}, {"k"}}
	texts := []string{
		"", "This story is DEVELOPING and will be Updated.", "Check Back later", "no marker here",
		"ÚLTIMA HORA: el puente", "\u212Aelvin sign", "LIVE", "liv", "CHECK  BACK", "just In",
	}
	var buf []byte
	for _, s := range texts {
		for _, ks := range keys {
			want := containsAnyOf(strings.ToLower(s), ks)
			if got := lower(s).containsAny(ks); got != want {
				t.Errorf("lower(%q).containsAny(%q) = %v, want %v", s, ks, got, want)
			}
			low := lowerInto(buf, s)
			buf = low.b
			if got := low.containsAny(ks); got != want {
				t.Errorf("lowerInto(buf, %q).containsAny(%q) = %v, want %v", s, ks, got, want)
			}
		}
	}
	cases := []struct{ s, key string }{
		{"", "live"}, {"LIVE", "live"}, {"Olive oil", "live"},
		{"DeVeLoPiNg story", "develop"}, {"devel", "develop"}, {"ddddevelop", "develop"},
		{"Check Back later", "check back"}, {"checkback", "check back"},
		{"UPDAT", "updat"}, {"JUST IN:", "just in"}, {"CAFÉ DEVELOPS", "develop"}, {"ÉLIVE", "live"},
	}
	for _, c := range cases {
		low := lowerInto(buf, c.s)
		buf = low.b
		want := strings.Contains(strings.ToLower(c.s), c.key)
		if got := low.containsAny([]string{"zzz", c.key}); got != want {
			t.Errorf("lowered %q contains %q = %v, want %v", c.s, c.key, got, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "lLiIvVeE É"
	for range 20000 {
		s := randomText(r, alphabet, r.IntN(24))
		key := strings.ToLower(randomText(r, "live ", 1+r.IntN(4)))
		low := lowerInto(buf, s)
		buf = low.b
		want := strings.Contains(strings.ToLower(s), key)
		if got := low.containsAny([]string{key}); got != want {
			t.Fatalf("lowered %q contains %q = %v, want %v", s, key, got, want)
		}
	}
}

func containsAnyOf(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func randomText(r *rand.Rand, alphabet string, n int) string {
	runes := []rune(alphabet)
	b := make([]rune, n)
	for i := range b {
		b[i] = runes[r.IntN(len(runes))]
	}
	return string(b)
}

// A readied block skips the developing-sentence test when it holds none of
// mayMark's words: that is sound only while each word the test cannot
// match without contains one of them.
func TestSentenceKeys_withinMarkerKeys(t *testing.T) {
	for _, k := range sentenceKeys {
		if !lower(k).containsAny(markerKeys) {
			t.Errorf("sentence key %q holds none of the marker keys %q", k, markerKeys)
		}
	}
	b := block{text: "This is a developing story and will be updated."}.readied(nil, false)
	if !b.developingSentence() {
		t.Errorf("readied %q is not a developing sentence", b.text)
	}
}

// mayMark only looks for its words at the start of a word: sound while
// every marker expression, and the developing sentence, begins each of
// its words at a word boundary. Texts made of marker phrases glued to
// random neighbours check that whatever an expression matches, mayMark
// lets through.
func TestMayMark_letsEveryMarkerThrough(t *testing.T) {
	phrases := []string{
		"this is a developing story", "this is a BREAKING news story", "this page is still developing",
		"this story will be updated", "will be updated as", "check back later for more updates",
		"refresh for updates", "live coverage", "LIVE:", "Developing story -", "just in:", "BREAKING",
		"breaking news", "story is developing", "could continue to be updated", "check back soon for",
	}
	glue := []string{"", " ", "x", "-", "é", "_", "3", "\u2014", "(", "olive ", "de"}
	r := rand.New(rand.NewPCG(3, 4))
	rxs := []*lazyRegexp{developingSentence}
	for _, m := range developingMarkers {
		rxs = append(rxs, m.rx)
	}
	for range 20000 {
		s := glue[r.IntN(len(glue))] + phrases[r.IntN(len(phrases))] + glue[r.IntN(len(glue))]
		if r.IntN(2) == 0 {
			s = strings.ToUpper(s)
		}
		for _, rx := range rxs {
			if rx.MatchString(s) && !mayMark(s) {
				t.Fatalf("%q matches %s, but mayMark is false", s, rx.pattern)
			}
		}
	}
}

// The timestamp rule refuses a long readied block before its patterns;
// it must answer as isTimestampLine does, leads and dashes included.
func TestTimestampRule_readiedAsLine(t *testing.T) {
	var rule func(block, bool) bool
	for _, r := range builtinNoise {
		if r.name == "relative-timestamp" {
			rule = r.match
		}
	}
	prose := strings.Repeat("the council met again on Monday and ", 7)
	for _, s := range []string{
		"Updated 5 minutes ago", "Last updated on: March 7, 2024 10:42 ET", "Updated " + prose,
		prose, "— — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — — updated 3 hours ago",
		"- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - updated 3 hours ago " + prose,
	} {
		if got, want := rule(block{text: s}.readied(nil, false), false), isTimestampLine(s); got != want {
			t.Errorf("timestamp rule on readied %q = %v, isTimestampLine %v", s, got, want)
		}
	}
}

// isNote's first-letter test must refuse only what the pattern refuses.
func TestIsNote_firstLetterAsPattern(t *testing.T) {
	for _, s := range []string{
		"Correction: an earlier version misspelled the mayor's name.", "— CLARIFICATION (March 7): the vote was 5-4.",
		"Editor's note: this story has been updated.", "Note to readers: comments are closed.",
		"An earlier version of this story gave the wrong date.", "This story has been updated to add a quote.",
		"The article was corrected on Friday.", "«Correction» : le maire", "Éditor's note", "_correction: x",
		"3 corrections were made", "Officials said the correction would come.", "", "— — —",
	} {
		if got, want := isNote(s), noteLine.MatchString(s); got != want {
			t.Errorf("isNote(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}
