package testutil

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestMain(m *testing.M) { os.Exit(RunBrowserTests(m)) }

// pages serves the small HTML pages of these tests on 127.0.0.1. A path
// under /csp/ gets a strict Content-Security-Policy, as the UI's pages will.
func pages(t testing.TB) string {
	t.Helper()
	docs := map[string]string{
		"/text": `<!doctype html><title>t</title>
<h1 id="head" data-state="ready">Headline <em>here</em></h1>
<p class="para">one</p><p class="para">two</p><p class="para" hidden>three</p>`,
		"/click": `<!doctype html><title>c</title>
<button id="b">add</button><output id="n">0</output><p id="hint">press add</p>
<script>document.getElementById("b").onclick = () => {
  const n = document.getElementById("n"); n.textContent = +n.textContent + 1
  document.getElementById("hint")?.remove()
}</script>`,
		"/keys": `<!doctype html><title>k</title>
<ol><li class="v on">v1</li><li class="v">v2</li><li class="v">v3</li></ol>
<script>
document.addEventListener("keydown", e => {
  const vs = [...document.querySelectorAll(".v")], i = vs.findIndex(v => v.classList.contains("on"))
  const j = e.key === "j" || e.key === "ArrowRight" ? i + 1 : e.key === "k" || e.key === "ArrowLeft" ? i - 1 : i
  if (j < 0 || j >= vs.length) return
  vs[i].classList.remove("on"); vs[j].classList.add("on")
})
</script>`,
		"/alert": `<!doctype html><title>a</title><script>alert("xss-1"); window.confirmed = confirm("sure?")</script><p id="after">after</p>`,
		"/throw": `<!doctype html><title>e</title><p id="p">p</p><script>null.boom()</script>`,
		"/payload": `<!doctype html><title>x</title>
<p id="story">Story <img src="/missing.png" onerror="alert('img')"> text</p>
<script>window.ranInline = true</script>`,
		"/tall": `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tall</title><style>body{margin:0;font:16px sans-serif}div{height:2000px;background:linear-gradient(#fff,#c00)}</style>
<h1>Tall page</h1><div></div>`,
	}
	mux := http.NewServeMux()
	for path, doc := range docs {
		serve := func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if strings.HasPrefix(r.URL.Path, "/csp/") {
				w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; img-src 'self'")
			}
			_, _ = w.Write([]byte(doc))
		}
		mux.HandleFunc("GET "+path, serve)
		mux.HandleFunc("GET /csp"+path, serve)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestBrowser_NavigateAndRead(t *testing.T) {
	p := Browser(t)
	url := pages(t) + "/text"
	p.Navigate(url, "#head")
	if got := p.URL(); got != url {
		t.Errorf("URL = %q, want %q", got, url)
	}
	if got, want := p.Text("#head"), "Headline here"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got := p.HTML("#head"); !strings.Contains(got, "<em>here</em>") {
		t.Errorf("HTML = %q, want the <em> inside", got)
	}
	if v, ok := p.Attr("#head", "data-state"); !ok || v != "ready" {
		t.Errorf("Attr data-state = %q, %v; want ready, true", v, ok)
	}
	if _, ok := p.Attr("#head", "data-missing"); ok {
		t.Error("Attr data-missing exists, want absent")
	}
	if got := p.Count(".para"); got != 3 {
		t.Errorf("Count(.para) = %d, want 3", got)
	}
	if got := Eval[string](p, "document.title"); got != "t" {
		t.Errorf("title = %q, want t", got)
	}
	p.AssertInert()
}

func TestBrowser_Click(t *testing.T) {
	p := Browser(t)
	p.Navigate(pages(t)+"/click", "#hint")
	p.Click("#b")
	p.WaitGone("#hint")
	p.Click("#b")
	if got := p.Text("#n"); got != "2" {
		t.Errorf("after two clicks the counter shows %q, want 2", got)
	}
}

func TestBrowser_PressMovesSelection(t *testing.T) {
	p := Browser(t)
	p.Navigate(pages(t)+"/keys", ".v.on")
	steps := []struct {
		keys, want string
	}{
		{"j", "v2"},
		{kb.ArrowRight, "v3"},
		{kb.ArrowRight, "v3"}, // stays at the last version
		{"k", "v2"},
		{kb.ArrowLeft, "v1"},
	}
	for _, s := range steps {
		p.Press(s.keys)
		if got := p.Text(".v.on"); got != s.want {
			t.Fatalf("after %q the selection is %q, want %q", s.keys, got, s.want)
		}
	}
}

func TestBrowser_DetectsDialog(t *testing.T) {
	p := Browser(t)
	// Navigate returning at all shows the dialog was dismissed: an alert
	// left open blocks the page's parser.
	p.Navigate(pages(t)+"/alert", "#after")
	d := p.Dialogs()
	if len(d) != 2 || !strings.Contains(d[0], `alert("xss-1")`) || !strings.Contains(d[1], `confirm("sure?")`) {
		t.Fatalf("Dialogs = %q, want the alert xss-1 and the confirm", d)
	}
	if Eval[bool](p, "window.confirmed") {
		t.Error("confirm() returned true, want every dialog dismissed")
	}
	if e := p.ScriptErrors(); len(e) != 0 {
		t.Errorf("ScriptErrors = %q, want none", e)
	}
}

func TestBrowser_DetectsScriptError(t *testing.T) {
	p := Browser(t)
	p.Navigate(pages(t)+"/throw", "#p")
	e := p.ScriptErrors()
	if len(e) != 1 || !strings.Contains(e[0], "TypeError") {
		t.Fatalf("ScriptErrors = %q, want one TypeError", e)
	}
}

// The CSP case must come out clean and the same page without the header
// must not: that pair shows the clean verdict comes from the policy, not
// from a recorder that sees nothing.
func TestBrowser_CSPKeepsPayloadInert(t *testing.T) {
	base := pages(t)
	cases := []struct {
		name        string
		path        string
		wantDialogs int
		wantRan     bool
	}{
		{"with CSP", "/csp/payload", 0, false},
		{"without CSP", "/payload", 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Browser(t)
			p.Navigate(base+c.path, "#story")
			// The img's error fires once the 404 comes back; wait for
			// the load event so the handler had its chance to run.
			p.WaitVisible("body")
			Eval[bool](p, `new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`)
			if d := p.Dialogs(); len(d) != c.wantDialogs {
				t.Errorf("Dialogs = %q, want %d", d, c.wantDialogs)
			}
			if ran := Eval[bool](p, "window.ranInline === true"); ran != c.wantRan {
				t.Errorf("inline script ran = %v, want %v", ran, c.wantRan)
			}
			if e := p.ScriptErrors(); len(e) != 0 {
				t.Errorf("ScriptErrors = %q, want none", e)
			}
			if c.wantDialogs == 0 {
				p.AssertInert()
				if b := p.Blocked(); len(b) == 0 {
					t.Error("Blocked is empty, want the CSP refusals of the handler and the script")
				} else {
					t.Logf("blocked: %q", b)
				}
			}
		})
	}
}

// The flags are read back from the running browser, and their effect is
// shown with the one name that is safe to try because it never reaches
// DNS: localhost. Under the rules even it does not resolve, while the IP
// literal of the same server loads.
func TestBrowser_NetworkPinnedToLoopback(t *testing.T) {
	p := Browser(t)
	res, err := chromedp.CallBrowser(p.Context(), browser.GetBrowserCommandLine, struct{}{})
	if err != nil {
		t.Fatalf("read browser command line: %v", err)
	}
	args := strings.Join(res.Arguments, "\n")
	for _, want := range []string{"--host-resolver-rules=" + HostResolverRules, "--no-proxy-server", "--disable-background-networking"} {
		if !strings.Contains(args, want) {
			t.Errorf("browser runs without %s; its arguments:\n%s", want, args)
		}
	}

	var mu sync.Mutex
	hosts := map[string]bool{}
	var port string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pixel" {
			mu.Lock()
			hosts[strings.TrimSuffix(r.Host, ":"+port)] = true
			mu.Unlock()
			return
		}
		_, _ = fmt.Fprintf(w, `<p id="x">x</p><img src="http://localhost:%s/pixel"><img src="http://127.0.0.1:%[1]s/pixel">`, port)
	}))
	defer srv.Close()
	port = srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	p.Navigate(srv.URL, "#x")
	Eval[bool](p, `new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`)
	mu.Lock()
	defer mu.Unlock()
	if !hosts["127.0.0.1"] || hosts["localhost"] {
		t.Errorf("requests reached the server for hosts %v, want 127.0.0.1 only", hosts)
	}
}

// TestBrowser_MissingChromium runs this test binary again with no browser
// to find: a normal run skips, a CI run fails, naming why.
func TestBrowser_MissingChromium(t *testing.T) {
	if os.Getenv("REDLINE_TEST_NO_BROWSER") == "1" {
		Browser(t)
		t.Fatal("Browser returned without a browser")
	}
	for _, ci := range []string{"", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrowser_MissingChromium$", "-test.v")
			cmd.Env = append(os.Environ(), "REDLINE_TEST_NO_BROWSER=1", "REDLINE_CHROMIUM=/nonexistent/chromium", "PATH=/nonexistent", "CI="+ci)
			out, err := cmd.CombinedOutput()
			switch {
			case ci == "" && (err != nil || !strings.Contains(string(out), "--- SKIP") || !strings.Contains(string(out), "apt-get install chromium")):
				t.Errorf("normal run without chromium: err %v, want a skip naming the fix; output:\n%s", err, out)
			case ci == "true" && (err == nil || !strings.Contains(string(out), "under CI=true")):
				t.Errorf("CI run without chromium: err %v, want a failure; output:\n%s", err, out)
			}
		})
	}
}

// BenchmarkBrowser_Test is what one browser test costs on top of its own
// steps once the shared browser runs: open a tab, load a page, read it,
// check it is inert, close the tab.
func BenchmarkBrowser_Test(b *testing.B) {
	shared.mu.Lock()
	inMain := shared.inMain
	shared.mu.Unlock()
	if !inMain {
		b.Fatal(errNoMain)
	}
	bctx, err := startBrowser()
	if err != nil {
		b.Skip(err)
	}
	url := pages(b) + "/text"
	b.ReportAllocs()
	for b.Loop() {
		p, closeTab := newPage(b, bctx)
		p.Navigate(url, "#head")
		if p.Text("#head") == "" {
			b.Fatal("no headline")
		}
		p.AssertInert()
		closeTab()
	}
}

// Tabs of the shared browser are independent, so browser tests may use
// t.Parallel: each tab keeps its own page state and its own record.
func TestBrowser_ParallelTabs(t *testing.T) {
	base := pages(t)
	for i := range 4 {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Parallel()
			p := Browser(t)
			p.Navigate(base+"/click", "#b")
			for range i + 1 {
				p.Click("#b")
			}
			if got, want := p.Text("#n"), strconv.Itoa(i+1); got != want {
				t.Errorf("tab %d counter = %q, want %q", i, got, want)
			}
			if i == 0 {
				p.Navigate(base+"/alert", "#after")
			}
			if got, want := len(p.Dialogs()), map[bool]int{true: 2, false: 0}[i == 0]; got != want {
				t.Errorf("tab %d saw %d dialogs, want %d (only tab 0 opened any)", i, got, want)
			}
		})
	}
}
