package diff

import "strings"

// sentenceCleanup turns confetti into sentences. The word diff is cut into
// sentence chunks at boundaries that both versions share: an unchanged
// sentence terminator (. ! ? …, optionally followed by closing quotes or
// brackets) plus the unchanged space after it, or an unchanged line break.
// A chunk is rewritten as its whole old text deleted and its whole new text
// inserted when
//
//   - it holds two or more separate edits (edits separated only by spaces or
//     punctuation count as one), and
//   - fewer than half of the words of its longer version are unchanged.
//
// Words shared at the very start or end of the chunk stay unchanged. A
// single edit is never rewritten, so "12 people" → "15 people" or a typo
// fix still shows as the one word.
func sentenceCleanup(spans []span) []span {
	type tok struct {
		op  Op
		tok string
	}
	var flat []tok
	for _, s := range spans {
		for _, t := range s.toks {
			flat = append(flat, tok{s.op, t})
		}
	}
	out := make([]span, 0, len(spans))
	emit := func(op Op, t string) {
		if n := len(out); n > 0 && out[n-1].op == op {
			out[n-1].toks = append(out[n-1].toks, t)
			return
		}
		out = append(out, span{op, []string{t}})
	}
	chunk := func(c []tok) {
		equal, del, ins, runs := 0, 0, 0, 0
		inEdit := false
		for _, t := range c {
			switch {
			case t.op != Equal:
				if !inEdit {
					runs++
					inEdit = true
				}
				if isWord(t.tok) {
					if t.op == Delete {
						del++
					} else {
						ins++
					}
				}
			case isWord(t.tok):
				equal++
				inEdit = false
			}
		}
		if runs < 2 || 2*equal >= max(equal+del, equal+ins) {
			for _, t := range c {
				emit(t.op, t.tok)
			}
			return
		}
		var oldT, newT []string
		for _, t := range c {
			if t.op != Insert {
				oldT = append(oldT, t.tok)
			}
			if t.op != Delete {
				newT = append(newT, t.tok)
			}
		}
		p := 0
		for p < len(oldT) && p < len(newT) && oldT[p] == newT[p] {
			emit(Equal, oldT[p])
			p++
		}
		q := 0
		for q < len(oldT)-p && q < len(newT)-p && oldT[len(oldT)-1-q] == newT[len(newT)-1-q] {
			q++
		}
		for _, t := range oldT[p : len(oldT)-q] {
			emit(Delete, t)
		}
		for _, t := range newT[p : len(newT)-q] {
			emit(Insert, t)
		}
		for _, t := range oldT[len(oldT)-q:] {
			emit(Equal, t)
		}
	}
	start := 0
	for i := 1; i < len(flat); i++ {
		if flat[i-1].op != Equal || !isSpace(flat[i-1].tok) {
			continue
		}
		boundary := strings.Contains(flat[i-1].tok, "\n")
		for j := i - 2; !boundary && j >= start && flat[j].op == Equal; j-- {
			if terminator(flat[j].tok) {
				boundary = true
			} else if !closer(flat[j].tok) {
				break
			}
		}
		if boundary {
			chunk(flat[start:i])
			start = i
		}
	}
	chunk(flat[start:])
	return normalize(out)
}

func closer(tok string) bool {
	switch tok {
	case `"`, "'", "”", "’", "»", ")", "]":
		return true
	}
	return false
}
