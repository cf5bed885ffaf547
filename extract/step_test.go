package extract

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/net/html"
)

// step's shortcut for a plain class must give what stepOf gives.
func TestStep_asStepOf(t *testing.T) {
	classes := []string{"", "story", "story-body", "-story", "story_", "ad-slot-17", "a b", "b a a",
		"x\u00a0y", "caf\u00e9", "\tlead ", "one two three four five", "7", "\x01x"}
	r := rand.New(rand.NewPCG(5, 6))
	const alphabet = "ab-_1 \t\u00e9"
	for range 5000 {
		classes = append(classes, randomText(r, alphabet, r.IntN(8)))
	}
	for _, class := range classes {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
		if got, want := step(n), stepOf("div", class); got != want {
			t.Fatalf("step of class %q = %q, want %q", class, got, want)
		}
	}
}
