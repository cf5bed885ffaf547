package testutil

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// actionTimeout bounds one helper call. Generous, because two cores are
// shared by the whole suite; a hung page must still fail the test, not the
// binary's -timeout.
const actionTimeout = 20 * time.Second

// Page is one tab of the shared browser. Its methods fail the test on any
// error, so a test reads as the steps a person takes. Everything the page
// does that a safe page must not do is recorded from the moment the tab
// opens: JavaScript dialogs (dismissed at once, so the page never hangs on
// one) and script errors; what the browser refused for security, such as a
// Content-Security-Policy violation, is recorded apart.
type Page struct {
	t   testing.TB
	ctx context.Context

	mu           sync.Mutex
	dialogs      []string
	scriptErrors []string
	blocked      []string
}

// newPage opens a tab in the browser of bctx and starts recording its
// events before any page loads. Closing the tab is the caller's: Browser
// leaves it to t.Cleanup, the benchmark closes one per iteration.
func newPage(t testing.TB, bctx context.Context) (*Page, context.CancelFunc) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	// The tab's first Run creates it; no deadline, as that would close it.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("testutil: open browser tab: %v", err)
	}
	p := &Page{t: t, ctx: ctx}
	dialogs := make(chan page.DialogType, 64)
	// Listen, unlike chromedp.Events, sees an event before the reply to
	// any later command, so after one round trip (settle) the record is
	// complete. Its callback must not send commands: dismissing the dialog
	// happens on another goroutine.
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			p.record(&p.dialogs, fmt.Sprintf("%s(%q) at %s", e.Type, e.Message, e.URL))
			select {
			case dialogs <- e.Type:
			default:
			}
		case *runtime.EventExceptionThrown:
			p.record(&p.scriptErrors, "exception: "+exceptionText(e.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				p.record(&p.scriptErrors, "console."+string(e.Type)+": "+argsText(e.Args))
			}
		case *log.EventEntryAdded:
			if e.Entry.Source == log.EntrySourceSecurity {
				p.record(&p.blocked, e.Entry.Text)
			} else if e.Entry.Source == log.EntrySourceJavascript && e.Entry.Level == log.EntryLevelError {
				p.record(&p.scriptErrors, "javascript: "+e.Entry.Text)
			}
		}
	})
	if err != nil {
		cancel()
		t.Fatalf("testutil: listen to browser tab: %v", err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case typ := <-dialogs:
				// The page is blocked until this answer; an error only
				// means the tab closed or the dialog is already gone.
				// Dismissing a beforeunload would cancel the test's own
				// navigation, so that one is accepted.
				accept := typ == page.DialogTypeBeforeunload
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
			}
		}
	}()
	return p, cancel
}

func (p *Page) record(list *[]string, s string) {
	p.mu.Lock()
	*list = append(*list, s)
	p.mu.Unlock()
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return ""
	}
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// Context is the tab's chromedp context, for an action the helpers lack.
func (p *Page) Context() context.Context { return p.ctx }

// run runs one action under actionTimeout and fails the test, naming what
// was being done, when it errs.
func run[T any](p *Page, what string, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("browser: %s: %v", what, err)
	}
	return v
}

// Navigate loads url and waits until the element of the CSS selector sel
// is visible, so the test continues on the page it asked for. An empty sel
// waits for the body.
func (p *Page) Navigate(url, sel string) {
	p.t.Helper()
	if sel == "" {
		sel = "body"
	}
	run(p, "navigate to "+url, chromedp.Steps(
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	))
}

// WaitVisible waits until the element of sel is visible.
func (p *Page) WaitVisible(sel string) {
	p.t.Helper()
	run(p, "wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// WaitGone waits until no element matches sel, e.g. a row a form removed.
func (p *Page) WaitGone(sel string) {
	p.t.Helper()
	run(p, "wait for "+sel+" to go", chromedp.WaitNotPresent(chromedp.CSS(sel)))
}

// URL is the address of the page now, after redirects and script
// navigation: where a form's POST-redirect-GET landed.
func (p *Page) URL() string {
	p.t.Helper()
	return run(p, "read location", chromedp.Location())
}

// Text is the rendered text of the first element of sel (innerText: what
// a reader sees, without hidden elements).
func (p *Page) Text(sel string) string {
	p.t.Helper()
	return run(p, "text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// HTML is the outer HTML of the first element of sel, as the DOM holds it
// now (after scripts), which is what an XSS test must inspect.
func (p *Page) HTML(sel string) string {
	p.t.Helper()
	return run(p, "html of "+sel, chromedp.OuterHTML(chromedp.CSS(sel)))
}

// Attr is the attribute name of the first element of sel, and whether the
// element has it.
func (p *Page) Attr(sel, name string) (string, bool) {
	p.t.Helper()
	r := run(p, "attribute "+name+" of "+sel, chromedp.AttributeValue(chromedp.CSS(sel), name))
	return r.Value, r.Exists
}

// Count is the number of elements that match sel now; it does not wait.
func (p *Page) Count(sel string) int {
	p.t.Helper()
	return run(p, "count "+sel, chromedp.Evaluate[int](
		fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
}

// Eval evaluates a JavaScript expression in the page and returns its value
// decoded into T; for reading state the helpers do not cover. A promise is
// awaited, so a test can wait for a page event in one expression.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	return run(p, "evaluate "+expr, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// Click clicks the first visible element of sel with a real mouse event.
func (p *Page) Click(sel string) {
	p.t.Helper()
	run(p, "click "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// Press sends key presses to whatever has the focus (the document when
// nothing does), as a person pressing keys on the page. Keys are runes;
// special keys come from chromedp/kb, e.g. kb.ArrowRight.
func (p *Page) Press(keys string) {
	p.t.Helper()
	run(p, fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys))
}

// Type focuses the element of sel and types text into it.
func (p *Page) Type(sel, text string) {
	p.t.Helper()
	run(p, "type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text, chromedp.NodeVisible))
}

// settle makes one round trip to the tab, so every event the browser sent
// before it has reached the recorder (see newPage).
func (p *Page) settle() {
	p.t.Helper()
	run(p, "settle", chromedp.Evaluate[int]("0"))
}

// Dialogs lists the JavaScript dialogs (alert, confirm, prompt,
// beforeunload) the page opened so far.
func (p *Page) Dialogs() []string {
	p.t.Helper()
	p.settle()
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.dialogs...)
}

// ScriptErrors lists uncaught exceptions and console.error calls so far.
func (p *Page) ScriptErrors() []string {
	p.t.Helper()
	p.settle()
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.scriptErrors...)
}

// Blocked lists what the browser refused for security so far, such as
// inline script or event handlers a Content-Security-Policy forbids. For
// an XSS test this is the payload that was stopped, not a failure.
func (p *Page) Blocked() []string {
	p.t.Helper()
	p.settle()
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.blocked...)
}

// AssertInert fails the test if the page opened any dialog or raised any
// script error: the "no dialog, no script run" check of an XSS test.
func (p *Page) AssertInert() {
	p.t.Helper()
	if d := p.Dialogs(); len(d) > 0 {
		p.t.Errorf("page opened %d JavaScript dialog(s): %s", len(d), strings.Join(d, "; "))
	}
	if e := p.ScriptErrors(); len(e) > 0 {
		p.t.Errorf("page raised %d script error(s): %s", len(e), strings.Join(e, "; "))
	}
}
