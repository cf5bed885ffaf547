package store_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/store"
)

// makeFixture regenerates testdata/schema1.db.gz and its dump. Only the
// schema-1 release can make a schema-1 file, so it refuses to run on any
// other: the committed file is the one made before the layout changed.
var makeFixture = flag.Bool("make-schema1-fixture", false, "write testdata/schema1.db.gz with this build (schema 1 only)")

const (
	fixtureDB   = "testdata/schema1.db.gz"
	fixtureDump = "testdata/schema1.json"
	fixtureKeep = 5 // keep_checks the fixture was written with
)

// fixtureStory is what the dump expects of one story after migration.
type fixtureStory struct {
	Story    redline.Story     `json:"story"`
	Versions []redline.Version `json:"versions"`
	// Pages maps version number to the sha256 and length of its page,
	// "dropped" for a page retention dropped, "" for none.
	Pages   map[string]string `json:"pages"`
	Checks  []redline.Check   `json:"checks"`
	Aliases []string          `json:"aliases"`
}

// fixture is the dump: what the store API reads from the file, and the
// sha256 of every stored record of every story, by kind and key.
type fixture struct {
	Schema  int                          `json:"schema"`
	Stories []fixtureStory               `json:"stories"`
	Purged  []redline.StoryID            `json:"purged"`
	Records map[string]map[string]string `json:"records"` // kind → hex(story ID + key) → sha256(value)
}

func TestMakeSchema1Fixture(t *testing.T) {
	if !*makeFixture {
		t.Skip("run with -make-schema1-fixture to regenerate " + fixtureDB)
	}
	makeSchemaFixture(t, 1, schema1Records, fixtureDB, fixtureDump)
}

// makeSchemaFixture fills a store written by this build, which must write
// schema, and saves it with its dump, each record hashed by records, as
// the fixture a later release's tests read back.
func makeSchemaFixture(t *testing.T, schema int, records func(*testing.T, string) map[string]map[string]string, db, dump string) {
	t.Helper()
	if store.SchemaVersion != schema {
		t.Fatalf("this build writes schema %d; the fixture must come from the schema-%d release", store.SchemaVersion, schema)
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
	fx.Records = records(t, path)
	writeFixture(t, path, fx, db, dump)
}

// writeFixture saves the file at path gzipped as db and fx as dump, the
// pair a later release's tests read back.
func writeFixture(t *testing.T, path string, fx fixture, db, dump string) {
	t.Helper()
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
	if err := os.WriteFile(db, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dump, append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes, %d gzipped) and %s", db, len(raw), zbuf.Len(), dump)
}

// fillFixture writes the stories every schema fixture holds: chains past
// a keyframe, a revert, a reread, aliases, a URL change, dropped pages,
// checks past keep_checks, a purged story, versions without pages and a
// story never fetched. It returns the purged story's ID.
func fillFixture(t *testing.T, s *store.Store, clk *clock.Manual) (gone redline.StoryID) {
	t.Helper()
	g := newGen(14)
	saveAt := func(id redline.StoryID, a redline.Article, raw []byte, reread bool) {
		clk.Advance(time.Hour)
		v := redline.Version{StoryID: id, URL: fmt.Sprintf("https://news.example/s%d", id), HTTPStatus: 200,
			Article: a, Reread: reread, Header: map[string][]string{"Content-Type": {"text/html"}}}
		if _, err := s.SaveVersion(&v, raw); err != nil {
			t.Fatal(err)
		}
	}
	// A long story: chains past a keyframe, a revert, a reread, pages on all.
	long := addStory(t, s, "https://news.example/long")
	a := g.article(300)
	first := a
	for i := range 20 {
		saveAt(long, a, page(a, g.sentence(8)), false)
		if i == 5 {
			saveAt(long, first, page(first, "revert"), false)
		}
		a = g.edit(a)
	}
	saveAt(long, g.edit(a), page(a, "reread"), true)
	// A story that moved: aliases, a URL change, pages of which old ones
	// are dropped by retention, checks past keep_checks.
	moved := addStory(t, s, "https://news.example/moved")
	b := g.article(200)
	for range 6 {
		saveAt(moved, b, page(b, g.sentence(5)), false)
		b = g.edit(b)
	}
	if err := s.AddAlias(moved, "https://news.example/moved?amp=1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateStory(moved, func(st *redline.Story) error {
		st.URL = "https://news.example/moved-new"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		clk.Advance(time.Minute)
		res := redline.ResultUnchanged
		if i%4 == 0 {
			res = redline.ResultFailed
		}
		if _, err := s.RecordCheck(moved, redline.Check{Result: res, HTTPStatus: 200, Version: 6, Note: strconv.Itoa(i)},
			func(st *redline.Story) error { st.LastChecked = clk.Now(); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// A purged story leaves a gap in the IDs and nothing else.
	gone = addStory(t, s, "https://news.example/gone")
	saveAt(gone, g.article(100), page(g.article(50), "x"), false)
	if err := s.DeleteStory(gone); err != nil {
		t.Fatal(err)
	}
	// Versions without pages, and a story never fetched.
	plain := addStory(t, s, "https://news.example/plain")
	c := g.article(150)
	for range 3 {
		saveAt(plain, c, nil, false)
		c = g.edit(c)
	}
	for range 3 {
		if err := s.AddCheck(plain, redline.Check{Result: redline.ResultChanged}); err != nil {
			t.Fatal(err)
		}
	}
	addStory(t, s, "https://news.example/new")
	clk.Advance(24 * time.Hour)
	if res, err := s.DropPagesBefore(epoch.Add(4 * time.Hour)); err != nil || res.Pages == 0 {
		t.Fatalf("DropPagesBefore = %+v, %v", res, err)
	}
	return gone
}

// readFixture reads through the public API everything the dump compares.
func readFixture(t *testing.T, s *store.Store) fixture {
	t.Helper()
	fx := fixture{Schema: store.SchemaVersion}
	stories, err := s.Stories()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		fs := fixtureStory{Story: st, Pages: map[string]string{}}
		if fs.Versions, err = s.Versions(st.ID); err != nil {
			t.Fatal(err)
		}
		for _, v := range fs.Versions {
			raw, err := s.RawHTML(st.ID, v.N)
			key := strconv.Itoa(v.N)
			switch {
			case errors.Is(err, redline.ErrPageDropped):
				fs.Pages[key] = "dropped"
			case err != nil:
				t.Fatal(err)
			case raw == nil:
				fs.Pages[key] = ""
			default:
				fs.Pages[key] = fmt.Sprintf("%x:%d", sha256.Sum256(raw), len(raw))
			}
		}
		if fs.Checks, err = s.Checks(st.ID, 0); err != nil {
			t.Fatal(err)
		}
		if fs.Aliases, err = s.Aliases(st.ID); err != nil {
			t.Fatal(err)
		}
		fx.Stories = append(fx.Stories, fs)
	}
	return fx
}

// schema1Records hashes every per-story record of a schema-1 file, keyed
// as the compact layout keys it: story ID followed by the record's key.
func schema1Records(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	kinds := map[string]string{"v": "versions", "r": "pages", "c": "checks", "a": "aliases", "h": "hashes", "d": "drops"}
	out := map[string]map[string]string{}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("data")).ForEachBucket(func(id []byte) error {
			data := tx.Bucket([]byte("data")).Bucket(id)
			if h := data.Get([]byte("head")); h != nil {
				addRecord(out, "heads", id, nil, h)
			}
			return data.ForEachBucket(func(name []byte) error {
				return data.Bucket(name).ForEach(func(k, v []byte) error {
					addRecord(out, kinds[string(name)], id, k, v)
					return nil
				})
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func addRecord(out map[string]map[string]string, kind string, id, k, v []byte) {
	if out[kind] == nil {
		out[kind] = map[string]string{}
	}
	sum := sha256.Sum256(v)
	out[kind][hex.EncodeToString(append(append([]byte(nil), id...), k...))] = hex.EncodeToString(sum[:])
}
