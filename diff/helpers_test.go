package diff

import (
	"slices"

	"github.com/redline-news/redline"
)

// base is a short developing story that the edit tests change one way at a
// time.
func base() redline.Article {
	return redline.Article{
		Headline:   "Warehouse fire kills 12 in harbour district",
		Dek:        "Officials say the cause is not yet known.",
		Developing: true,
		Paragraphs: []string{
			"A fire at a warehouse in the harbour district killed 12 people on Tuesday night, the city's fire department said.",
			"The blaze broke out shortly after nine and took more than four hours to bring under control.",
			"Mayor Ana Ruiz said the government would open an inquiry into safety conditions at the site.",
			"Residents described hearing several loud explosions before flames engulfed the roof. Some residents fled the building in their nightclothes as the fire spread. Neighbours gathered on the street to watch.",
			"The warehouse, owned by a logistics company, stored cleaning chemicals and paper goods.",
			"Roads around the harbour remain closed and officials asked people to avoid the area.",
		},
		Notes: []string{"Update: This story has been updated with comments from the mayor."},
	}
}

// edit returns a copy of base changed by f.
func edit(f func(a *redline.Article)) redline.Article {
	a := base()
	a.Paragraphs = slices.Clone(a.Paragraphs)
	a.Notes = slices.Clone(a.Notes)
	f(&a)
	return a
}

// edits lists the inserted and deleted texts of a diff: those of every
// field but the body, then those of the paragraph view.
func edits(d Diff) (ins, del []string) {
	collect := func(segs []Segment) {
		for _, s := range segs {
			switch s.Op {
			case Insert:
				ins = append(ins, s.Text)
			case Delete:
				del = append(del, s.Text)
			}
		}
	}
	for _, f := range d.Fields {
		if f.Field != FieldBody {
			collect(f.Segments)
		}
	}
	for _, p := range d.Paragraphs {
		collect(p.Segments)
	}
	return ins, del
}

func paragraphOps(d Diff) []ParagraphOp {
	ops := make([]ParagraphOp, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		ops[i] = p.Op
	}
	return ops
}

// joinOp rebuilds one side of a segment list: skip Insert for the old text,
// Delete for the new. It is written apart from FieldDiff.Old so that the
// tests do not check the code with itself.
func joinOp(segs []Segment, keep Op) string {
	s := ""
	for _, seg := range segs {
		if seg.Op == Equal || seg.Op == keep {
			s += seg.Text
		}
	}
	return s
}
