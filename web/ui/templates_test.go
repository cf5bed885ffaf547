package ui

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// TestTemplates holds the page registry and the template files to each
// other: every registered page has its file and parses, every file is a
// registered page (or the layout), and every asset the layout names exists.
func TestTemplates(t *testing.T) {
	e, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		names = append(names, name)
		if !slices.Contains(pages, name) {
			t.Errorf("template %s is not a registered page (add it to pages, or delete it)", f)
		}
	}
	for _, p := range pages {
		if !slices.Contains(names, p) {
			t.Errorf("page %q has no template templates/%s.html", p, p)
		}
		if e.pages[p] == nil || e.pages[p].Lookup("content") == nil {
			t.Errorf("page %q does not define its content block", p)
		}
	}
	for _, a := range []string{"redline.css", "redline.js", "print.css"} {
		if _, err := e.assetURL(a); err != nil {
			t.Error(err)
		}
	}
	if _, err := e.execute("no-such-page", nil); err == nil {
		t.Error("rendering an unregistered page did not fail")
	}
}
