package diff

import "strings"

// shiftEdits slides each lone insertion or deletion along the text it
// repeats so that its edges fall on the most natural boundary: "the {+big
// +}cat" rather than "the{+ big+} cat". It is the token-level counterpart
// of diffmatchpatch.DiffCleanupSemanticLossless, whose character scoring
// cannot see tokens.
func shiftEdits(spans []span) []span {
	changed := false
	for i := range spans {
		if spans[i].op == Equal {
			continue
		}
		if (i > 0 && spans[i-1].op != Equal) || (i+1 < len(spans) && spans[i+1].op != Equal) {
			continue
		}
		var before, after []string
		if i > 0 {
			before = spans[i-1].toks
		}
		if i+1 < len(spans) {
			after = spans[i+1].toks
		}
		b, e, a, moved := bestShift(before, spans[i].toks, after)
		if !moved {
			continue
		}
		changed = true
		if i > 0 {
			spans[i-1].toks = b
		}
		spans[i].toks = e
		if i+1 < len(spans) {
			spans[i+1].toks = a
		}
	}
	if !changed {
		return spans
	}
	return normalize(spans)
}

// bestShift returns the placement of edit between before and after with
// the best boundary score; ties go right, which puts whitespace at the end
// of an edit rather than the start.
func bestShift(before, edit, after []string) (b, e, a []string, moved bool) {
	all := make([]string, 0, len(before)+len(edit)+len(after))
	all = append(append(append(all, before...), edit...), after...)
	n := len(edit)
	start := len(before)
	s := start
	for s > 0 && all[s-1] == all[s+n-1] {
		s--
	}
	best, bestScore := s, -1
	for ; ; s++ {
		if sc := edgeScore(all[:s], all[s:s+n]) + edgeScore(all[s:s+n], all[s+n:]); sc >= bestScore {
			best, bestScore = s, sc
		}
		if s+n >= len(all) || all[s] != all[s+n] {
			break
		}
	}
	if best == start {
		return before, edit, after, false
	}
	clone := func(t []string) []string { return append([]string(nil), t...) }
	return clone(all[:best]), clone(all[best : best+n]), clone(all[best+n:]), true
}

// edgeScore rates the boundary between two token runs: 6 for the edge of
// the text, then line breaks, sentence ends, spaces, punctuation, and 0 for
// the middle of a run of words.
func edgeScore(left, right []string) int {
	if len(left) == 0 || len(right) == 0 {
		return 6
	}
	l, r := left[len(left)-1], right[0]
	switch {
	case strings.Contains(l, "\n") || strings.Contains(r, "\n"):
		return 4
	case terminator(l) && isSpace(r):
		return 3
	case isSpace(l) || isSpace(r):
		return 2
	case !isWord(l) || !isWord(r):
		return 1
	}
	return 0
}

func terminator(tok string) bool {
	switch tok {
	case ".", "!", "?", "…", "。", "！", "？":
		return true
	}
	return false
}
