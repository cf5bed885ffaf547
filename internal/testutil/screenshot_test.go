package testutil

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBrowser_ViewportAndScreenshot(t *testing.T) {
	base := pages(t)
	for _, v := range []Viewport{Desktop, Phone} {
		t.Run(v.Name, func(t *testing.T) {
			p := Browser(t)
			p.SetViewport(v)
			p.Navigate(base+"/tall", "h1")
			if w := Eval[int64](p, "window.innerWidth"); w != v.Width {
				t.Errorf("innerWidth = %d, want %d", w, v.Width)
			}
			if h := Eval[int64](p, "window.innerHeight"); h != v.Height {
				t.Errorf("innerHeight = %d, want %d", h, v.Height)
			}
			if s := Eval[float64](p, "window.devicePixelRatio"); s != v.Scale {
				t.Errorf("devicePixelRatio = %v, want %v", s, v.Scale)
			}
			if m := Eval[bool](p, `matchMedia("(pointer: coarse)").matches`); m != v.Mobile {
				t.Errorf("coarse pointer = %v, want %v (mobile emulation)", m, v.Mobile)
			}
			path := filepath.Join(t.TempDir(), v.Name+".png")
			data := p.Screenshot(path)
			onDisk, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(onDisk, data) {
				t.Fatalf("screenshot file: %v (equal to returned bytes: %v)", err, bytes.Equal(onDisk, data))
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("screenshot is not a PNG: %v", err)
			}
			wantW := int(float64(v.Width) * v.Scale)
			minH := int(2000 * v.Scale) // the page is taller than the viewport
			if cfg.Width != wantW || cfg.Height < minH {
				t.Errorf("screenshot is %d×%d, want width %d and height ≥ %d (full page)", cfg.Width, cfg.Height, wantW, minH)
			}
		})
	}
}

func TestScreenshotDir(t *testing.T) {
	t.Setenv(UpdateScreenshotsEnv, "")
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if dir := ScreenshotDir(t); strings.HasPrefix(dir, root) {
		t.Errorf("without %s the dir is %s, inside the tree", UpdateScreenshotsEnv, dir)
	}
	docs := filepath.Join(root, "docs", "screenshots")
	_, statErr := os.Stat(docs)
	t.Setenv(UpdateScreenshotsEnv, "1")
	if dir := ScreenshotDir(t); dir != docs {
		t.Errorf("with %s=1 the dir is %s, want %s", UpdateScreenshotsEnv, dir, docs)
	}
	if statErr != nil { // leave the tree as it was
		_ = os.Remove(docs)
		_ = os.Remove(filepath.Dir(docs))
	}
}
