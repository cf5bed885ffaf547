package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/web"
)

func TestBrowser_DiffPageShowsRedline(t *testing.T) {
	s := servePages(t, web.Access{})
	p := testutil.Browser(t)
	p.Navigate(s.URL+"/stories/1/diff/1/2", ".rl-diff")
	if got := p.Text("del.rl-del"); got != "12" {
		t.Errorf("first deletion = %q, want 12", got)
	}
	if got := p.Text("ins.rl-ins"); got != "15" {
		t.Errorf("first insertion = %q, want 15", got)
	}
	if got := p.Text("p.rl-insert"); !strings.Contains(got, "Firefighters remained at the scene") {
		t.Errorf("added paragraph = %q", got)
	}
	// Never colour alone: the marks keep their line-through and underline.
	if got := testutil.Eval[string](p, `getComputedStyle(document.querySelector("del.rl-del")).textDecorationLine`); got != "line-through" {
		t.Errorf("deletion decoration = %q, want line-through", got)
	}
	if got := testutil.Eval[string](p, `getComputedStyle(document.querySelector("ins.rl-ins")).textDecorationLine`); got != "underline" {
		t.Errorf("insertion decoration = %q, want underline", got)
	}
	p.AssertInert()
}

func TestBrowser_SideBySideAndChangesOnly(t *testing.T) {
	s := servePages(t, web.Access{})
	p := testutil.Browser(t)
	p.Navigate(s.URL+"/stories/1/diff/1/2", ".rl-diff")
	p.Click(`a[href="/stories/1/diff/1/2?view=side"]`)
	p.WaitVisible("table.sbs")
	if !strings.HasSuffix(p.URL(), "/stories/1/diff/1/2?view=side") {
		t.Errorf("side-by-side link led to %s", p.URL())
	}
	if n := p.Count("td.before del.rl-del"); n == 0 {
		t.Errorf("no deletion in the old column")
	}
	if n := p.Count("td.before ins, td.after del"); n != 0 {
		t.Errorf("%d marks in the wrong column", n)
	}
	// The two columns sit next to each other on a desktop.
	if left := testutil.Eval[float64](p, `document.querySelector("td.after").getBoundingClientRect().left - document.querySelector("td.before").getBoundingClientRect().left`); left < 300 {
		t.Errorf("new column starts %.0f px right of the old one, want side by side", left)
	}
	p.Click(`a[href="/stories/1/diff/1/2?only=changes&view=side"]`)
	p.WaitVisible("tr.rl-elided")
	if got := p.Text("tr.rl-elided"); !strings.Contains(got, "2 unchanged paragraphs") {
		t.Errorf("folded row = %q", got)
	}
	if n := p.Count("table.sbs tbody tr"); n != 5 {
		t.Errorf("changes-only side-by-side has %d rows, want 5 (change, context, fold, context, added)", n)
	}
	p.AssertInert()
}

func TestBrowser_KeyboardMovesBetweenVersions(t *testing.T) {
	s := servePages(t, web.Access{})
	p := testutil.Browser(t)
	p.Navigate(s.URL+"/stories/1/diff/1/2?view=side", ".diff-nav")
	steps := []struct {
		keys, want string
	}{
		{"j", "/stories/1/diff/2/3?view=side"},
		{kb.ArrowRight, "/stories/1/diff/3/4?view=side"},
		{"j", "/stories/1/diff/3/4?view=side"}, // the newest edit has no newer one
		{"k", "/stories/1/diff/2/3?view=side"},
		{kb.ArrowLeft, "/stories/1/diff/1/2?view=side"},
	}
	for _, st := range steps {
		p.Press(st.keys)
		p.WaitVisible(`a.permalink[href="` + st.want + `"]`)
		if got := p.URL(); !strings.HasSuffix(got, st.want) {
			t.Errorf("after %q at %s, want %s", st.keys, got, st.want)
		}
	}
	p.AssertInert()
}

func TestBrowser_StoryPageComparesAnyPair(t *testing.T) {
	s := servePages(t, web.Access{})
	p := testutil.Browser(t)
	p.Navigate(s.URL+"/stories/1", "form.compare")
	p.Click(`input[name="from"][value="1"]`)
	p.Click(`input[name="to"][value="4"]`)
	p.Click(`form.compare button`)
	p.WaitVisible(`a.permalink[href="/stories/1/diff/1/4"]`)
	if got := p.Text("p.intermediate"); got != "(2 intermediate revisions not shown)" {
		t.Errorf("intermediate line = %q", got)
	}
	p.AssertInert()
}

// TestBrowser_EvidenceFrameRunsNoScript shows a stored page whose HTML
// has <script>alert(1)</script> and an onerror handler. The frame loads
// it (the server sees the request) and nothing runs: a frame allowed to
// script would have its alert reported to the tab like the page's own.
func TestBrowser_EvidenceFrameRunsNoScript(t *testing.T) {
	s := servePages(t, web.Access{})
	const raw = "/stories/2/versions/2/evidence/raw"
	p := testutil.Browser(t)
	p.Navigate(s.URL+"/stories/2/versions/2/evidence", "iframe.evidence-frame")
	if v, ok := p.Attr("iframe.evidence-frame", "sandbox"); !ok || v != "" {
		t.Errorf("frame sandbox = %q (present %v), want an empty sandbox", v, ok)
	}
	// The window's load event waits for its frames, so after it the
	// stored page's script has had its chance.
	testutil.Eval[bool](p, `new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`)
	if n := s.Hits(raw); n != 1 {
		t.Fatalf("the frame requested the stored page %d times, want 1", n)
	}
	p.AssertInert()

	// Opened in a tab of its own, the stored page is sandboxed by its CSP.
	tab := testutil.Browser(t)
	tab.Navigate(s.URL+raw, "#stored")
	if n := s.Hits(raw); n != 2 {
		t.Errorf("the tab requested the stored page %d times in all, want 2", n)
	}
	tab.AssertInert()
}

// TestBrowser_DiffPagePrints checks the print stylesheet: navigation and
// view switches go, the marks stay with their decoration.
func TestBrowser_DiffPagePrints(t *testing.T) {
	s := servePages(t, web.Access{})
	p := testutil.Browser(t)
	p.Navigate(s.URL+"/stories/1/diff/1/2", ".rl-diff")
	display := func(sel string) string {
		return testutil.Eval[string](p, `getComputedStyle(document.querySelector("`+sel+`")).display`)
	}
	if display(".diff-nav") == "none" {
		t.Fatalf("the diff navigation is hidden on screen")
	}
	if _, err := chromedp.Call(p.Context(), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".diff-nav", ".diff-toggles", "header.top"} {
		if got := display(sel); got != "none" {
			t.Errorf("printed %s has display %q, want none", sel, got)
		}
	}
	if got := testutil.Eval[string](p, `getComputedStyle(document.querySelector("del.rl-del")).textDecorationLine`); got != "line-through" {
		t.Errorf("printed deletion decoration = %q, want line-through", got)
	}
	if display(".rl-diff") == "none" {
		t.Errorf("the diff itself does not print")
	}
}
