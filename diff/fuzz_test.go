package diff

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/redline-news/redline"
)

// fuzzArticle reads an article from one fuzz string: the first three lines
// are headline, byline and dek, later lines paragraphs, those starting
// with "Note:" correction notes, and "developing" anywhere sets the flag.
func fuzzArticle(s string) redline.Article {
	lines := strings.Split(s, "\n")
	a := redline.Article{Developing: strings.Contains(s, "developing")}
	for i, l := range lines {
		switch {
		case i == 0:
			a.Headline = l
		case i == 1:
			a.Byline = l
		case i == 2:
			a.Dek = l
		case strings.HasPrefix(l, "Note:"):
			a.Notes = append(a.Notes, l)
		default:
			a.Paragraphs = append(a.Paragraphs, l)
		}
	}
	return a
}

var fuzzSeeds = [][2]string{
	{"Warehouse fire kills 12\nBy A. Reporter\nOfficials say\nA fire killed 12 people.\nRoads are closed.",
		"Warehouse fire kills 15\nBy A. Reporter\nOfficials say\nA fire killed 15 people, officials said.\nRoads are closed.\nNote: Corrected the toll."},
	{"", "Only new\n\n\nFirst paragraph.\nSecond paragraph. developing"},
	{"a\nb\nc\nmoved one\nstays\nother", "a\nb\nc\nstays\nother\nmoved one"},
	{"<script>alert(1)</script>\n&amp;\n\"quoted\" 'single'\n<b>bold</b> & co", "<img src=x onerror=alert(1)>\n&lt;\n\x1b[31mred\x1b[0m\n\u009b2J cleared"},
	{"caf\xe9 \xff\xfe invalid\n\n\nbroken \xc3", "café valid\n\n\nbroken \xc3\xa9"},
	{"東京 1,500 people don't — (brackets) U.S. 3.5", "東京 1,600 people do — [brackets] U.S. 3.6\r\ttabbed"},
}

func FuzzCompare(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		old, new := fuzzArticle(a), fuzzArticle(b)
		d := Compare(old, new)
		oldT, newT := fieldTexts(old), fieldTexts(new)
		if len(d.Fields) != len(oldT) {
			t.Fatalf("%d fields, want %d", len(d.Fields), len(oldT))
		}
		for _, fd := range d.Fields {
			if got := joinOp(fd.Segments, Delete); got != oldT[fd.Field] {
				t.Errorf("%s: old side rebuilt as %q, want %q", fd.Field, got, oldT[fd.Field])
			}
			if got := joinOp(fd.Segments, Insert); got != newT[fd.Field] {
				t.Errorf("%s: new side rebuilt as %q, want %q", fd.Field, got, newT[fd.Field])
			}
			changed := oldT[fd.Field] != newT[fd.Field]
			if fd.Field == FieldBody {
				// No paragraphs and one empty paragraph are one text, but
				// not one body.
				changed = changed || len(old.Paragraphs) != len(new.Paragraphs)
			}
			if fd.Changed != changed {
				t.Errorf("%s: Changed = %v for %q → %q", fd.Field, fd.Changed, oldT[fd.Field], newT[fd.Field])
			}
		}
		checkParagraphs(t, d, old, new)
		if d.Added < 0 || d.Removed < 0 || d.Added+d.Removed > 0 && !d.Changed() {
			t.Errorf("counts: added %d removed %d, changed %v", d.Added, d.Removed, d.Changed())
		}
		_ = d.Summary()
	})
}

func FuzzRender(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s[0], s[1], 1, 0)
	}
	f.Add("a\nb\nc\n1\n2\n3\n4\n5", "a\nb\nc\n1\n2\nthree\n4\n5", 0, 20)
	f.Fuzz(func(t *testing.T, a, b string, context, width int) {
		d := Compare(fuzzArticle(a), fuzzArticle(b))
		o := RenderOptions{Context: max(-1, context%4), Width: width % 200}

		var plain, ansi bytes.Buffer
		if err := WritePlain(&plain, d, o); err != nil {
			t.Fatal(err)
		}
		if i := bytes.IndexFunc(plain.Bytes(), unsafeControl); i >= 0 {
			t.Fatalf("plain output carries control character %q: %q", plain.Bytes()[i], plain.String())
		}
		if err := WriteANSI(&ansi, d, o); err != nil {
			t.Fatal(err)
		}
		if rest := ownSGR.ReplaceAll(ansi.Bytes(), nil); bytes.IndexFunc(rest, unsafeControl) >= 0 {
			t.Fatalf("ANSI output carries a control character of the input: %q", ansi.String())
		}

		for _, inline := range []bool{false, true} {
			o.InlineStyles = inline
			var out bytes.Buffer
			if err := WriteHTML(&out, d, o); err != nil {
				t.Fatal(err)
			}
			checkHTML(t, out.String())
		}

		var js bytes.Buffer
		if err := WriteJSON(&js, d); err != nil {
			t.Fatal(err)
		}
		var back Diff
		if err := json.Unmarshal(js.Bytes(), &back); err != nil {
			t.Fatalf("JSON output does not decode: %v\n%s", err, js.String())
		}
		var again bytes.Buffer
		if err := WriteJSON(&again, back); err != nil || !bytes.Equal(again.Bytes(), js.Bytes()) {
			t.Fatalf("JSON does not round-trip (%v):\n%s\n%s", err, js.String(), again.String())
		}
	})
}

// ownSGR matches the escape sequences the ANSI renderer writes itself.
var ownSGR = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// htmlTags are the only elements WriteHTML writes; anything else came from
// the article unescaped.
var htmlTags = map[string]bool{"div": true, "p": true, "span": true, "ins": true, "del": true, "br": true}

// checkHTML fails unless out is a fragment of only WriteHTML's own
// elements, each closed in order, with every text character escaped.
func checkHTML(t *testing.T, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	var open []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if len(open) > 0 {
				t.Fatalf("unclosed %v in:\n%s", open, out)
			}
			return
		case html.TextToken:
			if raw := z.Raw(); bytes.ContainsAny(raw, `<>"'`) {
				t.Fatalf("text not escaped: %q in:\n%s", raw, out)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if !htmlTags[tag] {
				t.Fatalf("element <%s> in:\n%s", tag, out)
			}
			for hasAttr {
				var key []byte
				key, _, hasAttr = z.TagAttr()
				if k := string(key); k != "class" && k != "style" {
					t.Fatalf("attribute %s on <%s> in:\n%s", k, tag, out)
				}
			}
			if tag != "br" && tt == html.StartTagToken {
				open = append(open, tag)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				t.Fatalf("</%s> closes %v in:\n%s", name, open, out)
			}
			open = open[:len(open)-1]
		default:
			t.Fatalf("unexpected %v token %q in:\n%s", tt, z.Raw(), out)
		}
	}
}
