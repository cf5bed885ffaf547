package store_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// schema1File unpacks the file made by the schema-1 release into a temp
// dir and returns its path and the dump of what it holds.
func schema1File(t testing.TB) (string, fixture) {
	t.Helper()
	path, want := unpackFixture(t, fixtureDB, fixtureDump)
	if want.Schema != 1 || len(want.Stories) < 4 {
		t.Fatalf("fixture dump holds schema %d with %d stories; want schema 1's", want.Schema, len(want.Stories))
	}
	return path, want
}

// unpackFixture writes the gzipped file db into a temp dir and returns its
// path and the fixture the dump file holds.
func unpackFixture(t testing.TB, db, dump string) (string, fixture) {
	t.Helper()
	zf, err := os.Open(db)
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
	path := filepath.Join(t.TempDir(), filepath.Base(strings.TrimSuffix(db, ".gz")))
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	var want fixture
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	return path, want
}

// compareFixture fails unless s reads back exactly what the dump holds.
func compareFixture(t *testing.T, s *store.Store, want fixture) {
	t.Helper()
	got := readFixture(t, s)
	if len(got.Stories) != len(want.Stories) {
		t.Fatalf("%d stories after migration, want %d", len(got.Stories), len(want.Stories))
	}
	for i := range want.Stories {
		g, _ := json.Marshal(got.Stories[i])
		w, _ := json.Marshal(want.Stories[i])
		if !bytes.Equal(g, w) {
			t.Errorf("story %d reads back differently after migration:\n got %.400s\nwant %.400s",
				want.Stories[i].Story.ID, g, w)
		}
	}
	for _, id := range want.Purged {
		if _, err := s.Story(id); !errors.Is(err, redline.ErrStoryNotFound) {
			t.Errorf("purged story %d: %v, want ErrStoryNotFound", id, err)
		}
	}
}

// compactRecords hashes every record of the per-kind buckets, keyed as
// schema1Records keys the old file's, and reports any other bucket that
// holds per-story data.
func compactRecords(t *testing.T, path string) (map[string]map[string]string, uint64) {
	t.Helper()
	out := map[string]map[string]string{}
	var schema uint64
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		schema = binary.BigEndian.Uint64(tx.Bucket([]byte("meta")).Get([]byte("schema")))
		if tx.Bucket([]byte("data")) != nil {
			t.Error("schema 1's data bucket is still in the file")
		}
		for _, kind := range []string{"heads", "versions", "pages", "checks", "aliases", "hashes", "drops"} {
			b := tx.Bucket([]byte(kind))
			if b == nil {
				t.Errorf("no %q bucket", kind)
				continue
			}
			_ = b.ForEach(func(k, v []byte) error {
				if out[kind] == nil {
					out[kind] = map[string]string{}
				}
				sum := sha256.Sum256(v)
				out[kind][hex.EncodeToString(k)] = hex.EncodeToString(sum[:])
				return nil
			})
		}
		return nil
	})
	return out, schema
}

// readsBesideNewRecords opens the migrated fixture file at path again,
// stores new stories beside its records, and checks both read back, the
// old ones as want, and that the file checks clean.
func readsBesideNewRecords(t *testing.T, path string, want fixture, schema string) {
	t.Helper()
	s, err := store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fresh := fillSites(t, s, []string{"news.example"}, 2)
	readBack(t, s, fresh)
	got := readFixture(t, s)
	for i, ws := range want.Stories {
		g, _ := json.Marshal(got.Stories[i])
		w, _ := json.Marshal(ws)
		if !bytes.Equal(g, w) {
			t.Errorf("story %d of the %s file reads back differently beside new records", ws.Story.ID, schema)
		}
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check() after new records: %v", err)
	}
}

func compareRecords(t *testing.T, path string, want fixture) {
	t.Helper()
	got, schema := compactRecords(t, path)
	if schema != store.SchemaVersion {
		t.Errorf("schema after migration = %d, want %d", schema, store.SchemaVersion)
	}
	for kind, recs := range want.Records {
		for k, sum := range recs {
			if got[kind][k] != sum {
				t.Errorf("%s record %s: sha256 %q after migration, want %q (byte-identical)", kind, k, got[kind][k], sum)
			}
		}
		if len(got[kind]) != len(recs) {
			t.Errorf("%s: %d records after migration, want %d", kind, len(got[kind]), len(recs))
		}
	}
	for kind := range got {
		if want.Records[kind] == nil {
			t.Errorf("%s: %d records after migration, the old file had none", kind, len(got[kind]))
		}
	}
}

// TestOpen_MigratesSchema1 opens a file made by the schema-1 release: it
// migrates once, every story, version, page, check and alias reads back as
// the dump says, every record is byte-identical under its new key, and
// the migrated file keeps working (chains continue, keep_checks holds,
// purging empties every bucket).
func TestOpen_MigratesSchema1(t *testing.T) {
	path, want := schema1File(t)
	s, err := store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatalf("Open(schema 1 file) = %v", err)
	}
	compareFixture(t, s, want)
	if err := s.Check(); err != nil {
		t.Errorf("Check() after migration: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	compareRecords(t, path, want)

	// A second open finds nothing to migrate and changes nothing.
	before, _ := os.ReadFile(path)
	s, err = store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("reopening a migrated file rewrote it")
	}
	compareFixture(t, s, want)

	long, moved := want.Stories[0].Story.ID, want.Stories[1].Story.ID
	last := want.Stories[0].Versions[len(want.Stories[0].Versions)-1]
	next := newGen(99).edit(last.Article)
	v, stored := save(t, s, long, next, page(next, "after migration"))
	if !stored || v.N != last.N+1 {
		t.Fatalf("SaveVersion after migration = %v, N %d; want stored as %d", stored, v.N, last.N+1)
	}
	if got, err := s.Version(long, v.N); err != nil || got.Hash != v.Hash {
		t.Errorf("new version reads back %v, %v", got.Hash, err)
	}
	if back, err := s.Version(long, 1); err != nil || back.Hash != want.Stories[0].Versions[0].Hash {
		t.Errorf("version 1 after a new save: %v, %v", back.Hash, err)
	}
	for i := range 3 {
		if err := s.AddCheck(moved, redline.Check{Result: redline.ResultUnchanged, Note: "new " + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	checks, err := s.Checks(moved, 0)
	if err != nil || len(checks) != fixtureKeep || checks[0].Note != "new c" ||
		checks[3].Note != want.Stories[1].Checks[0].Note {
		t.Errorf("checks after 3 more = %d, %v; want the %d newest, new ones first", len(checks), err, fixtureKeep)
	}
	if err := s.DeleteStory(long); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StoryByURL(want.Stories[0].Story.URL); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("purged story's URL still found: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check() after purging a migrated story: %v", err)
	}
}

// TestOpen_ReadOnlySchema1 refuses to read an unmigrated file read-only
// and says what to do, without touching it.
func TestOpen_ReadOnlySchema1(t *testing.T) {
	path, _ := schema1File(t)
	before, _ := os.ReadFile(path)
	_, err := store.Open(path, store.Options{ReadOnly: true})
	if !errors.Is(err, store.ErrNeedsMigration) || !strings.Contains(err.Error(), "write command") ||
		!strings.Contains(err.Error(), path) {
		t.Errorf("read-only Open(schema 1) = %v, want ErrNeedsMigration naming the file and the fix", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused read-only open changed the file")
	}
}

// TestOpen_ResumesInterruptedMigration stops a migration after its first
// transaction, as a crash would: the file then refuses a read-only open,
// carries schema 2 so an older redline refuses it too, and the next
// read-write open finishes the job with nothing lost. Batches of one
// story also show the migration never needs the whole file in one
// transaction.
func TestOpen_ResumesInterruptedMigration(t *testing.T) {
	path, want := schema1File(t)
	crash := errors.New("simulated crash")
	batches := 0
	restore := store.SetMigrateBatch(1, func(int) error {
		batches++
		return crash
	})
	defer restore()
	if _, err := store.Open(path, store.Options{}); !errors.Is(err, crash) {
		t.Fatalf("Open with a crash mid-migration = %v, want the crash", err)
	}
	if _, err := store.Open(path, store.Options{ReadOnly: true}); !errors.Is(err, store.ErrNeedsMigration) {
		t.Errorf("read-only Open of a half-migrated file = %v, want ErrNeedsMigration", err)
	}
	if _, schema := rawSchema(t, path); schema != store.SchemaVersion {
		t.Errorf("half-migrated file has schema %d, want %d so older releases refuse it", schema, store.SchemaVersion)
	}
	batches = 0
	store.SetMigrateBatch(1, func(int) error { batches++; return nil })
	s, err := store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatalf("Open resuming the migration = %v", err)
	}
	if batches < 2 {
		t.Errorf("resumed migration took %d transactions, want one per story", batches)
	}
	compareFixture(t, s, want)
	if err := s.Check(); err != nil {
		t.Errorf("Check() after resuming: %v", err)
	}
	s.Close()
	compareRecords(t, path, want)
}

// rawSchema reads the schema key with bbolt alone, as an older release would.
func rawSchema(t *testing.T, path string) (hasData bool, schema uint64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		hasData = tx.Bucket([]byte("data")) != nil
		schema = binary.BigEndian.Uint64(tx.Bucket([]byte("meta")).Get([]byte("schema")))
		return nil
	})
	return hasData, schema
}

// TestOpen_Schema1BadRecord refuses to migrate a story whose schema-1
// bucket holds something the layout never wrote, naming the story and the
// record, and loses nothing: once the stray bucket is gone the migration
// goes through as if it had never failed.
func TestOpen_Schema1BadRecord(t *testing.T) {
	path, want := schema1File(t)
	id := want.Stories[1].Story.ID
	idKey := binary.BigEndian.AppendUint64(nil, uint64(id))
	rawUpdateFile(t, path, func(tx *bolt.Tx) error {
		_, err := tx.Bucket([]byte("data")).Bucket(idKey).CreateBucket([]byte("zz"))
		return err
	})
	_, err := store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), "story 2") || !strings.Contains(err.Error(), `"zz"`) {
		t.Fatalf("Open(schema 1 with a stray bucket) = %v, want ErrCorrupt naming story 2 and the bucket", err)
	}
	t.Logf("Open said: %v", err)
	rawUpdateFile(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("data")).Bucket(idKey).DeleteBucket([]byte("zz"))
	})
	s, err := store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatalf("Open after removing the stray bucket = %v", err)
	}
	compareFixture(t, s, want)
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if size := fileSizeT(t, path); size != st.FileSize {
		t.Errorf("migrated file is %d bytes, its used pages %d: the compaction after migration should trim it", size, st.FileSize)
	}
	s.Close()
	compareRecords(t, path, want)
}

func rawUpdateFile(t *testing.T, path string, fn func(*bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func fileSizeT(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
