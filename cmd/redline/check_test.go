package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// copyDB copies a database file, so damage is done to a copy.
func copyDB(t *testing.T, db string) string {
	t.Helper()
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

// livePage returns the offset and size of the page at the root of the
// "versions" bucket, which holds every story's versions: a page that is
// certainly in use, unlike a freed one that still holds old bytes.
func livePage(t *testing.T, path string) (off, size int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var root uint64
	_ = db.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket([]byte("versions")).Root())
		return nil
	})
	if root == 0 {
		t.Fatal("versions bucket has no root page")
	}
	size = db.Info().PageSize
	return int(root) * size, size
}

func TestCheck_findsDamage(t *testing.T) {
	_, cfg, db := trackedDB(t, 3, "")
	healthy := mustRun(t, "--config", cfg, "check")
	if !strings.Contains(healthy.stdout, db+": ok: ") || strings.Count(healthy.stdout, "\n") != 1 {
		t.Errorf("check of a healthy database: %q, want one line naming it ok", healthy.stdout)
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
		want   []string // in stderr
	}{
		{name: "data page overwritten", damage: func(t *testing.T, path string) {
			off, size := livePage(t, path)
			data, _ := os.ReadFile(path)
			for i := off + 16; i < off+size; i++ {
				data[i] = 0xA5
			}
			os.WriteFile(path, data, 0o600)
		}, want: []string{"bbolt page check"}},
		{name: "page header overwritten", damage: func(t *testing.T, path string) {
			off, _ := livePage(t, path)
			data, _ := os.ReadFile(path)
			binary.LittleEndian.PutUint64(data[off:], 0xdeadbeef) // the page's own id
			os.WriteFile(path, data, 0o600)
		}, want: []string{"bbolt page check"}},
		{name: "version deleted", damage: func(t *testing.T, path string) {
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				// Keys are story ID + version number.
				return tx.Bucket([]byte("versions")).Delete(append(u64key(2), u64key(1)...))
			})
		}, want: []string{"story 2", "version"}},
		{name: "page record garbled", damage: func(t *testing.T, path string) {
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				r := tx.Bucket([]byte("pages"))
				var k, v []byte
				c := r.Cursor()
				for ck, cv := c.Seek(u64key(1)); ck != nil && string(ck[:8]) == string(u64key(1)); ck, cv = c.Next() {
					k, v = append([]byte(nil), ck...), cv // story 1's newest page
				}
				bad := append([]byte(nil), v...)
				bad[len(bad)-3] ^= 0xFF
				return r.Put(k, bad)
			})
		}, want: []string{"story 1 pages"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyDB(t, db)
			tt.damage(t, path)
			r := runRedline(t, "--db", path, "check")
			if r.code != exitFailed {
				t.Fatalf("check of a damaged copy: exit %d, want %d\nstdout: %s\nstderr: %s", r.code, exitFailed, r.stdout, r.stderr)
			}
			t.Logf("check said:\n%s", r.stderr)
			for _, want := range append(tt.want, path, "damaged") {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not mention %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}

func rawUpdate(t *testing.T, path string, fn func(*bolt.Tx) error) {
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

func u64key(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
