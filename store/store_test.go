package store_test

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// lockWait is the lock timeout the locking tests use; failing must take
// about this long, never forever.
const lockWait = 300 * time.Millisecond

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	boltFile := func(name string, fn func(tx *bolt.Tx) error) string {
		p := filepath.Join(dir, name)
		db, err := bolt.Open(p, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(fn); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 600)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		readOnly bool
		wantErr  error // nil: must open
	}{
		{name: "new file", path: filepath.Join(dir, "new.db")},
		{name: "garbage file", path: garbage, wantErr: store.ErrNotRedline},
		{name: "garbage file read-only", path: garbage, readOnly: true, wantErr: store.ErrNotRedline},
		{name: "missing file read-only", path: filepath.Join(dir, "missing.db"), readOnly: true, wantErr: os.ErrNotExist},
		{name: "missing directory", path: filepath.Join(dir, "no", "such", "dir.db"), wantErr: os.ErrNotExist},
		{name: "foreign bbolt file", path: boltFile("foreign.db", func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("widgets"))
			return err
		}), wantErr: store.ErrNotRedline},
		{name: "newer schema", path: boltFile("newer.db", func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("meta"))
			if err != nil {
				return err
			}
			return b.Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, store.SchemaVersion + 1})
		}), wantErr: store.ErrSchemaTooNew},
		{name: "empty bbolt file read-only", path: boltFile("empty.db", func(*bolt.Tx) error { return nil }),
			readOnly: true, wantErr: store.ErrNotRedline},
		{name: "empty bbolt file initialised", path: filepath.Join(dir, "empty.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := store.Open(tt.path, store.Options{ReadOnly: tt.readOnly, Timeout: lockWait})
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Open(%s) = %v, want success", tt.path, err)
				}
				if s.Path() != tt.path {
					t.Errorf("Path() = %q, want %q", s.Path(), tt.path)
				}
				if err := s.Check(); err != nil {
					t.Errorf("Check() on new database: %v", err)
				}
				if err := s.Close(); err != nil {
					t.Errorf("Close() = %v", err)
				}
				return
			}
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded, want %v", tt.path, tt.wantErr)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Open(%s) = %v, want errors.Is %v", tt.path, err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name the path", err)
			}
		})
	}
}

// assertLocked opens path while another holder has it and checks the
// error is the clear, fast, locked one.
func assertLocked(t *testing.T, path string, readOnly bool) {
	t.Helper()
	start := time.Now()
	s, err := store.Open(path, store.Options{Timeout: lockWait, ReadOnly: readOnly})
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%s, readOnly=%v) succeeded while the database is held", path, readOnly)
	}
	if !errors.Is(err, redline.ErrDatabaseLocked) {
		t.Fatalf("Open = %v, want errors.Is ErrDatabaseLocked", err)
	}
	for _, want := range []string{path, "try again", "--db"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if elapsed > 10*lockWait {
		t.Errorf("locked Open took %v with timeout %v", elapsed, lockWait)
	}
}

func TestOpen_lockedInProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "redline.db")
	first, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	assertLocked(t, path, false)
	assertLocked(t, path, true)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second, err := store.Open(path, store.Options{Timeout: lockWait})
	if err != nil {
		t.Fatalf("Open after the holder closed: %v", err)
	}
	second.Close()
}

// holdEnv names the database a re-executed test binary holds open until
// its stdin closes.
const holdEnv = "REDLINE_STORE_TEST_HOLD"

func TestOpen_lockedByOtherProcess(t *testing.T) {
	if path := os.Getenv(holdEnv); path != "" {
		holdOpen(t, path)
		return
	}
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), "redline.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpen_lockedByOtherProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	lines := bufio.NewScanner(stdout)
	for lines.Scan() && lines.Text() != "holding" {
	}
	if lines.Err() != nil {
		t.Fatalf("child never held the database: %v", lines.Err())
	}

	assertLocked(t, path, false)
	assertLocked(t, path, true)

	stdin.Close()
	go io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	s, err := store.Open(path, store.Options{Timeout: lockWait})
	if err != nil {
		t.Fatalf("Open after the child exited: %v", err)
	}
	if _, err := s.StoryByURL("https://held.example/"); err != nil {
		t.Errorf("story written by the child: %v", err)
	}
	s.Close()
}

// holdOpen is the child side: open, write, announce, wait for stdin EOF.
func holdOpen(t *testing.T, path string) {
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("child open: %v", err)
	}
	defer s.Close()
	if err := s.AddStory(&redline.Story{URL: "https://held.example/"}); err != nil {
		t.Fatalf("child add: %v", err)
	}
	os.Stdout.WriteString("holding\n")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

func TestOpen_readOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "redline.db")
	rw, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := redline.Story{URL: "https://news.example/a"}
	if err := rw.AddStory(&st); err != nil {
		t.Fatal(err)
	}
	a := newGen(1).article(200)
	if _, err := rw.SaveVersion(&redline.Version{StoryID: st.ID, Article: a}, nil); err != nil {
		t.Fatal(err)
	}
	rw.Close()

	// Two read-only opens share the lock, like two `redline list` runs.
	r1, err := store.Open(path, store.Options{ReadOnly: true, Timeout: lockWait})
	if err != nil {
		t.Fatalf("first read-only open: %v", err)
	}
	defer r1.Close()
	r2, err := store.Open(path, store.Options{ReadOnly: true, Timeout: lockWait})
	if err != nil {
		t.Fatalf("second read-only open: %v", err)
	}
	defer r2.Close()
	if !r1.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	v, err := r2.LatestVersion(st.ID)
	if err != nil || v.Article.Headline != a.Headline {
		t.Errorf("LatestVersion = %q, %v; want %q", v.Article.Headline, err, a.Headline)
	}
	if err := r1.AddStory(&redline.Story{URL: "https://news.example/b"}); err == nil {
		t.Error("AddStory on a read-only store succeeded")
	}
	if err := r1.Check(); err != nil {
		t.Errorf("Check() = %v", err)
	}
	assertLocked(t, path, false)
}
