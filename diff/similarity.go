package diff

import "strings"

// bag is the case-folded word multiset of a paragraph.
type bag struct {
	words map[string]int
	n     int
}

// similarity is the Dice coefficient of the case-folded word bags of old
// paragraph o and new paragraph n.
func (al *aligner) similarity(o, n int) float64 {
	a, b := al.bag(o, al.old[o]), al.bag(^n, al.new[n])
	if a.n+b.n == 0 {
		return 0
	}
	if len(a.words) > len(b.words) {
		a, b = b, a
	}
	common := 0
	for w, c := range a.words {
		common += min(c, b.words[w])
	}
	return 2 * float64(common) / float64(a.n+b.n)
}

func (al *aligner) bag(key int, text string) bag {
	if b, ok := al.bags[key]; ok {
		return b
	}
	b := bag{words: make(map[string]int)}
	for _, t := range tokenize(text) {
		if isWord(t) {
			b.words[strings.ToLower(t)]++
			b.n++
		}
	}
	al.bags[key] = b
	return b
}
