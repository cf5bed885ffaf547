package testutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Viewport is the window a page is shown in: CSS pixels, the device scale
// factor, and whether the browser emulates a phone (mobile meta viewport,
// touch, portrait).
type Viewport struct {
	Name          string
	Width, Height int64
	Scale         float64
	Mobile        bool
}

// The two widths the pages are designed and shot for. Phone is an iPhone
// 12–15 class screen: 390×844 CSS pixels at 2×, so its shots are 780 px wide.
var (
	Desktop = Viewport{Name: "desktop", Width: 1280, Height: 900, Scale: 1}
	Phone   = Viewport{Name: "phone", Width: 390, Height: 844, Scale: 2, Mobile: true}
)

// SetViewport sizes the tab as v; it lasts until the next SetViewport.
func (p *Page) SetViewport(v Viewport) {
	p.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(v.Scale)}
	if v.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	run(p, "set viewport "+v.Name, chromedp.EmulateViewport(v.Width, v.Height, opts...))
}

// Screenshot writes a PNG of the whole page, beyond the viewport's height,
// to path and returns its bytes. Its width is the viewport's width times
// its scale.
func (p *Page) Screenshot(path string) []byte {
	p.t.Helper()
	png := run(p, "screenshot", chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatalf("browser: write screenshot: %v", err)
	}
	return png
}

// UpdateScreenshotsEnv names the variable that makes SaveScreenshot write
// into docs/screenshots: REDLINE_UPDATE_SCREENSHOTS=1 go test ./web/...
// An environment variable rather than an -update flag, because a flag
// defined here would exist in every test binary that imports testutil and
// `go test ./... -update-screenshots` would fail in the others.
const UpdateScreenshotsEnv = "REDLINE_UPDATE_SCREENSHOTS"

// SaveScreenshot shoots the page as name.png (e.g. "diff-phone") into
// ScreenshotDir and returns the file's path. Normal runs write into a
// temporary directory, so they exercise the same code without dirtying the
// tree; the README shows the copies in docs/screenshots.
func (p *Page) SaveScreenshot(name string) string {
	p.t.Helper()
	path := filepath.Join(ScreenshotDir(p.t), name+".png")
	p.Screenshot(path)
	return path
}

// ScreenshotDir is <module root>/docs/screenshots when
// REDLINE_UPDATE_SCREENSHOTS=1, else a temporary directory of the test.
func ScreenshotDir(t testing.TB) string {
	t.Helper()
	if os.Getenv(UpdateScreenshotsEnv) != "1" {
		return t.TempDir()
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("testutil: create screenshot dir: %v", err)
	}
	return dir
}

// moduleRoot walks up from the test's working directory (its package
// directory) to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("testutil: find module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("testutil: find module root: %s: %w", dir, err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testutil: find module root: no go.mod above the working directory")
		}
		dir = parent
	}
}
