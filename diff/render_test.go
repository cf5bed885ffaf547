package diff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// storyEdit is one update of the base story touching every kind of change.
func storyEdit() Diff {
	old := base()
	old.Paragraphs = append(old.Paragraphs,
		"Firefighters remained at the scene on Wednesday morning.",
		"The company did not respond to a request for comment.",
		"Investigators are expected to visit the site later this week.")
	new := edit(func(a *redline.Article) {
		a.Headline = "Warehouse fire kills 15 in harbour district"
		a.Byline = "By Jane Doe"
		a.Developing = false
		a.Paragraphs[0] = strings.Replace(a.Paragraphs[0], "12 people", "15 people", 1)
		a.Paragraphs[3] = strings.Replace(a.Paragraphs[3],
			"Some residents fled the building in their nightclothes as the fire spread.",
			"Most residents were evacuated from the building by police before the fire reached them.", 1)
		p := a.Paragraphs[4]
		a.Paragraphs = slices.Insert(slices.Delete(a.Paragraphs, 4, 5), 1, p)
		a.Paragraphs = append(a.Paragraphs,
			"Firefighters remained at the scene on Wednesday morning.",
			"The company did not respond to a request for comment.",
			"A <script>alert(1)</script> & \"quoted\" line was added.")
		a.Notes = append(a.Notes, "Correction: An earlier version misstated the owner of the warehouse.")
	})
	return Compare(old, new)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestWrite_golden(t *testing.T) {
	d := storyEdit()
	tests := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"story.plain.golden", func(b *bytes.Buffer) error { return WritePlain(b, d, RenderOptions{Context: 1}) }},
		{"story.plain-all-72.golden", func(b *bytes.Buffer) error { return WritePlain(b, d, RenderOptions{Context: -1, Width: 72}) }},
		{"story.ansi.golden", func(b *bytes.Buffer) error { return WriteANSI(b, d, RenderOptions{Context: 1}) }},
		{"story.html.golden", func(b *bytes.Buffer) error { return WriteHTML(b, d, RenderOptions{Context: 1}) }},
		{"story.email.html.golden", func(b *bytes.Buffer) error {
			return WriteHTML(b, d, RenderOptions{Context: 0, InlineStyles: true})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.Bytes())
		})
	}
}

func TestWritePlain_context(t *testing.T) {
	old := redline.Article{Paragraphs: []string{"P0.", "P1.", "P2.", "P3.", "P4.", "P5.", "P6."}}
	new := redline.Article{Paragraphs: []string{"P0.", "P1.", "P2.", "P3 changed.", "P4.", "P5.", "P6."}}
	d := Compare(old, new)
	tests := []struct {
		context int
		want    string
	}{
		{0, "…\n\nP3{+ changed+}.\n\n…\n"},
		{1, "…\n\nP2.\n\nP3{+ changed+}.\n\nP4.\n\n…\n"},
		{3, "P0.\n\nP1.\n\nP2.\n\nP3{+ changed+}.\n\nP4.\n\nP5.\n\nP6.\n"},
		{-1, "P0.\n\nP1.\n\nP2.\n\nP3{+ changed+}.\n\nP4.\n\nP5.\n\nP6.\n"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.want[:min(len(tt.want), 12)], "\n", " "), func(t *testing.T) {
			var b strings.Builder
			if err := WritePlain(&b, d, RenderOptions{Context: tt.context}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("context %d:\n%q\nwant\n%q", tt.context, b.String(), tt.want)
			}
		})
	}
}

func TestWrite_noChanges(t *testing.T) {
	d := Compare(base(), base())
	tests := []struct {
		name  string
		write func(*strings.Builder) error
		want  string
	}{
		{"plain", func(b *strings.Builder) error { return WritePlain(b, d, DefaultRenderOptions()) }, "No changes.\n"},
		{"ansi", func(b *strings.Builder) error { return WriteANSI(b, d, DefaultRenderOptions()) }, "No changes.\n"},
		{"html", func(b *strings.Builder) error { return WriteHTML(b, d, DefaultRenderOptions()) },
			"<div class=\"rl-diff\">\n<p class=\"rl-none\">No changes.</p>\n</div>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}

func TestWriteHTML_escapes(t *testing.T) {
	old := redline.Article{Headline: `Old <b>"title"</b>`, Paragraphs: []string{"Keep <script>alert('x')</script> & go."}}
	new := redline.Article{Headline: `New <b>"title"</b>`, Paragraphs: []string{"Keep <script>alert('y')</script> & go.", "<img src=x onerror=alert(1)>"}}
	for _, inline := range []bool{false, true} {
		var b strings.Builder
		if err := WriteHTML(&b, Compare(old, new), RenderOptions{Context: -1, InlineStyles: inline}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, bad := range []string{"<script", "<b>", "<img", `"title"`, "'x'"} {
			if strings.Contains(out, bad) {
				t.Errorf("inline=%v: output contains unescaped %q:\n%s", inline, bad, out)
			}
		}
		for _, good := range []string{"&lt;script&gt;", "&amp; go.", "&lt;img src=x onerror=alert(1)&gt;", "&#34;title&#34;"} {
			if !strings.Contains(out, good) {
				t.Errorf("inline=%v: output lacks %q:\n%s", inline, good, out)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"one two three four", 9, "one two\nthree\nfour"},
		{"one two three four", 0, "one two three four"},
		{"averyveryverylongword x", 5, "averyveryverylongword\nx"},
		{"ab\ncd ef", 4, "ab\ncd\nef"},
		{"\x1b[1mab\x1b[0m cd", 5, "\x1b[1mab\x1b[0m cd"},
		{"éé éé éé", 5, "éé éé\néé"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := wrap(tt.in, tt.width); got != tt.want {
				t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

type failWriter struct{}

var errBroken = errors.New("broken pipe")

func (failWriter) Write([]byte) (int, error) { return 0, errBroken }

func TestWrite_errors(t *testing.T) {
	d := storyEdit()
	for name, err := range map[string]error{
		"plain": WritePlain(failWriter{}, d, RenderOptions{}),
		"ansi":  WriteANSI(failWriter{}, d, RenderOptions{}),
		"html":  WriteHTML(failWriter{}, d, RenderOptions{}),
		"json":  WriteJSON(failWriter{}, d),
	} {
		if !errors.Is(err, errBroken) {
			t.Errorf("%s: error %v, want one wrapping %v", name, err, errBroken)
		}
	}
}

func TestStyleSheet(t *testing.T) {
	css := StyleSheet()
	for _, class := range []string{".rl-ins{", ".rl-del{", ".rl-para{", ".rl-moved{"} {
		if !strings.Contains(css, class) {
			t.Errorf("StyleSheet() lacks %s:\n%s", class, css)
		}
	}
}

func TestWriteANSI_controlCharacters(t *testing.T) {
	old := redline.Article{Paragraphs: []string{"Safe text."}}
	new := redline.Article{Paragraphs: []string{"Safe text.", "Evil \x1b]0;pwned\x07 title \x1b[2J clear\r."}}
	for name, write := range map[string]func(*strings.Builder, Diff) error{
		"plain": func(b *strings.Builder, d Diff) error { return WritePlain(b, d, RenderOptions{Context: -1}) },
		"ansi":  func(b *strings.Builder, d Diff) error { return WriteANSI(b, d, RenderOptions{Context: -1}) },
	} {
		var b strings.Builder
		if err := write(&b, Compare(old, new)); err != nil {
			t.Fatal(err)
		}
		out := strings.NewReplacer(sgrReset, "", sgrInsert, "", sgrDelete, "").Replace(b.String())
		if strings.ContainsAny(out, "\x1b\x07\r") {
			t.Errorf("%s: control characters from the article reach the output: %q", name, out)
		}
		if !strings.Contains(out, "Evil \uFFFD]0;pwned\uFFFD title") {
			t.Errorf("%s: text around the control characters lost: %q", name, out)
		}
	}
}

// TestWriteHTML_inlineMarks checks what mail clients need: every inline
// mark carries its meaning in its decoration, not only in colour.
func TestWriteHTML_inlineMarks(t *testing.T) {
	var b strings.Builder
	if err := WriteHTML(&b, storyEdit(), RenderOptions{Context: -1, InlineStyles: true}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for tag, want := range map[string]string{"del": "text-decoration:line-through", "ins": "text-decoration:underline"} {
		marks := strings.Split(out, "<"+tag+" ")[1:]
		if len(marks) == 0 {
			t.Fatalf("no <%s> in %s", tag, out)
		}
		for _, m := range marks {
			style := m[:strings.Index(m, ">")]
			if !strings.Contains(style, want) || !strings.Contains(style, "background-color:") {
				t.Errorf("<%s %s> lacks %s or a background-color", tag, style, want)
			}
		}
	}
}
