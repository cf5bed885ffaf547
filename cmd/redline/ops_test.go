package main

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/store"
)

// trackedDB tracks every story of a simulated site and crawls it through
// rounds of edits, leaving a database with several versions and pages.
func trackedDB(t *testing.T, rounds int, extra string) (site *newsroom.Site, cfg, db string) {
	t.Helper()
	site, base := newSite(t, newsroom.Options{Seed: 3})
	cfg, db = testConfig(t, extra)
	track := []string{"--config", cfg, "track"}
	for _, slug := range site.Slugs() {
		track = append(track, site.StoryURL(base, slug))
	}
	mustRun(t, track...)
	for range rounds {
		mustRun(t, "--config", cfg, "crawl", "--all")
		site.Advance()
	}
	return site, cfg, db
}

// contents reads every version and page of every story in a database.
type contents map[redline.StoryID][]versionWithPage

type versionWithPage struct {
	V    redline.Version
	Page []byte
	Err  string
}

func readContents(t *testing.T, db string) contents {
	t.Helper()
	s, err := store.Open(db, store.Options{ReadOnly: true, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	defer s.Close()
	stories, err := s.Stories()
	if err != nil {
		t.Fatal(err)
	}
	out := contents{}
	for _, st := range stories {
		vs, err := s.Versions(st.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			raw, err := s.RawHTML(st.ID, v.N)
			vp := versionWithPage{V: v, Page: raw}
			if err != nil {
				vp.Err = err.Error()
			}
			out[st.ID] = append(out[st.ID], vp)
		}
	}
	return out
}

// rawDump is every key and value of a bbolt file, with bucket sequences.
func rawDump(t *testing.T, db string) map[string]string {
	t.Helper()
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	out := map[string]string{}
	var walk func(prefix string, b *bolt.Bucket)
	walk = func(prefix string, b *bolt.Bucket) {
		out[prefix+"#seq"] = fmt.Sprint(b.Sequence())
		_ = b.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(prefix+"/"+string(k), b.Bucket(k))
			} else {
				out[prefix+"/"+string(k)] = string(v)
			}
			return nil
		})
	}
	_ = bdb.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			walk(string(name), b)
			return nil
		})
	})
	return out
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func TestBackup_offline(t *testing.T) {
	_, cfg, db := trackedDB(t, 3, "")
	dst := filepath.Join(t.TempDir(), "redline-backup.db")
	r := mustRun(t, "--config", cfg, "backup", dst)
	if !strings.Contains(r.stdout, "checked") || !strings.Contains(r.stdout, dst) {
		t.Errorf("backup output: %q", r.stdout)
	}
	if got, want := readContents(t, dst), readContents(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("backup holds other versions or pages than the database")
	}
	checkDB(t, dst)
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dst), ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left beside the backup: %v", left)
	}

	before, _ := os.ReadFile(dst)
	again := runRedline(t, "--config", cfg, "backup", dst)
	if again.code != exitUsage || !strings.Contains(again.stderr, "--force") {
		t.Errorf("backup over an existing file: exit %d, stderr %q; want %d naming --force", again.code, again.stderr, exitUsage)
	}
	if now, _ := os.ReadFile(dst); !bytes.Equal(before, now) {
		t.Errorf("a refused backup changed the existing file")
	}
	mustRun(t, "--config", cfg, "backup", "--force", dst)
	if self := runRedline(t, "--config", cfg, "backup", "--force", db); self.code != exitUsage || !strings.Contains(self.stderr, "database itself") {
		t.Errorf("backup onto the database: exit %d, %q", self.code, self.stderr)
	}
	if none := runRedline(t, "--db", filepath.Join(t.TempDir(), "missing.db"), "backup", filepath.Join(t.TempDir(), "b.db")); none.code == 0 {
		t.Errorf("backup of a missing database succeeded")
	}
}

// TestBackup_duringCrawl takes a backup through a running daemon in the
// middle of a crawl: one story's new version is committed, the others'
// pages are still being fetched. The copy must open, pass the check, hold
// every version committed before it started, and match the database.
func TestBackup_duringCrawl(t *testing.T) {
	var hold atomic.Bool
	var slugs []string
	site, siteURL, release := heldSite(t, 4, func(r *http.Request) bool {
		return hold.Load() && !strings.Contains(r.URL.Path, slugs[0])
	})
	slugs = site.Slugs()
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "redline.db"), filepath.Join(dir, "redline.yaml")
	conf := "db: " + db + "\nallow_private_targets: true\nschedule:\n  tick: 1h\nlog:\n  level: warn\n" +
		"crawler:\n  host_delay: 0s\n  timeout: 60s\n  host_parallelism: 8\n"
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)
	track := []string{"--config", cfg, "track"}
	for _, slug := range slugs {
		track = append(track, site.StoryURL(siteURL, slug))
	}
	if msg, code := runProcess(t, track...); code != 0 {
		t.Fatalf("track: %s", msg)
	}
	if msg, code := runProcess(t, "--config", cfg, "crawl", "--all"); code != 0 {
		t.Fatalf("crawl: %s", msg)
	}
	site.Advance()
	hold.Store(true)
	crawl, crawlOut := startProcess(t, "--config", cfg, "crawl", "--all")
	defer crawl.Process.Kill()
	// Wait for the first story's edit to be committed mid-crawl.
	var committed map[redline.StoryID]int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if committed = versionCounts(t, cfg); committed[1] == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("story 1 has %d versions 30s into the crawl\n%s", committed[1], crawlOut)
		}
	}
	dst := filepath.Join(t.TempDir(), "live.db")
	msg, code := runProcess(t, "--config", cfg, "backup", dst)
	close(release)
	if code != 0 || !strings.Contains(msg, "copying through it") {
		t.Fatalf("backup during a crawl: exit %d\n%s", code, msg)
	}
	if err := crawl.Wait(); err != nil {
		t.Fatalf("crawl: %v\n%s", err, crawlOut)
	}
	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Fatalf("daemon: %v\n%s", err, out)
	}
	checkDB(t, dst)
	copied, final := readContents(t, dst), readContents(t, db)
	grew := false
	for id, n := range committed {
		if len(copied[id]) < n {
			t.Errorf("story %d: backup holds %d versions, %d were committed before it started", id, len(copied[id]), n)
		}
		if !reflect.DeepEqual(copied[id], final[id][:len(copied[id])]) {
			t.Errorf("story %d: backup's versions differ from the database's", id)
		}
		grew = grew || len(final[id]) > len(copied[id])
	}
	if !grew {
		t.Errorf("no story gained a version after the backup: it was not taken mid-crawl")
	}
}

// versionCounts asks redline (through whoever holds the database) how many
// versions each story has.
func versionCounts(t *testing.T, cfg string) map[redline.StoryID]int {
	t.Helper()
	msg, code := runProcess(t, "--config", cfg, "list", "--json")
	if code != 0 {
		t.Fatalf("list: %s", msg)
	}
	list := decodeJSON[[]struct {
		ID       redline.StoryID `json:"id"`
		Versions int             `json:"versions"`
	}](t, msg[strings.Index(msg, "["):])
	out := map[redline.StoryID]int{}
	for _, st := range list {
		out[st.ID] = st.Versions
	}
	return out
}

func TestCompact_offline(t *testing.T) {
	_, cfg, db := trackedDB(t, 4, "")
	list := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout)
	for _, st := range list[1:] {
		mustRun(t, "--config", cfg, "untrack", "--purge", fmt.Sprint(st["id"]))
	}
	before, sizeBefore := rawDump(t, db), fileSize(t, db)
	r := mustRun(t, "--config", cfg, "compact")
	if !strings.Contains(r.stdout, "compacted "+db) || !strings.Contains(r.stdout, "→") {
		t.Errorf("compact output: %q", r.stdout)
	}
	if after := rawDump(t, db); !maps.Equal(before, after) {
		t.Errorf("compaction changed stored keys or values (%d before, %d after)", len(before), len(after))
	}
	if sizeAfter := fileSize(t, db); sizeAfter >= sizeBefore {
		t.Errorf("file of %d bytes with %d of %d stories purged is %d bytes after compaction", sizeBefore, len(list)-1, len(list), sizeAfter)
	}
	checkDB(t, db)
	if none := runRedline(t, "--db", filepath.Join(t.TempDir(), "missing.db"), "compact"); none.code == 0 {
		t.Errorf("compact of a missing database succeeded")
	}
}

func TestCompact_throughDaemon(t *testing.T) {
	site, cfg, db := trackedDB(t, 3, "schedule:\n  tick: 1h\n")
	list := decodeJSON[[]map[string]any](t, mustRun(t, "--config", cfg, "list", "--json").stdout)
	for _, st := range list[1:] {
		mustRun(t, "--config", cfg, "untrack", "--purge", fmt.Sprint(st["id"]))
	}
	before, sizeBefore := readContents(t, db), fileSize(t, db)
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)
	msg, code := runProcess(t, "--config", cfg, "compact", "--json")
	if code != 0 || !strings.Contains(msg, "asking it to compact") {
		t.Fatalf("compact through the daemon: exit %d\n%s", code, msg)
	}
	rep := decodeJSON[map[string]any](t, msg[strings.Index(msg, "{"):])
	if rep["after"].(float64) >= rep["before"].(float64) || int64(rep["before"].(float64)) != sizeBefore {
		t.Errorf("compact report %v; file was %d bytes", rep, sizeBefore)
	}
	// The daemon carries on over the new file.
	site.Advance()
	if msg, code := runProcess(t, "--config", cfg, "crawl", "--all"); code != 0 || !strings.Contains(msg, "1 changed") {
		t.Errorf("crawl after compaction: exit %d\n%s", code, msg)
	}
	if msg, code := runProcess(t, "--config", cfg, "check"); code != 0 {
		t.Errorf("check through the daemon after compaction: exit %d\n%s", code, msg)
	}
	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Fatalf("daemon: %v\n%s", err, out)
	}
	checkDB(t, db)
	after := readContents(t, db)
	for id, vs := range before {
		if !reflect.DeepEqual(after[id][:len(vs)], vs) {
			t.Errorf("story %d: versions or pages changed by compaction", id)
		}
	}
}
