package diff

import (
	"sort"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Alignment thresholds, as Dice coefficients over the paragraphs' word
// bags. Unrelated neighbouring paragraphs of news copy score 0.19 at the
// median and 0.43 at the 99th percentile (measured on the developer
// corpus), mostly on function words. A neighbour that keeps half its words
// is an edit of the same paragraph; a lone paragraph replaced in place
// needs less, since its position already says it is the same one. A
// paragraph found elsewhere must keep most of its words to count as moved
// rather than as one paragraph removed and another added.
const (
	changeSimilarity      = 0.5
	replacementSimilarity = 0.4
	moveSimilarity        = 0.8
	// pairBudget caps the similarity computations of one alignment step;
	// beyond it, a wholesale rewrite is paired by position instead.
	pairBudget = 40000
)

// entry is one step of the paragraph alignment, in an order consistent
// with both the old and the new paragraph order.
type entry struct {
	op       ParagraphOp
	old, new int
	// moved marks the old-position half of a move (op ParagraphDelete),
	// kept so that the flat body text still reads as the old version.
	moved bool
}

// aligner matches old paragraphs to new ones.
type aligner struct {
	dmp      *diffmatchpatch.DiffMatchPatch
	old, new []string
	bags     map[int]bag // by old index, and by ^new index
}

// align matches identical paragraphs in order, then reordered identical
// ones, then similar neighbours, then similar paragraphs anywhere.
func (al *aligner) align() []entry {
	seq := al.sequence()
	ins := make(map[string][]int) // text → positions in seq of unmatched inserts
	for i, e := range seq {
		if e.op == ParagraphInsert {
			ins[al.new[e.new]] = append(ins[al.new[e.new]], i)
		}
	}
	for i, e := range seq {
		if e.op != ParagraphDelete {
			continue
		}
		if q := ins[al.old[e.old]]; len(q) > 0 {
			ins[al.old[e.old]] = q[1:]
			seq[i].moved = true
			seq[q[0]].op, seq[q[0]].old = ParagraphMove, e.old
		}
	}
	for start := 0; start < len(seq); {
		if seq[start].op == ParagraphEqual {
			start++
			continue
		}
		end := start
		for end < len(seq) && seq[end].op != ParagraphEqual {
			end++
		}
		seq, start = al.pairRegion(seq, start, end)
	}
	al.pairMoves(seq)
	return seq
}

// sequence diffs the paragraph lists with one rune per distinct paragraph.
func (al *aligner) sequence() []entry {
	ids := make(map[string]rune, len(al.old))
	conv := func(ps []string) []rune {
		out := make([]rune, len(ps))
		for i, p := range ps {
			r, ok := ids[p]
			if !ok {
				r = indexRune(len(ids))
				ids[p] = r
			}
			out[i] = r
		}
		return out
	}
	seq := make([]entry, 0, max(len(al.old), len(al.new)))
	if len(al.old)+len(al.new) > maxTokens {
		// More paragraphs than runes: no alignment, but no wrong one either.
		for o := range al.old {
			seq = append(seq, entry{op: ParagraphDelete, old: o, new: -1})
		}
		for n := range al.new {
			seq = append(seq, entry{op: ParagraphInsert, old: -1, new: n})
		}
		return seq
	}
	ro, rn := conv(al.old), conv(al.new)
	o, n := 0, 0
	for _, d := range al.dmp.DiffMainRunes(ro, rn, false) {
		for range d.Text {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				seq = append(seq, entry{op: ParagraphEqual, old: o, new: n})
				o, n = o+1, n+1
			case diffmatchpatch.DiffDelete:
				seq = append(seq, entry{op: ParagraphDelete, old: o, new: -1})
				o++
			case diffmatchpatch.DiffInsert:
				seq = append(seq, entry{op: ParagraphInsert, old: -1, new: n})
				n++
			}
		}
	}
	return seq
}

// pairRegion pairs the unmatched deletions and insertions of seq[start:end]
// into changes, keeping both orders, and rewrites the region so that each
// change sits where its old and new paragraphs were. It returns the new
// sequence and the end of the rewritten region.
func (al *aligner) pairRegion(seq []entry, start, end int) ([]entry, int) {
	var dels, inss []int // positions in seq
	for i := start; i < end; i++ {
		switch {
		case seq[i].op == ParagraphDelete && !seq[i].moved:
			dels = append(dels, i)
		case seq[i].op == ParagraphInsert:
			inss = append(inss, i)
		}
	}
	pairs := al.monotonePairs(seq, dels, inss)
	if len(pairs) == 0 {
		return seq, end
	}
	region := make([]entry, 0, end-start)
	paired := make(map[int]bool, 2*len(pairs))
	for _, p := range pairs {
		paired[p[0]], paired[p[1]] = true, true
	}
	// Walk both halves of the region in step: everything before a pair's
	// deletion and insertion goes first, then the change.
	i, j := start, start
	for _, p := range pairs {
		region = appendUnpaired(region, seq, &i, p[0], paired, true)
		region = appendUnpaired(region, seq, &j, p[1], paired, false)
		region = append(region, entry{op: ParagraphChange, old: seq[p[0]].old, new: seq[p[1]].new})
		i, j = p[0]+1, p[1]+1
	}
	region = appendUnpaired(region, seq, &i, end, paired, true)
	region = appendUnpaired(region, seq, &j, end, paired, false)
	out := make([]entry, 0, len(seq))
	out = append(append(append(out, seq[:start]...), region...), seq[end:]...)
	return out, start + len(region)
}

// appendUnpaired appends the unpaired entries of seq[*from:to] on one side:
// old-side entries (deletions) when old is true, new-side ones otherwise.
func appendUnpaired(dst, seq []entry, from *int, to int, paired map[int]bool, old bool) []entry {
	for k := *from; k < to; k++ {
		if paired[k] || (seq[k].op == ParagraphDelete) != old {
			continue
		}
		dst = append(dst, seq[k])
	}
	*from = to
	return dst
}

// monotonePairs chooses the order-preserving pairing of deletions with
// insertions that maximizes total similarity.
func (al *aligner) monotonePairs(seq []entry, dels, inss []int) [][2]int {
	k, l := len(dels), len(inss)
	if k == 0 || l == 0 {
		return nil
	}
	threshold := changeSimilarity
	if k == 1 && l == 1 {
		threshold = replacementSimilarity
	}
	sim := func(a, b int) float64 {
		s := al.similarity(seq[dels[a]].old, seq[inss[b]].new)
		if s < threshold {
			return 0
		}
		return s
	}
	var pairs [][2]int
	if k*l > pairBudget {
		for a := 0; a < min(k, l); a++ {
			if sim(a, a) > 0 {
				pairs = append(pairs, [2]int{dels[a], inss[a]})
			}
		}
		return pairs
	}
	sims := make([]float64, k*l)
	for a := range k {
		for b := range l {
			sims[a*l+b] = sim(a, b)
		}
	}
	best := make([]float64, (k+1)*(l+1)) // best[a*(l+1)+b]: dels[a:], inss[b:]
	at := func(a, b int) float64 { return best[a*(l+1)+b] }
	for a := k - 1; a >= 0; a-- {
		for b := l - 1; b >= 0; b-- {
			v := max(at(a+1, b), at(a, b+1))
			if s := sims[a*l+b]; s > 0 {
				v = max(v, s+at(a+1, b+1))
			}
			best[a*(l+1)+b] = v
		}
	}
	for a, b := 0, 0; a < k && b < l; {
		switch s := sims[a*l+b]; {
		case s > 0 && at(a, b) == s+at(a+1, b+1):
			pairs = append(pairs, [2]int{dels[a], inss[b]})
			a, b = a+1, b+1
		case at(a, b) == at(a+1, b):
			a++
		default:
			b++
		}
	}
	return pairs
}

// pairMoves turns a remaining deletion and insertion that are nearly the
// same paragraph into a move with edits, most similar pairs first.
func (al *aligner) pairMoves(seq []entry) {
	var dels, inss []int
	for i, e := range seq {
		switch {
		case e.op == ParagraphDelete && !e.moved:
			dels = append(dels, i)
		case e.op == ParagraphInsert:
			inss = append(inss, i)
		}
	}
	if len(dels) == 0 || len(inss) == 0 || len(dels)*len(inss) > pairBudget {
		return
	}
	type cand struct {
		d, i int
		s    float64
	}
	var cands []cand
	for _, d := range dels {
		for _, i := range inss {
			if s := al.similarity(seq[d].old, seq[i].new); s >= moveSimilarity {
				cands = append(cands, cand{d, i, s})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].s > cands[b].s })
	for _, c := range cands {
		if seq[c.d].moved || seq[c.i].op != ParagraphInsert {
			continue
		}
		seq[c.d].moved = true
		seq[c.i].op, seq[c.i].old = ParagraphMove, seq[c.d].old
	}
}
