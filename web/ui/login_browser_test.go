package ui

import (
	"strings"
	"testing"

	"github.com/redline-news/redline/internal/testutil"
)

// TestBrowser_login: beyond loopback (tokens set) a browser meets the login
// form, logs in with the write token, and its cookie carries it through
// the pages and a form; logging out ends it. Chromium itself must accept
// and send the HttpOnly SameSite=Strict cookie over plain-HTTP loopback.
func TestBrowser_login(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	e.track(t, e.site.Slugs()[0])
	p := testutil.Browser(t)
	p.Navigate(e.srv.URL+"/stories?tag=x", "form[action='/login']")
	if got, _ := p.Attr("input[name=next]", "value"); got != "/stories?tag=x" {
		t.Errorf("the login form returns to %q, want /stories?tag=x", got)
	}
	p.Type("input[name=token]", "wrong-token-0123456789")
	submit(t, p, "form[action='/login'] button")
	if msg := p.Text(".flash-error"); !strings.Contains(msg, "not this redline's") {
		t.Errorf("wrong token: %q", msg)
	}
	p.Type("input[name=token]", writeToken)
	submit(t, p, "form[action='/login'] button")
	if !strings.HasSuffix(p.URL(), "/stories?tag=x") {
		t.Fatalf("after login the browser is at %s", p.URL())
	}
	if !testutil.Eval[bool](p, `document.cookie === ""`) {
		t.Error("the session cookie is readable from script (not HttpOnly)")
	}
	p.Navigate(e.srv.URL+"/stories", "#story-1")
	submit(t, p, "#story-1 form[action$='/crawl'] button")
	if msg := p.Text(".flash"); !strings.HasPrefix(msg, "Story 1 checked") {
		t.Errorf("run now with the write login: %q", msg)
	}
	submit(t, p, "form.logout button")
	p.Navigate(e.srv.URL+"/stories", "form[action='/login']")
	p.AssertInert()
}
