package newsroom

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// storyTemplates are the article page templates, each imitating a
// different publishing system. The order is the default story assignment.
var storyTemplates = []string{"classic", "divsoup", "jsonld", "liveblog", "amp", "split", "brbr", "related", "metaline", "chunks"}

// utilityTemplates render the pages around the stories.
var utilityTemplates = []string{"section", "paywall", "consent", "status"}

// Templates returns the names of the article page templates.
func Templates() []string { return append([]string(nil), storyTemplates...) }

// pages holds every template parsed once, on the first page served rather
// than at package initialization: every redline process links the demo
// site, few of them serve it. All are parsed together, so a broken template
// still fails every test at once instead of one request.
var pages = sync.OnceValue(mustParsePages)

func mustParsePages() map[string]*template.Template {
	funcs := template.FuncMap{
		"iso":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"date": displayDate,
	}
	out := make(map[string]*template.Template)
	for _, name := range append(Templates(), utilityTemplates...) {
		t := template.New(name).Funcs(funcs)
		out[name] = template.Must(t.ParseFS(templateFS, "templates/partials.html", "templates/"+name+".html"))
	}
	return out
}

func render(name string, data any) ([]byte, error) {
	t, ok := pages()[name]
	if !ok {
		return nil, fmt.Errorf("newsroom: render: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", data); err != nil {
		return nil, fmt.Errorf("newsroom: render template %q: %w", name, err)
	}
	return buf.Bytes(), nil
}

// displayDate formats a time the way American newspapers print it:
// "March 12, 2026, 6:05 a.m. EST".
func displayDate(t time.Time) string {
	s := t.Format("January 2, 2006, 3:04 PM MST")
	return strings.NewReplacer(" AM ", " a.m. ", " PM ", " p.m. ").Replace(s)
}

// splitAuthors turns "A, B and C" into names, for author markup.
func splitAuthors(byline string) []string {
	var out []string
	for _, part := range strings.Split(byline, ",") {
		for _, name := range strings.Split(part, " and ") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}
