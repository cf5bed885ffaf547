package store_test

import (
	"flag"
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
	writeFixture(t, path, fx, fixture2DB, fixture2Dump)
}

// schema2File unpacks the file made by the schema-2 release into a temp
// dir and returns its path and the dump of what it holds.
func schema2File(t testing.TB) (string, fixture) {
	t.Helper()
	path, want := unpackFixture(t, fixture2DB, fixture2Dump)
	if want.Schema != 2 || len(want.Stories) < 4 || len(want.Records["pages"]) == 0 {
		t.Fatalf("fixture dump holds schema %d with %d stories; want schema 2's", want.Schema, len(want.Stories))
	}
	return path, want
}
