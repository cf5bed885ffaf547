package store_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/redline-news/redline/store"
)

// makeFixture3 regenerates testdata/schema3.db.gz and its dump; like the
// older fixtures, only the release that writes schema 3 can make it. It
// holds shared keyframes and their dictionaries as that release made them.
var makeFixture3 = flag.Bool("make-schema3-fixture", false, "write testdata/schema3.db.gz with this build (schema 3 only)")

const (
	fixture3DB   = "testdata/schema3.db.gz"
	fixture3Dump = "testdata/schema3.json"
)

func TestMakeSchema3Fixture(t *testing.T) {
	if !*makeFixture3 {
		t.Skip("run with -make-schema3-fixture to regenerate " + fixture3DB)
	}
	records := func(t *testing.T, path string) map[string]map[string]string {
		recs, _ := compactRecords(t, path)
		return recs
	}
	makeSchemaFixture(t, 3, records, fixture3DB, fixture3Dump)
}

// TestOpen_Schema3 opens a file made by the schema-3 release, whose
// keyframes use dictionaries made from one record: read-only it reads as
// it is; read-write it moves to the current schema with every record
// byte-identical, and new records beside the old read back as saved.
func TestOpen_Schema3(t *testing.T) {
	path, want := unpackFixture(t, fixture3DB, fixture3Dump)
	if want.Schema != 3 || len(want.Stories) < 4 || len(want.Records["pages"]) == 0 {
		t.Fatalf("fixture dump holds schema %d with %d stories; want schema 3's", want.Schema, len(want.Stories))
	}
	before, _ := os.ReadFile(path)
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open(schema 3 file) = %v", err)
	}
	compareFixture(t, ro, want)
	if err := ro.Check(); err != nil {
		t.Errorf("Check() of a schema-3 file read-only: %v", err)
	}
	ro.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a read-only open changed the file")
	}

	s, err := store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatalf("Open(schema 3 file) = %v", err)
	}
	compareFixture(t, s, want)
	s.Close()
	compareRecords(t, path, want)

	readsBesideNewRecords(t, path, want, "schema-3")
}
