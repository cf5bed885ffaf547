package store_test

import (
	"flag"
	"testing"
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
	records := func(t *testing.T, path string) map[string]map[string]string {
		recs, _ := compactRecords(t, path)
		return recs
	}
	makeSchemaFixture(t, 2, records, fixture2DB, fixture2Dump)
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
