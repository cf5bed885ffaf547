package diff

import (
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
)

// htmlStyles are the inline styles for each class, used in e-mail where
// style sheets are dropped, and the source of StyleSheet. Marks use
// background-color, not the background shorthand, which Outlook's Word
// engine ignores on inline elements, and each mark has its decoration as
// well as its colour, since some clients and readers drop colour.
var htmlStyles = map[string]string{
	"rl-diff":   "line-height:1.5",
	"rl-field":  "margin:0 0 0.25em 0",
	"rl-label":  "font-weight:bold",
	"rl-para":   "margin:0 0 1em 0;padding-left:8px;border-left:3px solid transparent",
	"rl-equal":  "color:#57606a",
	"rl-insert": "border-left-color:#1a7f37",
	"rl-delete": "border-left-color:#cf222e",
	"rl-change": "border-left-color:#9a6700",
	"rl-move":   "border-left-color:#0969da",
	"rl-moved":  "color:#0969da;font-size:smaller",
	"rl-elided": "margin:0 0 1em 0;color:#6e7781",
	"rl-none":   "color:#6e7781",
	"rl-ins":    "background-color:#dafbe1;color:#116329;text-decoration:underline",
	"rl-del":    "background-color:#ffebe9;color:#82071e;text-decoration:line-through",
}

// StyleSheet returns CSS for the classes WriteHTML emits, for pages that
// embed the diff without RenderOptions.InlineStyles.
func StyleSheet() string {
	names := make([]string, 0, len(htmlStyles))
	for n := range htmlStyles {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		if htmlStyles[n] != "" {
			fmt.Fprintf(&b, ".%s{%s}\n", n, htmlStyles[n])
		}
	}
	return b.String()
}

// WriteHTML writes the diff as an HTML fragment, safe to embed in a page or
// an e-mail: all text is escaped, deletions are <del class="rl-del">,
// insertions <ins class="rl-ins">, and each field or paragraph is one <p>
// with classes naming what happened to it (rl-field rl-headline, rl-para
// rl-change, rl-elided, ...), all inside <div class="rl-diff">. Line breaks
// inside a field (between notes) become <br>. The layout is WritePlain's.
func WriteHTML(w io.Writer, d Diff, o RenderOptions) error {
	var b strings.Builder
	hw := htmlWriter{b: &b, inline: o.InlineStyles}
	b.WriteString("<div")
	hw.attrs("rl-diff")
	b.WriteString(">\n")
	blocks := layout(d, o)
	if len(blocks) == 0 {
		b.WriteString("<p")
		hw.attrs("rl-none")
		b.WriteString(">No changes.</p>\n")
	}
	for _, bl := range blocks {
		b.WriteString("<p")
		switch bl.kind {
		case blockElided:
			hw.attrs("rl-elided")
			b.WriteString(">…</p>\n")
			continue
		case blockField:
			hw.attrs("rl-field", "rl-"+bl.field)
			b.WriteString("><span")
			hw.attrs("rl-label")
			b.WriteString(">" + html.EscapeString(fieldLabel(bl.field)) + ":</span>")
			if bl.field == FieldNotes {
				b.WriteString("<br>")
			} else {
				b.WriteString(" ")
			}
		case blockParagraph:
			hw.attrs("rl-para", "rl-"+bl.op.String())
			b.WriteString(">")
			if bl.op == ParagraphMove {
				b.WriteString("<span")
				hw.attrs("rl-moved")
				b.WriteString(">" + html.EscapeString(movedLabel(bl.old)) + "</span> ")
			}
		}
		for _, s := range bl.segs {
			hw.segment(s)
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</div>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("diff: write html: %w", err)
	}
	return nil
}

type htmlWriter struct {
	b      *strings.Builder
	inline bool
}

// attrs writes the class attribute and, for e-mail, the merged inline
// styles of those classes.
func (hw htmlWriter) attrs(classes ...string) {
	hw.b.WriteString(` class="` + html.EscapeString(strings.Join(classes, " ")) + `"`)
	if !hw.inline {
		return
	}
	var styles []string
	for _, c := range classes {
		if s := htmlStyles[c]; s != "" {
			styles = append(styles, s)
		}
	}
	if len(styles) > 0 {
		hw.b.WriteString(` style="` + html.EscapeString(strings.Join(styles, ";")) + `"`)
	}
}

func (hw htmlWriter) segment(s Segment) {
	tag, class := "", ""
	switch s.Op {
	case Insert:
		tag, class = "ins", "rl-ins"
	case Delete:
		tag, class = "del", "rl-del"
	}
	if tag == "" {
		hw.b.WriteString(strings.ReplaceAll(html.EscapeString(s.Text), "\n", "<br>"))
		return
	}
	// Line breaks stay outside the marks, as in the text renderers.
	for i, part := range strings.Split(s.Text, "\n") {
		if i > 0 {
			hw.b.WriteString("<br>")
		}
		if part == "" {
			continue
		}
		hw.b.WriteString("<" + tag)
		hw.attrs(class)
		hw.b.WriteString(">" + html.EscapeString(part) + "</" + tag + ">")
	}
}
