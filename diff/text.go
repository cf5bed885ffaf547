package diff

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// textStyle is how the plain and ANSI renderers mark things up; they share
// one layout and differ only here.
type textStyle struct {
	delOpen, delClose string
	insOpen, insClose string
	label             func(string) string
	moved             func(string) string
	elided            string
}

var plainStyle = textStyle{
	delOpen: "[-", delClose: "-]",
	insOpen: "{+", insClose: "+}",
	label:  func(s string) string { return s + ":" },
	moved:  func(s string) string { return "[" + s + "]" },
	elided: "…",
}

const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrDelete = "\x1b[9;31m" // strikethrough red
	sgrInsert = "\x1b[4;32m" // underlined green
	sgrMoved  = "\x1b[36m"   // cyan
)

var ansiStyle = textStyle{
	delOpen: sgrDelete, delClose: sgrReset,
	insOpen: sgrInsert, insClose: sgrReset,
	label:  func(s string) string { return sgrBold + s + ":" + sgrReset },
	moved:  func(s string) string { return sgrMoved + "[" + s + "]" + sgrReset },
	elided: sgrDim + "…" + sgrReset,
}

// WritePlain writes the diff as plain text in the style of git's word
// diff: deleted text in [-…-], inserted text in {+…+}. Changed fields come
// first as "Label: text" lines, then the body paragraphs separated by blank
// lines, unchanged ones elided to "…" beyond o.Context, then changed notes
// (one per line, under a "Notes:" label) and the developing flag. Moved
// paragraphs carry a "[moved from paragraph N]" tag. Marks never span a
// line break. An unchanged diff writes "No changes.".
func WritePlain(w io.Writer, d Diff, o RenderOptions) error {
	return writeText(w, d, o, plainStyle)
}

// WriteANSI writes the same layout as WritePlain for a terminal: deleted
// text red and struck through, inserted text green and underlined, labels
// bold, elisions dim. Callers decide whether the output is a terminal.
func WriteANSI(w io.Writer, d Diff, o RenderOptions) error {
	return writeText(w, d, o, ansiStyle)
}

func writeText(w io.Writer, d Diff, o RenderOptions, st textStyle) error {
	var b strings.Builder
	blocks := layout(d, o)
	if len(blocks) == 0 {
		b.WriteString("No changes.\n")
	}
	for i, bl := range blocks {
		if i > 0 {
			b.WriteByte('\n')
			if bl.kind != blockField || blocks[i-1].kind != blockField {
				b.WriteByte('\n')
			}
		}
		var line strings.Builder
		switch bl.kind {
		case blockElided:
			line.WriteString(st.elided)
		case blockField:
			line.WriteString(st.label(fieldLabel(bl.field)))
			if bl.field == FieldNotes {
				// Notes are lines of their own; keep them aligned.
				line.WriteByte('\n')
			} else {
				line.WriteByte(' ')
			}
		case blockParagraph:
			if bl.op == ParagraphMove {
				line.WriteString(st.moved(movedLabel(bl.old)))
				line.WriteByte(' ')
			}
		}
		for _, s := range bl.segs {
			writeTextSegment(&line, s, st)
		}
		b.WriteString(wrap(line.String(), o.Width))
	}
	if len(blocks) > 0 {
		b.WriteByte('\n')
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("diff: write text: %w", err)
	}
	return nil
}

func writeTextSegment(b *strings.Builder, s Segment, st textStyle) {
	open, closer := "", ""
	switch s.Op {
	case Delete:
		open, closer = st.delOpen, st.delClose
	case Insert:
		open, closer = st.insOpen, st.insClose
	}
	text := printable(s.Text)
	if open == "" {
		b.WriteString(text)
		return
	}
	// Marks close at each line end and reopen after it, so an added note
	// reads "{+Correction …+}" on its own line and a pager showing lines on
	// their own never bleeds colour.
	for i, part := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if part != "" {
			b.WriteString(open + part + closer)
		}
	}
}

// printable replaces control characters other than line breaks and tabs
// with U+FFFD: scraped text must not be able to send escape sequences to
// the editor's terminal.
func printable(s string) string {
	if !strings.ContainsFunc(s, unsafeControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func unsafeControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t'
}

// wrap breaks the lines of s at spaces so that none is wider than width
// visible columns, counting runes and skipping ANSI escape sequences. A
// word wider than width gets a line of its own.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for j, word := range strings.Split(line, " ") {
			n := visibleWidth(word)
			if j > 0 {
				if col > 0 && col+1+n > width {
					b.WriteByte('\n')
					col = 0
				} else {
					b.WriteByte(' ')
					col++
				}
			}
			b.WriteString(word)
			col += n
		}
	}
	return b.String()
}

func visibleWidth(s string) int {
	n := 0
	inEscape := false
	for _, r := range s {
		switch {
		case inEscape:
			if r >= '@' && r <= '~' && r != '[' {
				inEscape = false
			}
		case r == '\x1b':
			inEscape = true
		default:
			n++
		}
	}
	return n
}
