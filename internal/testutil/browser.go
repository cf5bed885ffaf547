package testutil

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package (installed by .ci/run)
// puts the browser. REDLINE_CHROMIUM overrides it, for a machine that has
// chromium-headless-shell or a browser elsewhere.
const ChromiumPath = "/usr/bin/chromium"

// HostResolverRules makes every name except 127.0.0.1 unresolvable inside
// the browser, so no page (nor Chromium itself) can make a DNS lookup leave
// the machine; tests reach servers by their loopback IP literal only.
const HostResolverRules = "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"

// shared is the one browser of a test binary. Starting Chromium costs about
// a second, a new tab a few milliseconds, so every test gets a tab of it.
var shared struct {
	mu      sync.Mutex
	inMain  bool // RunBrowserTests is running, so someone will close the browser
	started bool
	ctx     context.Context // the first tab; children of it are new tabs
	cancel  func()          // stops the browser and the allocator
	profile string          // the --user-data-dir, removed at the end
	err     error           // why the browser could not start, kept for every test
}

// RunBrowserTests runs the tests of a package that uses Browser and then
// stops the shared browser and removes its profile. Call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testutil.RunBrowserTests(m)) }
//
// A package-level cleanup is needed because the browser outlives every
// single test; t.Cleanup of the first test would stop it for the rest.
func RunBrowserTests(m *testing.M) int {
	shared.mu.Lock()
	shared.inMain = true
	shared.mu.Unlock()
	code := m.Run()
	if err := stopBrowser(); err != nil {
		fmt.Fprintf(os.Stderr, "testutil: stop browser: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// chromiumPath finds the browser binary, or says why there is none.
func chromiumPath() (string, error) {
	path := ChromiumPath
	if p := os.Getenv("REDLINE_CHROMIUM"); p != "" {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		if p, lerr := exec.LookPath("chromium"); lerr == nil {
			return p, nil
		}
		return "", fmt.Errorf("testutil: find chromium: %s: %w: %w (apt-get install chromium, as .ci/run does)", path, errNoChromium, err)
	}
	return path, nil
}

// browserFlags are the allocator options: chromedp's defaults (headless,
// no first run, background networking, sync and the rest turned off) plus
// what a closed, loopback-only machine needs. Without the background
// networking flags Chromium keeps dialling Google's hosts; without the
// resolver rules a page could make it look up any name.
func browserFlags(execPath, profile string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("host-resolver-rules", HostResolverRules),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(int(Desktop.Width), int(Desktop.Height)),
	)
	// Chromium's sandbox refuses to run as root; CI and this machine are root.
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// startBrowser starts the shared browser once; later calls return what the
// first one found, so a missing browser costs one stat, not one per test.
func startBrowser() (context.Context, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.started {
		return shared.ctx, shared.err
	}
	shared.started = true
	path, err := chromiumPath()
	if err != nil {
		shared.err = err
		return nil, err
	}
	profile, err := os.MkdirTemp("", "redline-chromium-")
	if err != nil {
		shared.err = fmt.Errorf("testutil: create chromium profile: %w", err)
		return nil, shared.err
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), browserFlags(path, profile)...)
	bctx, bcancel := chromedp.NewContext(actx)
	// The first Run starts the process and binds it to bctx, which has no
	// deadline on purpose: a timeout here would stop the browser later.
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		_ = os.RemoveAll(profile)
		shared.err = fmt.Errorf("testutil: start chromium %s: %w", path, err)
		return nil, shared.err
	}
	shared.ctx = bctx
	shared.profile = profile
	shared.cancel = func() { bcancel(); acancel() }
	return bctx, nil
}

// stopBrowser closes the shared browser, if one was started, and removes its
// profile directory.
func stopBrowser() error {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.cancel == nil {
		return nil
	}
	shared.cancel()
	shared.cancel = nil
	shared.ctx = nil
	if err := os.RemoveAll(shared.profile); err != nil {
		return fmt.Errorf("testutil: remove chromium profile %s: %w", shared.profile, err)
	}
	return nil
}

// errNoChromium marks a machine without the browser, the one case a
// browser test may skip; a browser that is there but will not start is a
// failure everywhere.
var errNoChromium = errors.New("no chromium")

// errNoMain is the failure of a Browser call from a package without the
// TestMain hook: its browser would never be closed.
var errNoMain = errors.New("testutil: Browser needs TestMain to call testutil.RunBrowserTests(m), which stops the shared browser")

// Browser opens a new tab of the test binary's shared headless Chromium and
// closes it when the test ends. The browser starts at the first call. Give
// it 127.0.0.1 addresses (httptest's, or serve on 127.0.0.1:0): every other
// name, localhost included, fails to resolve inside the browser.
//
// Without Chromium the test is skipped with the reason, except under
// CI=true, where it fails: a broken install step in .ci/run must not turn
// the browser tests into silent skips.
func Browser(t testing.TB) *Page {
	t.Helper()
	shared.mu.Lock()
	inMain := shared.inMain
	shared.mu.Unlock()
	if !inMain {
		t.Fatal(errNoMain)
	}
	bctx, err := startBrowser()
	if err != nil {
		if !errors.Is(err, errNoChromium) {
			t.Fatal(err)
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test under CI=true: %v", err)
		}
		t.Skipf("browser test skipped: %v", err)
	}
	p, closeTab := newPage(t, bctx)
	t.Cleanup(closeTab)
	return p
}
