package diff

import (
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

// TestBlocks_SideBySideColumnsRebuildBothVersions checks that the two
// columns of every paragraph hold exactly the old and the new paragraph,
// each with only its own kind of mark.
func TestBlocks_SideBySideColumnsRebuildBothVersions(t *testing.T) {
	d := storyEdit()
	// The old article of storyEdit.
	oldA := base()
	oldA.Paragraphs = append(oldA.Paragraphs,
		"Firefighters remained at the scene on Wednesday morning.",
		"The company did not respond to a request for comment.",
		"Investigators are expected to visit the site later this week.")
	var paras int
	for _, b := range Blocks(d, RenderOptions{Context: -1}) {
		if b.Kind != BlockParagraph {
			continue
		}
		paras++
		for _, s := range b.Before {
			if s.Op == Insert {
				t.Errorf("paragraph %d/%d: insertion %q in the old column", b.Old, b.New, s.Text)
			}
		}
		for _, s := range b.After {
			if s.Op == Delete {
				t.Errorf("paragraph %d/%d: deletion %q in the new column", b.Old, b.New, s.Text)
			}
		}
		if b.Old >= 0 {
			if got, want := joinOp(b.Before, Delete), oldA.Paragraphs[b.Old]; got != want {
				t.Errorf("old column of paragraph %d = %q, want %q", b.Old, got, want)
			}
		} else if len(b.Before) != 0 {
			t.Errorf("added paragraph %d has an old column %q", b.New, joinOp(b.Before, Delete))
		}
		if b.New < 0 && len(b.After) != 0 {
			t.Errorf("removed paragraph %d has a new column %q", b.Old, joinOp(b.After, Insert))
		}
	}
	if paras != len(d.Paragraphs) {
		t.Errorf("Context -1 gave %d paragraphs, want all %d", paras, len(d.Paragraphs))
	}
}

func TestBlocks_MovedParagraphIsLabelled(t *testing.T) {
	d := storyEdit()
	var moved []Block
	for _, b := range Blocks(d, DefaultRenderOptions()) {
		if b.Kind == BlockParagraph && b.Op == ParagraphMove {
			moved = append(moved, b)
		}
	}
	if len(moved) != 1 {
		t.Fatalf("got %d moved blocks, want 1", len(moved))
	}
	if got, want := moved[0].Label, "moved from paragraph 5"; got != want {
		t.Errorf("label = %q, want %q", got, want)
	}
	if moved[0].Old != 4 || moved[0].New != 1 {
		t.Errorf("moved paragraph old/new = %d/%d, want 4/1", moved[0].Old, moved[0].New)
	}
}

// TestBlocks_ChangesOnlyFoldsWithContext edits one paragraph in the middle
// of twenty and expects one paragraph of context each side and the rest
// folded, with the folded counts adding up.
func TestBlocks_ChangesOnlyFoldsWithContext(t *testing.T) {
	old := redline.Article{Headline: "H"}
	for i := range 20 {
		old.Paragraphs = append(old.Paragraphs, "Paragraph number "+strings.Repeat("x", i+1)+" says something.")
	}
	new := old
	new.Paragraphs = append([]string(nil), old.Paragraphs...)
	new.Paragraphs[10] = "Paragraph number ten now says something else entirely."
	d := Compare(old, new)

	tests := []struct {
		name    string
		context int
		kinds   string // F folded, = equal, C changed
		folded  []int
	}{
		{"changes only", 0, "FCF", []int{10, 9}},
		{"one line of context", 1, "F=C=F", []int{9, 8}},
		{"everything", -1, strings.Repeat("=", 10) + "C" + strings.Repeat("=", 9), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var kinds strings.Builder
			var folded []int
			for _, b := range Blocks(d, RenderOptions{Context: tc.context}) {
				switch {
				case b.Kind == BlockFolded:
					kinds.WriteByte('F')
					folded = append(folded, b.Folded)
					if b.Segments != nil || b.Before != nil || b.After != nil {
						t.Errorf("folded block carries text")
					}
				case b.Op == ParagraphEqual:
					kinds.WriteByte('=')
				default:
					kinds.WriteByte('C')
				}
			}
			if got := kinds.String(); got != tc.kinds {
				t.Errorf("blocks = %s, want %s", got, tc.kinds)
			}
			if len(folded) != len(tc.folded) {
				t.Fatalf("folded = %v, want %v", folded, tc.folded)
			}
			for i := range folded {
				if folded[i] != tc.folded[i] {
					t.Errorf("folded = %v, want %v", folded, tc.folded)
				}
			}
		})
	}
}

func TestBlocks_FieldsFirstAndUnchangedIsEmpty(t *testing.T) {
	d := storyEdit()
	bs := Blocks(d, DefaultRenderOptions())
	if len(bs) < 2 || bs[0].Field != FieldHeadline || bs[1].Field != FieldByline {
		t.Fatalf("first blocks are not headline then byline: %+v", bs[:min(2, len(bs))])
	}
	if bs[0].Label != "Headline" {
		t.Errorf("label = %q, want Headline", bs[0].Label)
	}
	if got, want := joinOp(bs[0].Before, Delete), base().Headline; got != want {
		t.Errorf("old headline column = %q, want %q", got, want)
	}
	if bs := Blocks(Compare(base(), base()), DefaultRenderOptions()); len(bs) != 0 {
		t.Errorf("unchanged diff has %d blocks, want none", len(bs))
	}
}
