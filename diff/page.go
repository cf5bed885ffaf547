package diff

// BlockKind says what a Block of a page's diff is.
type BlockKind int

// The kinds of Block.
const (
	// BlockField is a changed field other than the body: headline, byline,
	// dek, notes or the developing flag.
	BlockField BlockKind = iota
	// BlockParagraph is one body paragraph, changed or shown as context.
	BlockParagraph
	// BlockFolded stands for a run of unchanged paragraphs left out.
	BlockFolded
)

// Block is one unit of a diff as a web page lays it out, in the order of
// WriteHTML's output. Pages render blocks with their own templates, which
// escape every text, rather than embedding WriteHTML's markup.
type Block struct {
	Kind BlockKind
	// Field is the Field* name of a BlockField.
	Field string
	// Label is the field's title-case name, or for a moved paragraph
	// "moved from paragraph N".
	Label string
	// Op is what happened to a BlockParagraph.
	Op ParagraphOp
	// Old and New are the paragraph's indexes in the old and new article,
	// -1 when it is absent on that side.
	Old, New int
	// Segments is the inline redline of the field or paragraph.
	Segments []Segment
	// Before and After are the two columns of the side-by-side view: the
	// old text with its deletions marked, the new text with its
	// insertions. A column is empty when the paragraph is absent there.
	Before, After []Segment
	// Folded counts the unchanged paragraphs a BlockFolded leaves out.
	Folded int
}

// Blocks lays the diff out for a page, with the same choice of what to
// show as WriteHTML under o: Context -1 shows every paragraph, 0 or more
// folds unchanged paragraphs beyond that many either side of a change. An
// unchanged diff has no blocks.
func Blocks(d Diff, o RenderOptions) []Block {
	inner := layout(d, o)
	out := make([]Block, 0, len(inner))
	for _, bl := range inner {
		b := Block{Old: -1, New: -1}
		switch bl.kind {
		case blockElided:
			b.Kind, b.Folded = BlockFolded, bl.folded
		case blockField:
			b.Kind, b.Field, b.Label = BlockField, bl.field, fieldLabel(bl.field)
			b.Segments = bl.segs
		case blockParagraph:
			b.Kind, b.Op, b.Old, b.New, b.Segments = BlockParagraph, bl.op, bl.old, bl.new, bl.segs
			if bl.op == ParagraphMove {
				b.Label = movedLabel(bl.old)
			}
		}
		if b.Kind != BlockFolded {
			b.Before, b.After = sides(b.Segments)
		}
		out = append(out, b)
	}
	return out
}

// sides splits an inline redline into its old and new columns. Segments
// are shared, not copied: the columns only leave some of them out.
func sides(segs []Segment) (before, after []Segment) {
	for _, s := range segs {
		if s.Op != Insert {
			before = append(before, s)
		}
		if s.Op != Delete {
			after = append(after, s)
		}
	}
	return before, after
}
