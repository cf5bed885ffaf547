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

var mailTemplate = template.Must(template.New("mail.html.tmpl").Funcs(template.FuncMap{
	"diffHTML": diffHTML,
}).ParseFS(templateFS, "mail.html.tmpl"))

// textWidth keeps the plain part readable in clients that do not wrap.
const textWidth = 72

func renderText(w io.Writer, v mailView) error {
	var b strings.Builder
	b.WriteString(v.Title + "\n")
	for _, s := range v.Stories {
		b.WriteString("\n" + strings.Repeat("-", textWidth) + "\n")
		b.WriteString(oneLine(s.Headline) + "\n")
		b.WriteString(oneLine(s.Site) + " · " + s.Summary + "\n")
		b.WriteString(s.Versions + "\n")
		if !v.Headlines {
			b.WriteString("\n")
			o := diffOptions
			o.Width = textWidth
			if err := diff.WritePlain(&b, s.Diff, o); err != nil {
				return fmt.Errorf("render text: %w", err)
			}
		}
		b.WriteString("\nFull diff: " + s.Permalink + "\n")
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
