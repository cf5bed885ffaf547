//go:build linux

package tracker_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
)

// mountTiny mounts a tmpfs of size bytes in a temporary directory, or skips
// the test when this machine does not allow it.
func mountTiny(t *testing.T, size int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (needs root and CAP_SYS_ADMIN): %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fill writes a file until the disk is full and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling %s: %v", dir, err)
			}
			return path
		}
	}
}

// growingStory gains many paragraphs every round, so each version needs
// pages the database has not allocated yet.
func growingStory(rounds int) newsroom.Story {
	pool := benchParagraphPool(rand.New(rand.NewPCG(9, 9)), 40*rounds+20)
	st := newsroom.Story{Slug: "council-budget-grows", Section: "Local"}
	for r := range rounds {
		st.Rounds = append(st.Rounds, newsroom.Round{
			Headline:   fmt.Sprintf("Council budget talks run into a %d%s day", r+1, ordinalSuffix(r+1)),
			Byline:     "Jin Park",
			Dek:        "Officials added new items to the budget again.",
			Paragraphs: pool[:20+40*r],
			Developing: true,
		})
	}
	return st
}

// TestTracker_Once_DiskFull: when the disk holding the database fills up,
// the pass fails loudly with "disk full", blames neither the host nor the
// story, and once space is freed the database opens, passes the
// consistency check and holds every version stored before.
func TestTracker_Once_DiskFull(t *testing.T) {
	t.Parallel()
	dir := mountTiny(t, 4<<20)
	clk := clock.New(epoch)
	const rounds = 20
	site := newsroom.NewSite(newsroom.Options{Stories: []newsroom.Story{growingStory(rounds)}, Seed: 1})
	srv := httptest.NewServer(site.Handler())
	t.Cleanup(srv.Close)
	dbPath := filepath.Join(dir, "redline.db")
	st, err := store.Open(dbPath, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() }) // before the unmount: cleanups run last-in first-out
	cr, err := crawler.New(crawler.Options{HostDelay: -1, AllowPrivate: true, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cr.Close() })
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tracker.New(tracker.Options{Store: st, Crawler: cr, Extractor: ex, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	story, err := tr.Track(site.StoryURL(srv.URL, "council-budget-grows"), tracker.TrackOptions{})
	if err != nil {
		t.Fatal(err)
	}
	once := func() (redline.CrawlReport, error) {
		return tr.Once(context.Background(), tracker.OnceOptions{IDs: []redline.StoryID{story.ID}})
	}
	if rep, err := once(); err != nil || rep.Changed != 1 {
		t.Fatalf("first pass: %+v, %v", rep, err)
	}
	filler := fill(t, dir)

	var (
		rep      redline.CrawlReport
		before   redline.Story
		versions []redline.Version
	)
	for r := 1; r < rounds; r++ {
		if before, err = st.Story(story.ID); err != nil {
			t.Fatal(err)
		}
		if versions, err = st.Versions(story.ID); err != nil {
			t.Fatal(err)
		}
		site.Advance()
		clk.Advance(10 * time.Minute)
		if rep, err = once(); err != nil {
			break
		}
	}
	if err == nil {
		t.Fatalf("%d rounds of growing edits on a full disk never failed a write", rounds)
	}
	var le *tracker.LocalError
	if !errors.As(err, &le) || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "disk full") || le.Story != story.ID {
		t.Fatalf("pass on a full disk returned %v; want a LocalError for story %d naming the disk full (ENOSPC)", err, story.ID)
	}
	if len(rep.Stories) != 1 || rep.Stories[0].Result != redline.ResultFailed || !strings.Contains(rep.Stories[0].Error, "disk full") {
		t.Errorf("report %+v; want the story failed with the disk-full error", rep.Stories)
	}
	if hosts, err := tr.PausedHosts(); err != nil || len(hosts) != 0 {
		t.Errorf("paused hosts after a full disk: %+v, %v; want none", hosts, err)
	}
	after, err := st.Story(story.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Failures != before.Failures || after.Status != before.Status || !after.NextCheck.Equal(before.NextCheck) || after.LastError != before.LastError {
		t.Errorf("story marked by a local failure: failures %d, status %q, next %v, error %q; before %d, %q, %v, %q",
			after.Failures, after.Status, after.NextCheck, after.LastError, before.Failures, before.Status, before.NextCheck, before.LastError)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if rep, err := once(); err != nil || rep.Failed != 0 {
		t.Fatalf("pass after freeing space: %+v, %v", rep, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err = store.Open(dbPath, store.Options{}); err != nil {
		t.Fatalf("reopen after the disk filled: %v", err)
	}
	if err := st.Check(); err != nil {
		t.Fatalf("consistency after the disk filled: %v", err)
	}
	got, err := st.Versions(story.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) <= len(versions) {
		t.Fatalf("%d versions after recovery, want more than the %d before the failure", len(got), len(versions))
	}
	for i, v := range versions {
		if got[i].Hash != v.Hash || got[i].N != v.N {
			t.Errorf("version %d changed: hash %s, want %s", v.N, got[i].Hash, v.Hash)
		}
	}
	t.Logf("disk filled at version %d: %v", len(versions)+1, le)
}
