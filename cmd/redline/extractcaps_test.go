package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun_extractCaps checks that the extract.max_nodes key reaches the
// extractor: the same page extracts under the default cap and fails,
// naming the configured cap, under a small one.
func TestRun_extractCaps(t *testing.T) {
	var page strings.Builder
	page.WriteString("<html><head><title>Harbour bridge stays shut</title></head><body><article><h1>Harbour bridge stays shut</h1>")
	for i := range 600 {
		fmt.Fprintf(&page, "<p>Update %d: engineers inspected another of the eleven columns on the eastern span of the harbour bridge today.</p>", i)
	}
	page.WriteString("</article></body></html>")
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _ := testConfig(t, "")
	if r := mustRun(t, "--config", cfg, "extract", file, "--url", "http://127.0.0.1/story"); !strings.Contains(r.stdout, "Update 599:") {
		t.Fatalf("default caps: the last paragraph is missing:\n%s", r.stdout)
	}
	small, _ := testConfig(t, "extract:\n  max_nodes: 1000\n  timeout: 2s\n")
	r := runRedline(t, "--config", small, "extract", file, "--url", "http://127.0.0.1/story")
	if r.code != exitFailed || !strings.Contains(r.stderr, "over the cap of 1000") || !strings.Contains(r.stderr, "page too large to extract") {
		t.Errorf("max_nodes 1000: exit %d, stderr %q; want exit %d naming the cap", r.code, r.stderr, exitFailed)
	}
}
