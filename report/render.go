package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"mime/quotedprintable"
	"strings"

	"github.com/redline-news/redline/diff"
)

//go:embed mail.html.tmpl
var templateFS embed.FS

var mailTemplate = template.Must(template.ParseFS(templateFS, "mail.html.tmpl"))

// textWidth keeps the plain part readable in clients that do not wrap.
const textWidth = 72

// diffOptions fold unchanged paragraphs to one of context on each side;
// added paragraphs are shown whole.
var diffOptions = diff.RenderOptions{Context: 1}

// section is one story's part of both bodies, already quoted-printable
// encoded. It depends only on the change, the reader's time zone and
// HeadlinesOnly, so a digest renders and encodes it once for all its
// readers. Every rendered piece of a mail ends in a line break, which
// resets quoted-printable's line state, so the pieces encoded apart join
// into exactly the encoding of the whole.
type section struct {
	Text, HTML []byte
}

// storyHTML is what the "story" template shows.
type storyHTML struct {
	storyView
	Diff template.HTML
}

func renderSection(s storyView, headlinesOnly bool) (section, error) {
	var b strings.Builder
	b.WriteString("\n" + strings.Repeat("-", textWidth) + "\n")
	b.WriteString(s.Headline + "\n")
	b.WriteString(s.Site + " · " + s.Summary + "\n")
	b.WriteString(s.Versions + "\n")
	if !headlinesOnly {
		b.WriteString("\n")
		o := diffOptions
		o.Width = textWidth
		if err := diff.WritePlain(&b, s.Diff, o); err != nil {
			return section{}, fmt.Errorf("render text of story %d: %w", s.ID, err)
		}
	}
	b.WriteString("\nFull diff: " + s.Permalink + "\n")

	v := storyHTML{storyView: s}
	if !headlinesOnly {
		var d strings.Builder
		o := diffOptions
		o.InlineStyles = true
		if err := diff.WriteHTML(&d, s.Diff, o); err != nil {
			return section{}, fmt.Errorf("render html of story %d: %w", s.ID, err)
		}
		v.Diff = template.HTML(d.String()) // escaped by diff.WriteHTML
	}
	var h strings.Builder
	if err := mailTemplate.ExecuteTemplate(&h, "story", v); err != nil {
		return section{}, fmt.Errorf("render html of story %d: %w", s.ID, err)
	}
	return section{Text: qp(b.String()), HTML: qp(h.String())}, nil
}

// textHead and textFoot frame the plain part.
func textHead(v mailView) string { return v.Title + "\n" }

func textFoot(v mailView) string {
	s := "\n-- \n" + v.Why + "\n"
	if v.UnsubURL != "" {
		s += "To stop, open " + v.UnsubURL + "\n"
	}
	if v.UnsubMailto != "" {
		s += "To stop, mail " + v.UnsubMailto + " with the subject \"unsubscribe\".\n"
	}
	return s
}

func htmlPiece(name string, v mailView) (string, error) {
	var b strings.Builder
	if err := mailTemplate.ExecuteTemplate(&b, name, v); err != nil {
		return "", fmt.Errorf("render html %s: %w", name, err)
	}
	return b.String(), nil
}

// qp encodes s as quoted-printable. Writing to a bytes.Buffer cannot fail.
func qp(s string) []byte {
	var b bytes.Buffer
	b.Grow(len(s) + len(s)/4)
	w := quotedprintable.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.Bytes()
}
