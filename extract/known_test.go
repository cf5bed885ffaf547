package extract

import (
	"fmt"
	"testing"
)

// A host's shared set, less the story's own headline, must answer as the
// list of the other stories' headlines did, including when two stories
// share a headline.
func TestKnown_hostSetAsOtherHeadlines(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	mine := "Council delays “bridge” vote"
	others := []string{"Ferry fares rise", "Council delays \"bridge\" vote", "Storm closes roads"}
	all := append([]string{mine}, others...)
	host := NewHeadlineSet(all)
	lonely := NewHeadlineSet([]string{mine, "Ferry fares rise"})
	for _, text := range []string{"ferry fares rise", "COUNCIL DELAYS 'BRIDGE' VOTE", "Council delays \"bridge\" vote", "Storm closes roads", "Water main bursts", ""} {
		list := e.with(Known{Headlines: others}).isKnownHeadline(text, "Page headline")
		shared := e.with(Known{Host: host, Own: mine}).isKnownHeadline(text, "Page headline")
		if list != shared {
			t.Errorf("%q: known from the list %v, from the host set %v", text, list, shared)
		}
		// Alone with its headline, the story's own is not another's.
		soloList := e.with(Known{Headlines: []string{"Ferry fares rise"}}).isKnownHeadline(text, "Page headline")
		solo := e.with(Known{Host: lonely, Own: mine}).isKnownHeadline(text, "Page headline")
		if soloList != solo {
			t.Errorf("%q alone: known from the list %v, from the host set %v", text, soloList, solo)
		}
	}
	if !e.with(Known{Host: host, Own: mine}).isKnownHeadline("Council delays \"bridge\" vote", "Page headline") {
		t.Error("a headline two stories share is not known to one of them")
	}
}

// BenchmarkExtractor_withKnown is what one check pays to know the other
// headlines of a host with 2,000 tracked stories: keyed again for the
// check (a list), or looked up in the set the pass keyed once (a host).
func BenchmarkExtractor_withKnown(b *testing.B) {
	e, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	headlines := make([]string, 2000)
	for i := range headlines {
		headlines[i] = fmt.Sprintf("Council delays vote on “bridge” repairs for the %dth time", i)
	}
	block := block{text: "Council delays vote on \"bridge\" repairs for the 7th time"}.readied(nil, false)
	b.Run("list", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !e.with(Known{Headlines: headlines[1:]}).isKnownBlock(block, "x") {
				b.Fatal("not known")
			}
		}
	})
	b.Run("host", func(b *testing.B) {
		host := NewHeadlineSet(headlines)
		b.ReportAllocs()
		for b.Loop() {
			if !e.with(Known{Host: host, Own: headlines[0]}).isKnownBlock(block, "x") {
				b.Fatal("not known")
			}
		}
	})
}
