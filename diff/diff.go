package diff

import (
	"fmt"
	"strings"
)

// Field names used in FieldDiff.Field, in the order Compare lists them.
const (
	FieldHeadline   = "headline"
	FieldByline     = "byline"
	FieldDek        = "dek"
	FieldBody       = "body"
	FieldNotes      = "notes"
	FieldDeveloping = "developing"
)

// The texts of the developing field.
const (
	developingYes = "yes"
	developingNo  = "no"
)

// Segment is a run of text with what happened to it.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// FieldDiff is the word-level diff of one field of the article. Joining the
// Equal and Delete segments gives the old text and joining the Equal and
// Insert segments the new text, where the text of the body is its
// paragraphs joined by "\n", of the notes likewise, and of the developing
// flag "yes" or "no".
type FieldDiff struct {
	Field    string    `json:"field"`
	Changed  bool      `json:"changed"`
	Segments []Segment `json:"segments"`
}

// ParagraphDiff is one body paragraph in the paragraph view of a diff.
// Old and New index the paragraphs of the old and new article, -1 when the
// paragraph is absent on that side. Segments hold the whole paragraph, so
// an unchanged one can be shown as context: one Equal segment for an equal
// or identically moved paragraph, one Insert or Delete for an added or
// removed one, and the word diff for a changed or edited-and-moved one.
type ParagraphDiff struct {
	Op       ParagraphOp `json:"op"`
	Old      int         `json:"old"`
	New      int         `json:"new"`
	Segments []Segment   `json:"segments"`
}

// Diff is what changed between two versions of an article.
type Diff struct {
	// Fields lists every field in a fixed order: headline, byline, dek,
	// body, notes, developing, whether or not it changed.
	Fields []FieldDiff `json:"fields"`
	// Added and Removed count the words inserted and deleted in all text
	// fields. A paragraph moved without edits counts as neither, although
	// the flat body segments show it deleted at its old place and inserted
	// at its new one.
	Added   int `json:"added"`
	Removed int `json:"removed"`
	// Paragraphs is the body in reading order: the new paragraphs, with
	// each removed paragraph at the place it had, and moved paragraphs at
	// their new place.
	Paragraphs []ParagraphDiff `json:"paragraphs"`
}

// Changed reports whether any field differs.
func (d Diff) Changed() bool {
	for _, f := range d.Fields {
		if f.Changed {
			return true
		}
	}
	return false
}

// Field returns the diff of the named field, one of the Field* constants.
func (d Diff) Field(name string) (FieldDiff, bool) {
	for _, f := range d.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldDiff{}, false
}

// Old returns the field's old text, rebuilt from its segments.
func (f FieldDiff) Old() string { return join(f.Segments, Insert) }

// New returns the field's new text, rebuilt from its segments.
func (f FieldDiff) New() string { return join(f.Segments, Delete) }

func join(segs []Segment, skip Op) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Op != skip {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Summary describes the diff in one line for logs and `redline log`, for
// example "headline changed; +42 −7 words; 1 paragraph added, 1 changed".
func (d Diff) Summary() string {
	if !d.Changed() {
		return "no changes"
	}
	var parts []string
	for _, f := range d.Fields {
		if !f.Changed {
			continue
		}
		switch f.Field {
		case FieldBody:
		case FieldNotes:
			parts = append(parts, notesSummary(f))
		case FieldDeveloping:
			if f.New() == developingYes {
				parts = append(parts, "now developing")
			} else {
				parts = append(parts, "no longer developing")
			}
		default:
			switch {
			case f.Old() == "":
				parts = append(parts, f.Field+" added")
			case f.New() == "":
				parts = append(parts, f.Field+" removed")
			default:
				parts = append(parts, f.Field+" changed")
			}
		}
	}
	if d.Added > 0 || d.Removed > 0 {
		parts = append(parts, fmt.Sprintf("+%d −%d words", d.Added, d.Removed))
	}
	if p := paragraphSummary(d.Paragraphs); p != "" {
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

func notesSummary(f FieldDiff) string {
	have := make(map[string]int)
	for _, n := range splitLines(f.Old()) {
		have[n]++
	}
	added := 0
	for _, n := range splitLines(f.New()) {
		if have[n] > 0 {
			have[n]--
		} else {
			added++
		}
	}
	removed := 0
	for _, c := range have {
		removed += c
	}
	switch {
	case added > 0 && removed == 0:
		return plural(added, "note") + " added"
	case removed > 0 && added == 0:
		return plural(removed, "note") + " removed"
	}
	return "notes changed"
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func paragraphSummary(ps []ParagraphDiff) string {
	var counts [len(paragraphOpNames)]int
	for _, p := range ps {
		if p.Op >= 0 && int(p.Op) < len(counts) {
			counts[p.Op]++
		}
	}
	var parts []string
	for _, c := range []struct {
		op   ParagraphOp
		verb string
	}{
		{ParagraphInsert, "added"},
		{ParagraphDelete, "removed"},
		{ParagraphChange, "changed"},
		{ParagraphMove, "moved"},
	} {
		n := counts[c.op]
		if n == 0 {
			continue
		}
		if len(parts) == 0 {
			parts = append(parts, plural(n, "paragraph")+" "+c.verb)
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", n, c.verb))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
