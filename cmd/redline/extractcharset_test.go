package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestRun_extractFileCharset: `extract FILE` honours the page's <meta
// charset>, as the crawler does for a fetched page, instead of reading a
// windows-1252 file as broken UTF-8.
func TestRun_extractFileCharset(t *testing.T) {
	text := "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9 reopens</title></head><body><article><h1>Caf\u00e9 reopens</h1>" +
		"<p>The Quay Street caf\u00e9 that took on three feet of water reopened Monday, selling coffee for \u20ac2 to anyone who helped bail out the block.</p>" +
		"<p>\u201cWe\u2019re not fancy, but we\u2019re open,\u201d said owner Jos\u00e9 Marchetti, who spent the week drying out the espresso machine.</p>" +
		"<p>Neighbors said the caf\u00e9 had become a meeting point during the cleanup, with volunteers trading shifts over the only working kettle.</p>" +
		"</article></body></html>"
	raw, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cafe.html")
	if err := os.WriteFile(file, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _ := testConfig(t, "")
	r := mustRun(t, "--config", cfg, "extract", file, "--json", "--url", "http://127.0.0.1/cafe")
	got := decodeJSON[map[string]any](t, r.stdout)
	body := strings.Join(strings.Fields(r.stdout), " ")
	if got["headline"] != "Caf\u00e9 reopens" {
		t.Errorf("headline = %q, want %q", got["headline"], "Caf\u00e9 reopens")
	}
	if _, ok := got["site"]; !ok || got["kind"] != "article" {
		t.Errorf("extract --json: site %v, kind %v; want a site field and kind \"article\"", got["site"], got["kind"])
	}
	for _, want := range []string{"\u20ac2", "\u201cWe\u2019re not fancy", "Jos\u00e9"} {
		if !strings.Contains(body, want) {
			t.Errorf("extract of a windows-1252 file lacks %q:\n%s", want, r.stdout)
		}
	}
}
