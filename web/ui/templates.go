package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages names every page template; a page is templates/NAME.html drawn
// inside templates/layout.html. TestTemplates checks that each name has its
// file and each file its name, so a page cannot ship without its template
// nor a template linger unused.
var pages = []string{
	"error",
	"login",
	"sources",
	"stories",
	"changes",
	"story",
	"diff",
	"evidence",
}

// engine holds the parsed pages and the static assets' version hashes.
type engine struct {
	pages  map[string]*template.Template
	assets map[string]string // file name → content hash, for cache busting
}

func parseTemplates() (*engine, error) {
	e := &engine{pages: map[string]*template.Template{}, assets: map[string]string{}}
	files, err := fs.Glob(staticFS, "static/*")
	if err != nil {
		return nil, fmt.Errorf("ui: list static assets: %w", err)
	}
	for _, f := range files {
		b, err := staticFS.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("ui: read static asset %s: %w", f, err)
		}
		sum := sha256.Sum256(b)
		e.assets[strings.TrimPrefix(f, "static/")] = hex.EncodeToString(sum[:6])
	}
	funcs := template.FuncMap{"asset": e.assetURL}
	for name, fn := range templateFuncs {
		funcs[name] = fn
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("ui: parse layout: %w", err)
	}
	for _, name := range pages {
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("ui: parse page %s: %w", name, err)
		}
		e.pages[name] = t
	}
	return e, nil
}

// assetURL names a static file with its content hash, so browsers may
// cache it for good and still see a new release at once.
func (e *engine) assetURL(name string) (string, error) {
	v, ok := e.assets[name]
	if !ok {
		return "", fmt.Errorf("ui: no static asset %q", name)
	}
	return "/static/" + name + "?v=" + v, nil
}

// execute renders page into a buffer, so a template error becomes an
// error page instead of half a page.
func (e *engine) execute(page string, data any) ([]byte, error) {
	t, ok := e.pages[page]
	if !ok {
		return nil, fmt.Errorf("ui: render: no page template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return nil, fmt.Errorf("ui: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// templateFuncs are the helpers every template may call.
var templateFuncs = template.FuncMap{}
