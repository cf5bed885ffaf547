package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
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

// section is one story's part of both bodies. It depends only on the
// change, the reader's time zone and HeadlinesOnly, so a digest renders
// it once for all its subscribers.
type section struct {
	Text string
	HTML template.HTML
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
	sec := section{Text: b.String()}

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
	sec.HTML = template.HTML(h.String()) // escaped by html/template
	return sec, nil
}

func renderText(w io.Writer, v mailView) error {
	var b strings.Builder
	b.WriteString(v.Title + "\n")
	for _, s := range v.Sections {
		b.WriteString(s.Text)
	}
	b.WriteString("\n-- \n" + v.Why + "\n")
	if v.UnsubURL != "" {
		b.WriteString("To stop, open " + v.UnsubURL + "\n")
	}
	if v.UnsubMailto != "" {
		b.WriteString("To stop, mail " + v.UnsubMailto + " with the subject \"unsubscribe\".\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("render text: %w", err)
	}
	return nil
}

func renderHTML(w io.Writer, v mailView) error {
	if err := mailTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}
