package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/newsroom"
)

// The test binary doubles as the redline binary: with REDLINE_TEST_MAIN
// set it runs main, so tests can start real separate processes (a daemon
// and a cron crawl on one database) without building anything.
func TestMain(m *testing.M) {
	if os.Getenv("REDLINE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// result is what one in-process run of redline printed and returned.
type result struct {
	stdout, stderr string
	err            error
	code           int
}

// runRedline runs the CLI in-process, exactly as main does.
func runRedline(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err := run(ctx, args, &out, &errOut)
	code := exitCode(err, &errOut)
	return result{stdout: out.String(), stderr: errOut.String(), err: err, code: code}
}

// mustRun fails the test unless the command succeeds.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := runRedline(t, args...)
	if r.err != nil {
		t.Fatalf("redline %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.err, r.stdout, r.stderr)
	}
	return r
}

func decodeJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, s)
	}
	return v
}

// fields lists the keys of a JSON object, for shape checks.
func hasKeys(t *testing.T, obj map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := obj[k]; !ok {
			t.Errorf("JSON object lacks documented field %q: %v", k, obj)
		}
	}
}

// newSite serves the simulated newsroom on loopback for one test.
func newSite(t *testing.T, opts newsroom.Options) (*newsroom.Site, string) {
	t.Helper()
	site := newsroom.NewSite(opts)
	srv := httptest.NewServer(site.Handler())
	t.Cleanup(srv.Close)
	return site, srv.URL
}

// heldSite serves the simulated newsroom on loopback with the story pages
// that held reports held back until release is closed (or the request
// gives up), so a test can be sure a crawl is still in flight. A nil held
// holds every story page.
func heldSite(t *testing.T, seed int64, held func(*http.Request) bool) (site *newsroom.Site, url string, release chan struct{}) {
	t.Helper()
	site = newsroom.NewSite(newsroom.Options{Seed: seed})
	release = make(chan struct{})
	h := site.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/news/") && (held == nil || held(r)) {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return site, srv.URL, release
}

// testConfig writes a config that is polite to nobody: the sites are ours.
// The generous timeout is for tests that hold pages back while several
// -race processes start on a loaded machine.
func testConfig(t *testing.T, extra string) (cfgPath, dbPath string) {
	t.Helper()
	dir := t.TempDir()
	dbPath = filepath.Join(dir, "redline.db")
	cfgPath = filepath.Join(dir, "redline.yaml")
	body := "db: " + dbPath + "\nallow_private_targets: true\ncrawler:\n  host_delay: 0s\n  timeout: 60s\nlog:\n  level: warn\n" + extra
	if err := os.WriteFile(cfgPath, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfgPath, dbPath
}

// startProcess runs redline as a separate OS process.
func startProcess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "REDLINE_TEST_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// runProcess runs redline as a separate process to completion.
func runProcess(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "REDLINE_TEST_MAIN=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}
