package extract

import (
	"strings"
	"sync"
	"testing"

	"github.com/forPelevin/gomoji"
	distiller "github.com/markusmobius/go-domdistiller"
)

// go-domdistiller and gomoji are patched (third_party/, see their
// REDLINE.md) to build their word-counting range tables and emoji map on
// first use instead of at package initialization. These reach both lazy
// tables first from many goroutines at once, as concurrent extractions
// do, and must count and strip as upstream does (the counts are upstream's).
func TestLazyInitForks_FirstUseAsUpstream(t *testing.T) {
	pages := []struct {
		name, body string
		words      int
	}{
		{"latin", strings.Repeat("<p>The council voted on Tuesday to approve the new budget for schools and roads, officials said.</p>", 4), 64},
		{"accents and greek", strings.Repeat("<p>Le conseil a voté mardi. Ο δήμαρχος μίλησε στους δημοσιογράφους σήμερα το πρωί.</p>", 4), 52},
		{"hangul", strings.Repeat("<p>시의회는 화요일 새 예산안을 승인했다고 관계자들이 말했다 학교와 도로.</p>", 4), 36},
		{"cjk", strings.Repeat("<p>市议会周二投票批准了学校和道路的新预算，官员们表示。ひらがなとカタカナも。</p>", 4), 76},
	}
	emoji := []struct{ in, want string }{
		{"Breaking 🔥 news", "Breaking  news"},
		{"Vote count 👍🏽 update 🇺🇸", "Vote count  update "},
		{"no emoji here", "no emoji here"},
	}
	var wg sync.WaitGroup
	for round := range 4 {
		for _, p := range pages {
			wg.Go(func() {
				doc := "<html><body><article>" + p.body + "</article></body></html>"
				res, err := distiller.ApplyForReader(strings.NewReader(doc), &distiller.Options{})
				if err != nil {
					t.Errorf("round %d: distill %s: %v", round, p.name, err)
					return
				}
				if res.WordCount != p.words {
					t.Errorf("round %d: distill %s: %d words, want %d", round, p.name, res.WordCount, p.words)
				}
			})
		}
		for _, e := range emoji {
			wg.Go(func() {
				if got := gomoji.RemoveEmojis(e.in); got != e.want {
					t.Errorf("round %d: RemoveEmojis(%q) = %q, want %q", round, e.in, got, e.want)
				}
			})
		}
	}
	wg.Wait()
}
