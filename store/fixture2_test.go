package store_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/store"
)

// makeFixture2 regenerates testdata/schema2.db.gz and its dump; like the
// schema-1 fixture, only the release that writes schema 2 can make it.
var makeFixture2 = flag.Bool("make-schema2-fixture", false, "write testdata/schema2.db.gz with this build (schema 2 only)")

const (
	fixture2DB   = "testdata/schema2.db.gz"
	fixture2Dump = "testdata/schema2.json"
)

func TestMakeSchema2Fixture(t *testing.T) {
	if !*makeFixture2 {
		t.Skip("run with -make-schema2-fixture to regenerate " + fixture2DB)
	}
	if store.SchemaVersion != 2 {
		t.Fatalf("this build writes schema %d; the fixture must come from the schema-2 release", store.SchemaVersion)
	}
	path := filepath.Join(t.TempDir(), "redline.db")
	clk := clock.New(epoch)
	s, err := store.Open(path, store.Options{Now: clk.Now, KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatal(err)
	}
	gone := fillFixture(t, s, clk)
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	fx := readFixture(t, s)
	fx.Purged = []redline.StoryID{gone}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	fx.Records, _ = compactRecords(t, path)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zbuf, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	js, err := json.MarshalIndent(fx, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fixture2DB, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fixture2Dump, append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes, %d gzipped) and %s", fixture2DB, len(raw), zbuf.Len(), fixture2Dump)
}

// schema2File unpacks the file made by the schema-2 release into a temp
// dir and returns its path and the dump of what it holds.
func schema2File(t testing.TB) (string, fixture) {
	t.Helper()
	zf, err := os.Open(fixture2DB)
	if err != nil {
		t.Fatal(err)
	}
	defer zf.Close()
	zr, err := gzip.NewReader(zf)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v2.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(fixture2Dump)
	if err != nil {
		t.Fatal(err)
	}
	var want fixture
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	if want.Schema != 2 || len(want.Stories) < 4 || len(want.Records["pages"]) == 0 {
		t.Fatalf("fixture dump holds schema %d with %d stories; want schema 2's", want.Schema, len(want.Stories))
	}
	return path, want
}
