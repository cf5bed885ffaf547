package report

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// parsed is a composed mail read back the way a receiver reads it.
type parsed struct {
	header      mail.Header
	text, html  string
	headerNames []string
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v", err)
	}
	for _, line := range strings.Split(string(raw[:bytes.Index(raw, []byte("\r\n\r\n"))]), "\r\n") {
		if len(line) > 998 {
			t.Errorf("header line of %d characters", len(line))
		}
		if name, _, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") {
			if slices.Contains([]string{"Subject", "From", "To", "Message-ID", "Date"}, name) && slices.Contains(slicesOf(msg.Header), "dup:"+name) {
				t.Errorf("header %s twice", name)
			}
		}
	}
	p := parsed{header: msg.Header, headerNames: slicesOf(msg.Header)}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q is not multipart/alternative (%v)", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var types []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		ct, cparams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		if cparams["charset"] != "utf-8" {
			t.Errorf("part %s has charset %q", ct, cparams["charset"])
		}
		// multipart.Reader decodes quoted-printable itself and drops the
		// header; decode by hand if it did not.
		var r io.Reader = part
		if part.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			r = quotedprintable.NewReader(part)
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("read %s part: %v", ct, err)
		}
		types = append(types, ct)
		switch ct {
		case "text/plain":
			p.text = string(body)
		case "text/html":
			p.html = string(body)
		}
	}
	if !slices.Equal(types, []string{"text/plain", "text/html"}) {
		t.Fatalf("parts are %v, want text/plain then text/html", types)
	}
	return p
}

func slicesOf(h mail.Header) []string {
	var names []string
	for k, v := range h {
		names = append(names, k)
		if len(v) > 1 {
			names = append(names, "dup:"+k)
		}
	}
	slices.Sort(names)
	return names
}

func TestCompose_parses(t *testing.T) {
	m, err := Compose(subscriber(t, "immediate", Follow{All: true}), []Change{paragraphsAdded()}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, m.Bytes())
	want := map[string]string{
		"From":                  `"Redline" <redline@newsroom.test>`,
		"To":                    "<desk@newsroom.test>",
		"Reply-To":              `"Standards desk" <standards@newsroom.test>`,
		"Message-Id":            m.ID,
		"Mime-Version":          "1.0",
		"Auto-Submitted":        "auto-generated",
		"List-Unsubscribe":      "<mailto:unsubscribe@newsroom.test?subject=unsubscribe>, <https://redline.newsroom.test/unsubscribe?s=abc123>",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"X-Redline-Stories":     "7:4-5",
		"Subject":               "Updated: Rail strike talks: Ortiz and union chief Hale to speak Thursday, 36 hours before deadline (+2 paragraphs)",
	}
	for k, v := range want {
		if got := p.header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if d, err := p.header.Date(); err != nil || !d.Equal(t0) {
		t.Errorf("Date = %v (%v), want %v", d, err, t0)
	}
	for _, s := range []string{
		"{+Hale said in a statement on Wednesday evening",
		"Full diff: https://redline.newsroom.test/stories/7/diff/4/5",
		"To stop, open https://redline.newsroom.test/unsubscribe?s=abc123",
	} {
		if !strings.Contains(p.text, s) {
			t.Errorf("text part lacks %q:\n%s", s, p.text)
		}
	}
	// The added paragraphs are there in full, with the strike-through and
	// underline styles Gmail keeps.
	ins := regexp.MustCompile(`<ins [^>]*style="[^"]*text-decoration:underline[^"]*">About 4,200 train operators, conductors and station staff would walk off the job if no agreement is reached, the union said.</ins>`)
	if !ins.MatchString(p.html) {
		t.Errorf("html part lacks the added paragraph as an underlined <ins>:\n%s", p.html)
	}
	if !strings.Contains(p.html, `href="https://redline.newsroom.test/stories/7/diff/4/5"`) {
		t.Error("html part lacks the permalink")
	}
	if strings.Contains(p.html, "<style") || strings.Contains(p.html, "<link") {
		t.Error("html part has a style sheet; mail clients drop them")
	}
}

func TestCompose_editMarks(t *testing.T) {
	m, err := Compose(subscriber(t, "immediate", Follow{All: true}), []Change{bridgeChange()}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, m.Bytes())
	del := regexp.MustCompile(`<del [^>]*style="[^"]*line-through[^"]*">20</del>`)
	ins := regexp.MustCompile(`<ins [^>]*style="[^"]*underline[^"]*">45</ins>`)
	if !del.MatchString(p.html) || !ins.MatchString(p.html) {
		t.Errorf("html part lacks <del …line-through>20 and <ins …underline>45:\n%s", p.html)
	}
	if !strings.Contains(p.text, "[-20-]{+45+} minutes") {
		t.Errorf("text part lacks [-20-]{+45+}:\n%s", p.text)
	}
}

func TestCompose_headlineCannotAddHeader(t *testing.T) {
	for _, evil := range []string{
		"Fire downtown\r\nBcc: everyone@victim.test",
		"Fire downtown\nBcc: everyone@victim.test",
		"Fire downtown\rBcc: everyone@victim.test",
		"Fire downtown\r\n\r\n<html>body</html>",
		"Fire — downtown\u2028Bcc: everyone@victim.test",
	} {
		c := headlineChange()
		c.Headline = evil
		m, err := Compose(subscriber(t, "immediate", Follow{All: true}), []Change{c}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		p := parse(t, m.Bytes())
		if p.header.Get("Bcc") != "" || slices.Contains(p.headerNames, "Bcc") {
			t.Errorf("headline %q added a Bcc header", evil)
		}
		want := []string{"Auto-Submitted", "Content-Type", "Date", "From", "List-Unsubscribe", "List-Unsubscribe-Post",
			"Message-Id", "Mime-Version", "Reply-To", "Subject", "To", "X-Redline-Stories"}
		if !slices.Equal(p.headerNames, want) {
			t.Errorf("headline %q: headers are %v, want %v", evil, p.headerNames, want)
		}
		subj, err := new(mime.WordDecoder).DecodeHeader(p.header.Get("Subject"))
		if err != nil || !strings.HasPrefix(subj, "Headline changed: Fire") || strings.ContainsAny(subj, "\r\n") {
			t.Errorf("headline %q: subject %q (%v)", evil, subj, err)
		}
	}
}

func TestCompose_nonASCIISubject(t *testing.T) {
	for _, h := range []string{
		"Überschwemmung in Köln: Pegel steigt auf 8,20 Meter",
		"東京で大雨、交通機関に乱れ 午後も警戒続く見通し",
		"Plain ASCII that only looks like =?utf-8?q?an_encoded_word?=",
		strings.Repeat("Très longue manchette ", 8),
	} {
		c := headlineChange()
		c.Headline = h
		m, err := Compose(subscriber(t, "immediate", Follow{All: true}), []Change{c}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		raw := m.Bytes()
		hdr := string(raw[:bytes.Index(raw, []byte("\r\n\r\n"))])
		for _, line := range strings.Split(hdr, "\r\n") {
			if len(line) > maxLine {
				t.Errorf("%q: header line longer than %d: %q", h, maxLine, line)
			}
			for _, b := range []byte(line) {
				if b >= 0x80 {
					t.Fatalf("%q: raw 8-bit byte in header line %q", h, line)
				}
			}
		}
		p := parse(t, raw)
		subj, err := new(mime.WordDecoder).DecodeHeader(p.header.Get("Subject"))
		if err != nil {
			t.Fatal(err)
		}
		if subj != m.Subject || !strings.HasPrefix(subj, "Headline changed: ") {
			t.Errorf("subject round-trips to %q, want %q", subj, m.Subject)
		}
		if n := len([]rune(subj)); n > maxSubject {
			t.Errorf("subject of %d characters: %q", n, subj)
		}
		if !strings.Contains(subj, strings.Fields(h)[0]) {
			t.Errorf("subject %q lost the headline %q", subj, h)
		}
	}
}

func TestCompose_escapesArticleText(t *testing.T) {
	c := bridgeChange()
	c.Headline = `Bridge <script>alert("h")</script> closed`
	a := c.To.Article
	a.Headline = c.Headline
	a.Paragraphs = append(a.Paragraphs,
		`Officials said <script>alert(document.cookie)</script> nothing.`,
		`A photo <img src=x onerror="alert(1)"> showed the beam.`,
		`Click <a href="javascript:alert(2)">javascript:alert(2)</a> for the map.`)
	c.To.Article = a
	c = NewChange(story(12, c.URL, "transit"), c.From, c.To)
	m, err := Compose(subscriber(t, "immediate", Follow{All: true}), []Change{c}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, m.Bytes())
	for _, bad := range []string{"<script", "<img", "onerror=\"", "<a href=\"javascript:", "href=\"javascript:"} {
		if strings.Contains(strings.ToLower(p.html), bad) {
			t.Errorf("html part contains %q unescaped", bad)
		}
	}
	for _, good := range []string{"&lt;script&gt;", "&lt;img src=x onerror=", "&lt;a href=", "javascript:alert(2)&lt;/a&gt;"} {
		if !strings.Contains(p.html, good) {
			t.Errorf("html part lacks the escaped %q", good)
		}
	}
}
