package diff

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// RenderOptions controls the text and HTML renderers.
type RenderOptions struct {
	// Context is how many unchanged paragraphs to show on each side of a
	// changed one; the rest are elided as "…". -1 shows every paragraph.
	// The zero value shows changes only.
	Context int
	// Width wraps plain and ANSI output at this many columns (counted in
	// runes, escape sequences excluded); 0 disables wrapping. HTML ignores
	// it.
	Width int
	// InlineStyles adds style attributes to the HTML so that it renders in
	// mail clients, which drop style sheets. The class attributes stay, so
	// a page may still restyle it.
	InlineStyles bool
}

// DefaultRenderOptions shows one paragraph of context and does not wrap.
func DefaultRenderOptions() RenderOptions { return RenderOptions{Context: 1} }

type blockKind int

const (
	blockField blockKind = iota
	blockParagraph
	blockElided
)

// block is one unit of rendered output: a changed field, a paragraph or an
// elision mark. Every renderer walks the same blocks, so plain, ANSI and
// HTML output always agree on what is shown.
type block struct {
	kind  blockKind
	field string
	op    ParagraphOp
	old   int
	new   int
	segs  []Segment
	// folded counts the unchanged paragraphs an elision mark stands for.
	folded int
}

// layout picks what to show: the changed fields other than the body, in
// field order, with the body's paragraphs in place of the body field.
func layout(d Diff, o RenderOptions) []block {
	var blocks []block
	for _, f := range d.Fields {
		if f.Field == FieldBody {
			blocks = append(blocks, paragraphBlocks(d.Paragraphs, o.Context)...)
			continue
		}
		if f.Changed {
			blocks = append(blocks, block{kind: blockField, field: f.Field, segs: f.Segments})
		}
	}
	return blocks
}

func paragraphBlocks(ps []ParagraphDiff, context int) []block {
	show := make([]bool, len(ps))
	for i, p := range ps {
		if context < 0 {
			show[i] = true
			continue
		}
		if p.Op == ParagraphEqual {
			continue
		}
		for j := max(0, i-context); j <= min(len(ps)-1, i+context); j++ {
			show[j] = true
		}
	}
	var blocks []block
	anyShown := false
	for i, p := range ps {
		if show[i] {
			blocks = append(blocks, block{kind: blockParagraph, op: p.Op, old: p.Old, new: p.New, segs: p.Segments})
			anyShown = true
			continue
		}
		if n := len(blocks); n == 0 || blocks[n-1].kind != blockElided {
			blocks = append(blocks, block{kind: blockElided})
		}
		blocks[len(blocks)-1].folded++
	}
	if !anyShown {
		return nil
	}
	return blocks
}

// fieldLabel is the title-case label of a field.
func fieldLabel(field string) string {
	if field == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(field)
	return strings.ToUpper(string(r)) + field[n:]
}

// movedLabel names the old position of a moved paragraph, counting from 1
// as readers do.
func movedLabel(old int) string {
	return "moved from paragraph " + strconv.Itoa(old+1)
}
