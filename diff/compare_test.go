package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

const (
	E = ParagraphEqual
	I = ParagraphInsert
	D = ParagraphDelete
	C = ParagraphChange
	M = ParagraphMove
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name             string
		new              redline.Article
		wantIns, wantDel []string
		wantAdded        int
		wantRemoved      int
		wantOps          []ParagraphOp
		wantSummary      string
	}{
		{
			name: "paragraph added",
			new: edit(func(a *redline.Article) {
				a.Paragraphs = slices.Insert(a.Paragraphs, 4, "Firefighters from three neighbouring towns were called in to help.")
			}),
			wantIns:     []string{"Firefighters from three neighbouring towns were called in to help."},
			wantAdded:   10,
			wantOps:     []ParagraphOp{E, E, E, E, I, E, E},
			wantSummary: "+10 −0 words; 1 paragraph added",
		},
		{
			name:        "paragraph removed",
			new:         edit(func(a *redline.Article) { a.Paragraphs = a.Paragraphs[:5] }),
			wantDel:     []string{"Roads around the harbour remain closed and officials asked people to avoid the area."},
			wantRemoved: 14,
			wantOps:     []ParagraphOp{E, E, E, E, E, D},
			wantSummary: "+0 −14 words; 1 paragraph removed",
		},
		{
			name: "paragraph reordered",
			new: edit(func(a *redline.Article) {
				p := a.Paragraphs[4]
				a.Paragraphs = slices.Insert(slices.Delete(a.Paragraphs, 4, 5), 1, p)
			}),
			wantOps:     []ParagraphOp{E, M, E, E, E, E},
			wantSummary: "1 paragraph moved",
		},
		{
			name: "number changed",
			new: edit(func(a *redline.Article) {
				a.Paragraphs[0] = strings.Replace(a.Paragraphs[0], "12 people", "15 people", 1)
			}),
			wantIns: []string{"15"}, wantDel: []string{"12"},
			wantAdded: 1, wantRemoved: 1,
			wantOps:     []ParagraphOp{C, E, E, E, E, E},
			wantSummary: "+1 −1 words; 1 paragraph changed",
		},
		{
			name: "one-character typo fixed",
			new: edit(func(a *redline.Article) {
				a.Paragraphs[2] = strings.Replace(a.Paragraphs[2], "government", "govermnent", 1)
			}),
			wantIns: []string{"govermnent"}, wantDel: []string{"government"},
			wantAdded: 1, wantRemoved: 1,
			wantOps:     []ParagraphOp{E, E, C, E, E, E},
			wantSummary: "+1 −1 words; 1 paragraph changed",
		},
		{
			name:    "headline changed",
			new:     edit(func(a *redline.Article) { a.Headline = "Warehouse fire kills 15 in harbour district, officials say" }),
			wantIns: []string{"15", ", officials say"}, wantDel: []string{"12"},
			wantAdded: 3, wantRemoved: 1,
			wantOps:     []ParagraphOp{E, E, E, E, E, E},
			wantSummary: "headline changed; +3 −1 words",
		},
		{
			name:        "byline added",
			new:         edit(func(a *redline.Article) { a.Byline = "By Jane Doe" }),
			wantIns:     []string{"By Jane Doe"},
			wantAdded:   3,
			wantOps:     []ParagraphOp{E, E, E, E, E, E},
			wantSummary: "byline added; +3 −0 words",
		},
		{
			name: "correction note appended",
			new: edit(func(a *redline.Article) {
				a.Notes = append(a.Notes, "Correction: An earlier version misstated the owner of the warehouse.")
			}),
			wantIns:     []string{"\nCorrection: An earlier version misstated the owner of the warehouse."},
			wantAdded:   10,
			wantOps:     []ParagraphOp{E, E, E, E, E, E},
			wantSummary: "1 note added; +10 −0 words",
		},
		{
			name:        "developing line removed",
			new:         edit(func(a *redline.Article) { a.Developing = false }),
			wantIns:     []string{"no"},
			wantDel:     []string{"yes"},
			wantOps:     []ParagraphOp{E, E, E, E, E, E},
			wantSummary: "no longer developing",
		},
		{
			name: "whole sentence rewritten",
			new: edit(func(a *redline.Article) {
				a.Paragraphs[3] = strings.Replace(a.Paragraphs[3],
					"Some residents fled the building in their nightclothes as the fire spread.",
					"Most residents were evacuated from the building by police before the fire reached them.", 1)
			}),
			wantIns:     []string{"Most residents were evacuated from the building by police before the fire reached them"},
			wantDel:     []string{"Some residents fled the building in their nightclothes as the fire spread"},
			wantAdded:   14,
			wantRemoved: 12,
			wantOps:     []ParagraphOp{E, E, E, C, E, E},
			wantSummary: "+14 −12 words; 1 paragraph changed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(base(), tt.new)
			ins, del := edits(d)
			if !slices.Equal(ins, tt.wantIns) {
				t.Errorf("inserted = %q, want %q", ins, tt.wantIns)
			}
			if !slices.Equal(del, tt.wantDel) {
				t.Errorf("deleted = %q, want %q", del, tt.wantDel)
			}
			if d.Added != tt.wantAdded || d.Removed != tt.wantRemoved {
				t.Errorf("added, removed = %d, %d, want %d, %d", d.Added, d.Removed, tt.wantAdded, tt.wantRemoved)
			}
			if ops := paragraphOps(d); !slices.Equal(ops, tt.wantOps) {
				t.Errorf("paragraph ops = %v, want %v", ops, tt.wantOps)
			}
			if got := d.Summary(); got != tt.wantSummary {
				t.Errorf("Summary() = %q, want %q", got, tt.wantSummary)
			}
			if !d.Changed() {
				t.Error("Changed() = false, want true")
			}
		})
	}
}

func TestCompare_moveIndexes(t *testing.T) {
	old := base()
	new := edit(func(a *redline.Article) { a.Paragraphs[0], a.Paragraphs[5] = a.Paragraphs[5], a.Paragraphs[0] })
	d := Compare(old, new)
	var moves []ParagraphDiff
	for _, p := range d.Paragraphs {
		if p.Op == ParagraphMove {
			moves = append(moves, p)
		}
	}
	// Swapping the first and last paragraph moves both: the four in
	// between keep their order.
	if len(moves) != 2 {
		t.Fatalf("moves = %+v, want two", moves)
	}
	for _, m := range moves {
		if m.Old+m.New != 5 || old.Paragraphs[m.Old] != new.Paragraphs[m.New] {
			t.Errorf("move pairs old %d %q with new %d %q", m.Old, old.Paragraphs[m.Old], m.New, new.Paragraphs[m.New])
		}
	}
	if d.Added != 0 || d.Removed != 0 {
		t.Errorf("added, removed = %d, %d, want 0, 0", d.Added, d.Removed)
	}
}

func TestCompare_movedAndEdited(t *testing.T) {
	new := edit(func(a *redline.Article) {
		p := strings.Replace(a.Paragraphs[4], "paper goods", "paper goods, according to records", 1)
		a.Paragraphs = slices.Insert(slices.Delete(a.Paragraphs, 4, 5), 0, p)
	})
	d := Compare(base(), new)
	if ops := paragraphOps(d); !slices.Equal(ops, []ParagraphOp{M, E, E, E, E, E}) {
		t.Fatalf("paragraph ops = %v", ops)
	}
	ins, del := edits(d)
	if !slices.Equal(ins, []string{", according to records"}) || del != nil {
		t.Errorf("inserted %q deleted %q, want the added clause only", ins, del)
	}
	if d.Added != 3 || d.Removed != 0 {
		t.Errorf("added, removed = %d, %d, want 3, 0", d.Added, d.Removed)
	}
}

func TestCompare_unchanged(t *testing.T) {
	d := Compare(base(), base())
	if d.Changed() {
		t.Errorf("Changed() = true for identical articles: %+v", d)
	}
	if got := d.Summary(); got != "no changes" {
		t.Errorf("Summary() = %q", got)
	}
	if ins, del := edits(d); ins != nil || del != nil {
		t.Errorf("edits = %q, %q, want none", ins, del)
	}
	if len(d.Paragraphs) != len(base().Paragraphs) {
		t.Errorf("%d paragraphs in view, want %d", len(d.Paragraphs), len(base().Paragraphs))
	}
}

func TestCompare_empty(t *testing.T) {
	tests := []struct {
		name        string
		old, new    redline.Article
		wantOp      ParagraphOp
		wantAdded   int
		wantRemoved int
		wantSummary string
	}{
		{
			name:        "first version",
			new:         redline.Article{Headline: "Fire in harbour", Paragraphs: []string{"One two three.", "Four five."}},
			wantOp:      ParagraphInsert,
			wantAdded:   8,
			wantSummary: "headline added; +8 −0 words; 2 paragraphs added",
		},
		{
			name:        "everything removed",
			old:         redline.Article{Headline: "Fire in harbour", Paragraphs: []string{"One two three.", "Four five."}},
			wantOp:      ParagraphDelete,
			wantRemoved: 8,
			wantSummary: "headline removed; +0 −8 words; 2 paragraphs removed",
		},
		{
			name:        "both empty",
			wantSummary: "no changes",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(tt.old, tt.new)
			if d.Added != tt.wantAdded || d.Removed != tt.wantRemoved {
				t.Errorf("added, removed = %d, %d, want %d, %d", d.Added, d.Removed, tt.wantAdded, tt.wantRemoved)
			}
			for _, p := range d.Paragraphs {
				if p.Op != tt.wantOp {
					t.Errorf("paragraph %+v, want op %v", p, tt.wantOp)
				}
			}
			if got := d.Summary(); got != tt.wantSummary {
				t.Errorf("Summary() = %q, want %q", got, tt.wantSummary)
			}
			if len(d.Fields) != 6 {
				t.Errorf("%d fields, want all 6", len(d.Fields))
			}
		})
	}
}

func TestCompare_invalidUTF8(t *testing.T) {
	old := redline.Article{Headline: "Bad \xff\xfe bytes", Paragraphs: []string{"Caf\xc3 closes \xe2\x82 today.", "Same."}}
	new := redline.Article{Headline: "Bad bytes \xc0", Paragraphs: []string{"Café closes today.", "Same.", "\xed\xa0\x80 surrogate"}}
	d := Compare(old, new)
	for _, f := range d.Fields {
		for _, s := range f.Segments {
			if !utf8Valid(s.Text) {
				t.Errorf("field %s segment %q is not valid UTF-8", f.Field, s.Text)
			}
		}
	}
	h, _ := d.Field(FieldHeadline)
	if got, want := h.Old(), "Bad \uFFFD bytes"; got != want {
		t.Errorf("old headline = %q, want %q", got, want)
	}
	if got, want := h.New(), "Bad bytes \uFFFD"; got != want {
		t.Errorf("new headline = %q, want %q", got, want)
	}
	if !d.Changed() {
		t.Error("Changed() = false")
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "!") == s }

func TestDiff_Summary(t *testing.T) {
	tests := []struct {
		name string
		new  redline.Article
		want string
	}{
		{"now developing", edit(func(a *redline.Article) { a.Developing = true; a.Headline += " (live)" }), "headline changed; +1 −0 words"},
		{"dek removed", edit(func(a *redline.Article) { a.Dek = "" }), "dek removed; +0 −8 words"},
		{"note removed", edit(func(a *redline.Article) { a.Notes = nil }), "1 note removed; +0 −11 words"},
		{"note edited", edit(func(a *redline.Article) { a.Notes[0] = "Update: This story was updated." }), "notes changed; +2 −8 words"},
		{
			"mixed paragraphs",
			edit(func(a *redline.Article) {
				a.Paragraphs = append(a.Paragraphs[1:5], "A completely new closing paragraph.", "And another one here.")
			}),
			"+9 −34 words; 2 paragraphs added, 2 removed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compare(base(), tt.new).Summary(); got != tt.want {
				t.Errorf("Summary() = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("developing again", func(t *testing.T) {
		old := edit(func(a *redline.Article) { a.Developing = false })
		if got, want := Compare(old, base()).Summary(), "now developing"; got != want {
			t.Errorf("Summary() = %q, want %q", got, want)
		}
	})
}
