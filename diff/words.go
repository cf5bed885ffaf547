package diff

import (
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/redline-news/redline"
)

// wordTimeout bounds each diffmatchpatch call. Past it the library falls
// back to a coarser but still correct diff, so a pathological pair of
// paragraphs cannot stall a crawl.
const wordTimeout = time.Second

// Token runes start above ASCII so that diffmatchpatch's cosmetic
// boundary scoring, which looks at ASCII letters and spaces, treats every
// token alike; the token-aware shift in this package does that job instead.
// Surrogates are skipped because they do not survive a trip through a Go
// string.
const (
	runeBase      = 0x100
	surrogateLow  = 0xD800
	surrogateHigh = 0xE000
	maxTokens     = 0x110000 - runeBase - (surrogateHigh - surrogateLow)
)

// span is a run of tokens under one operation; spans stay as tokens until
// the end so that no cleanup can cut a word in half.
type span struct {
	op   Op
	toks []string
}

// differ holds the diffmatchpatch settings for one Compare call.
type differ struct {
	dmp *diffmatchpatch.DiffMatchPatch
}

func newDiffer() *differ {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = wordTimeout
	return &differ{dmp: dmp}
}

// words diffs a and b word by word and returns the cleaned-up spans.
// Tokens are compared by their folded key (redline.Fold), so a quote or
// no-break space the publisher swapped is not an edit; unchanged runs show
// the new text, as published now.
func (df *differ) words(a, b string) []span {
	if redline.Fold(a) == redline.Fold(b) {
		if b == "" {
			return nil
		}
		return []span{{Equal, tokenize(b)}}
	}
	ta, tb := tokenize(a), tokenize(b)
	if len(ta) == 0 || len(tb) == 0 {
		return normalize([]span{{Delete, ta}, {Insert, tb}})
	}
	ra, rb, ok := encode(ta, tb)
	if !ok {
		return normalize([]span{{Delete, ta}, {Insert, tb}})
	}
	// Cleanup runs on the token runes, not on the decoded text: on text,
	// its overlap extraction would split "people"/"plenty" into "peo"+"ple".
	diffs := df.dmp.DiffCleanupSemantic(df.dmp.DiffMainRunes(ra, rb, false))
	spans := make([]span, 0, len(diffs))
	i, j := 0, 0 // next token of a and of b
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			spans = append(spans, span{Delete, ta[i : i+n]})
			i += n
		case diffmatchpatch.DiffInsert:
			spans = append(spans, span{Insert, tb[j : j+n]})
			j += n
		default:
			spans = append(spans, span{Equal, tb[j : j+n]})
			i, j = i+n, j+n
		}
	}
	spans = shiftEdits(normalize(spans))
	if editRuns(spans) < 2 {
		// The sentence rule never widens a lone edit.
		return spans
	}
	return shiftEdits(sentenceCleanup(spans))
}

// editRuns counts the runs of edits between equalities of normalized spans.
func editRuns(spans []span) int {
	n := 0
	for i, s := range spans {
		if s.op != Equal && (i == 0 || spans[i-1].op == Equal) {
			n++
		}
	}
	return n
}

// encode maps each distinct folded token to a rune, the word-level
// counterpart of diffmatchpatch.DiffLinesToRunes. It fails only when there
// are more distinct tokens than runes.
func encode(ta, tb []string) (ra, rb []rune, ok bool) {
	ids := make(map[string]rune, len(ta))
	conv := func(toks []string) []rune {
		out := make([]rune, len(toks))
		for i, t := range toks {
			t = redline.Fold(t)
			r, seen := ids[t]
			if !seen {
				if len(ids) >= maxTokens {
					return nil
				}
				r = indexRune(len(ids))
				ids[t] = r
			}
			out[i] = r
		}
		return out
	}
	ra, rb = conv(ta), conv(tb)
	return ra, rb, ra != nil && rb != nil
}

func indexRune(i int) rune {
	r := rune(i + runeBase)
	if r >= surrogateLow {
		r += surrogateHigh - surrogateLow
	}
	return r
}

func runeIndex(r rune) int {
	if r >= surrogateHigh {
		r -= surrogateHigh - surrogateLow
	}
	return int(r - runeBase)
}

// normalize drops empty spans and gathers each run of edits between two
// equalities into at most one deletion followed by one insertion, the order
// every renderer expects.
func normalize(spans []span) []span {
	out := make([]span, 0, len(spans))
	var del, ins []string
	flush := func() {
		if len(del) > 0 {
			out = append(out, span{Delete, del})
		}
		if len(ins) > 0 {
			out = append(out, span{Insert, ins})
		}
		del, ins = nil, nil
	}
	for _, s := range spans {
		switch {
		case len(s.toks) == 0:
		case s.op == Delete:
			del = append(del, s.toks...)
		case s.op == Insert:
			ins = append(ins, s.toks...)
		default:
			flush()
			if n := len(out); n > 0 && out[n-1].op == Equal {
				prev := out[n-1].toks
				out[n-1].toks = append(prev[:len(prev):len(prev)], s.toks...)
			} else {
				out = append(out, span{Equal, s.toks})
			}
		}
	}
	flush()
	return out
}

// toSegments joins the tokens of each span and counts the words inserted
// and deleted.
func toSegments(spans []span) (segs []Segment, added, removed int) {
	segs = make([]Segment, 0, len(spans))
	for _, s := range spans {
		segs = append(segs, Segment{Op: s.op, Text: strings.Join(s.toks, "")})
		for _, t := range s.toks {
			if !isWord(t) {
				continue
			}
			switch s.op {
			case Insert:
				added++
			case Delete:
				removed++
			}
		}
	}
	return segs, added, removed
}
