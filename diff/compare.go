package diff

import (
	"slices"
	"strings"

	"github.com/redline-news/redline"
)

// Compare diffs two versions of an article. Either may be empty: against
// an empty old article everything is inserted. Invalid UTF-8 is replaced
// by U+FFFD before diffing, so any input is safe. Each diffmatchpatch call
// is bounded by a one-second timeout, past which its diff is coarser but
// still exact, so a pathological pair cannot stall a crawl.
func Compare(old, new redline.Article) Diff {
	df := newDiffer()
	old, new = clean(old), clean(new)
	d := Diff{Fields: make([]FieldDiff, 0, 6)}
	text := func(name, a, b string) {
		segs, added, removed := toSegments(df.words(a, b))
		d.Fields = append(d.Fields, FieldDiff{Field: name, Changed: redline.Fold(a) != redline.Fold(b), Segments: segs})
		d.Added += added
		d.Removed += removed
	}
	text(FieldHeadline, old.Headline, new.Headline)
	text(FieldByline, old.Byline, new.Byline)
	text(FieldDek, old.Dek, new.Dek)
	body, paras, added, removed := df.body(old.Paragraphs, new.Paragraphs)
	d.Fields = append(d.Fields, FieldDiff{Field: FieldBody, Changed: !slices.Equal(folded(old.Paragraphs), folded(new.Paragraphs)), Segments: body})
	d.Paragraphs = paras
	d.Added += added
	d.Removed += removed
	text(FieldNotes, strings.Join(old.Notes, "\n"), strings.Join(new.Notes, "\n"))
	d.Fields = append(d.Fields, developingField(old.Developing, new.Developing))
	return d
}

func developingField(old, new bool) FieldDiff {
	word := func(b bool) string {
		if b {
			return developingYes
		}
		return developingNo
	}
	f := FieldDiff{Field: FieldDeveloping, Changed: old != new}
	if old == new {
		f.Segments = []Segment{{Equal, word(new)}}
	} else {
		f.Segments = []Segment{{Delete, word(old)}, {Insert, word(new)}}
	}
	return f
}

// body aligns the paragraphs, diffs the changed ones word by word and
// returns the flat body segments, the paragraph view and the word counts.
func (df *differ) body(old, new []string) (flat []Segment, paras []ParagraphDiff, added, removed int) {
	flat, paras = []Segment{}, []ParagraphDiff{}
	// Paragraphs are matched on their folded text, so a paragraph whose
	// only change is its quotes stays equal; what is shown is the new text.
	al := aligner{dmp: df.dmp, old: folded(old), new: folded(new), bags: make(map[int]bag)}
	seenOld, seenNew := false, false
	for _, e := range al.align() {
		hasOld := e.op == ParagraphEqual || e.op == ParagraphDelete || e.op == ParagraphChange
		hasNew := e.op != ParagraphDelete
		switch {
		case hasOld && seenOld && hasNew && seenNew:
			flat = append(flat, Segment{Equal, "\n"})
		case hasOld && seenOld:
			flat = append(flat, Segment{Delete, "\n"})
		case hasNew && seenNew:
			flat = append(flat, Segment{Insert, "\n"})
		}
		seenOld = seenOld || hasOld
		seenNew = seenNew || hasNew
		p := ParagraphDiff{Op: e.op, Old: e.old, New: e.new}
		switch e.op {
		case ParagraphEqual:
			p.Segments = []Segment{{Equal, new[e.new]}}
			flat = append(flat, p.Segments[0])
		case ParagraphInsert:
			p.Segments = []Segment{{Insert, new[e.new]}}
			flat = append(flat, p.Segments[0])
			added += countWords(new[e.new])
		case ParagraphDelete:
			flat = append(flat, Segment{Delete, old[e.old]})
			if e.moved {
				continue
			}
			p.Segments = []Segment{{Delete, old[e.old]}}
			removed += countWords(old[e.old])
		case ParagraphChange, ParagraphMove:
			segs, a, r := toSegments(df.words(old[e.old], new[e.new]))
			p.Segments = segs
			added, removed = added+a, removed+r
			if e.op == ParagraphMove {
				flat = append(flat, Segment{Insert, new[e.new]})
			} else {
				flat = append(flat, segs...)
			}
		}
		paras = append(paras, p)
	}
	return mergeSegments(flat), paras, added, removed
}

// mergeSegments joins neighbouring segments with the same operation and
// drops empty ones, joining each run once rather than growing a string per
// paragraph.
func mergeSegments(segs []Segment) []Segment {
	out := segs[:0]
	for _, s := range segs {
		if s.Text != "" {
			out = append(out, s)
		}
	}
	segs, out = out, segs[:0]
	for i := 0; i < len(segs); {
		j, n := i, 0
		for ; j < len(segs) && segs[j].Op == segs[i].Op; j++ {
			n += len(segs[j].Text)
		}
		if j == i+1 {
			out = append(out, segs[i])
		} else {
			var b strings.Builder
			b.Grow(n)
			for _, s := range segs[i:j] {
				b.WriteString(s.Text)
			}
			out = append(out, Segment{segs[i].Op, b.String()})
		}
		i = j
	}
	return out
}

func clean(a redline.Article) redline.Article {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	fixAll := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = fix(s)
		}
		return out
	}
	a.Headline, a.Byline, a.Dek = fix(a.Headline), fix(a.Byline), fix(a.Dek)
	a.Paragraphs, a.Notes = fixAll(a.Paragraphs), fixAll(a.Notes)
	return a
}

// folded is redline.Fold of each of ps, in a new slice.
func folded(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = redline.Fold(p)
	}
	return out
}
