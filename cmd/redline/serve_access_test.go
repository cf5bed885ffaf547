package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/internal/newsroom"
)

const (
	testReadToken  = "read-token-0123456789"
	testWriteToken = "write-token-0123456789"
)

func TestParseConfig_serve(t *testing.T) {
	t.Setenv("REDLINE_TEST_WRITE_TOKEN", testWriteToken)
	tests := []struct {
		name    string
		yaml    string
		wantErr string // substring; empty means success
	}{
		{name: "loopback needs no token", yaml: "serve:\n  addr: 127.0.0.1:0\n"},
		{name: "localhost needs no token", yaml: "serve:\n  addr: localhost:8080\n"},
		{name: "IPv6 loopback needs no token", yaml: "serve:\n  addr: '[::1]:8080'\n"},
		{name: "no port", yaml: "serve:\n  addr: localhost\n", wantErr: `test.yaml:2: serve.addr: "localhost" is not host:port`},
		{name: "named port", yaml: "serve:\n  addr: 127.0.0.1:http\n", wantErr: `serve.addr: "127.0.0.1:http": port "http" is not a number from 0 to 65535`},
		{name: "port too large", yaml: "serve:\n  addr: 127.0.0.1:70000\n", wantErr: `port "70000" is not a number`},
		{name: "bad host", yaml: "serve:\n  addr: 'bad_host!:80'\n", wantErr: `host "bad_host!" is not a host name`},
		{name: "wildcard without tokens", yaml: "serve:\n  addr: 0.0.0.0:8080\n", wantErr: "test.yaml:2: serve.addr: 0.0.0.0:8080 listens beyond loopback, so the API needs tokens: set serve.write_token"},
		{name: "every interface without tokens", yaml: "serve:\n  addr: ':8080'\n", wantErr: "serve.addr: :8080 listens beyond loopback"},
		{name: "IPv6 wildcard without tokens", yaml: "serve:\n  addr: '[::]:8080'\n", wantErr: "listens beyond loopback"},
		{name: "LAN address without tokens", yaml: "serve:\n  addr: 192.168.1.20:8080\n", wantErr: "listens beyond loopback"},
		{name: "host name without tokens", yaml: "serve:\n  addr: redline.newsroom.org:8080\n", wantErr: "listens beyond loopback"},
		{name: "wildcard with a write token from the environment", yaml: "serve:\n  addr: 0.0.0.0:8080\n  write_token: ${REDLINE_TEST_WRITE_TOKEN}\n"},
		{name: "read token alone makes a read-only API", yaml: "serve:\n  addr: 0.0.0.0:8080\n  read_token: " + testReadToken + "\n"},
		{name: "same token twice", yaml: "serve:\n  read_token: " + testWriteToken + "\n  write_token: " + testWriteToken + "\n", wantErr: "serve.read_token: must differ from serve.write_token"},
		{name: "short token", yaml: "serve:\n  write_token: secret\n", wantErr: "test.yaml:2: serve.write_token: must be at least 16 characters"},
		{name: "configured names", yaml: "serve:\n  hosts: [redline.newsroom.org, 'redline.newsroom.org:8443', 10.0.0.5]\n"},
		{name: "URL as a host", yaml: "serve:\n  hosts: ['https://redline.newsroom.org/']\n", wantErr: "serve.hosts[0]:"},
		{name: "too many tags on a config story", yaml: "stories:\n  - url: https://a.example/x\n    tags: [" + commaList(33) + "]\n", wantErr: "stories[0].tags: more than 32 tags on one story"},
		{name: "newsroom time zone", yaml: "serve:\n  timezone: Europe/Berlin\n"},
		{name: "unknown time zone", yaml: "serve:\n  timezone: Mars/Olympus\n", wantErr: `test.yaml:2: serve.timezone: "Mars/Olympus" is not an IANA time zone name`},
		{name: "Local is no zone name", yaml: "serve:\n  timezone: Local\n", wantErr: `serve.timezone: "Local" is not an IANA time zone name (e.g. Europe/Berlin, America/New_York); leave serve.timezone out`},
		{name: "absurd run budget", yaml: "crawler:\n  run_budget: 48h\n", wantErr: "crawler.run_budget: must be between 0 (no limit) and 24h0m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("test.yaml", []byte(tt.yaml))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func commaList(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = "tag" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	return strings.Join(s, ", ")
}

// TestServe_refusesUnsafeAddr: a bad or exposed address is refused before
// the database is opened or a port bound.
func TestServe_refusesUnsafeAddr(t *testing.T) {
	cfg, db := testConfig(t, "")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"bad --addr", []string{"serve", "--addr", "BAD"}, []string{"--addr", `"BAD" is not host:port`}},
		{"port out of range", []string{"serve", "--addr", "127.0.0.1:99999"}, []string{`port "99999"`}},
		{"wildcard without tokens", []string{"serve", "--addr", "0.0.0.0:0"}, []string{"serve.addr", "0.0.0.0:0 listens beyond loopback", "serve.write_token", "serve.read_token"}},
		{"every interface without tokens", []string{"serve", "--addr", ":0"}, []string{"serve.addr", "beyond loopback"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runRedline(t, append([]string{"--config", cfg}, tt.args...)...)
			if r.code != exitUsage {
				t.Fatalf("exit %d, want %d\n%s", r.code, exitUsage, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
	for _, p := range []string{db, dbowner.File(db)} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s exists after serve refused to start (%v)", p, err)
		}
	}

	// config check points at the line of a bad serve.addr.
	bad, _ := testConfig(t, "serve:\n  addr: 127.0.0.1:port\n")
	r := runRedline(t, "--config", bad, "config", "check")
	if r.code != exitUsage || !strings.Contains(r.stderr, "redline.yaml:9: serve.addr:") {
		t.Errorf("config check of a bad serve.addr: exit %d\n%s", r.code, r.stderr)
	}
	exposed, _ := testConfig(t, "serve:\n  addr: 0.0.0.0:8080\n")
	r = runRedline(t, "--config", exposed, "config", "check")
	if r.code != exitUsage || !strings.Contains(r.stderr, "serve.addr: 0.0.0.0:8080 listens beyond loopback") {
		t.Errorf("config check of an exposed serve.addr: exit %d\n%s", r.code, r.stderr)
	}
}

// TestCLI_limits: the API's limits hold on the command line, as usage
// errors, before anything is stored.
func TestCLI_limits(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 4})
	cfg, db := testConfig(t, "")
	url := site.StoryURL(base, site.Slugs()[0])
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"33 tags", []string{"track", url, "--tag", commaList(33)}, "track: --tag: more than 32 tags on one story"},
		{"long tag", []string{"track", url, "--tag", strings.Repeat("x", 65)}, "is 65 characters; the limit is 64"},
		{"negative budget", []string{"crawl", "--budget", "-5m"}, "crawl: --budget: budget -5m0s must be between 0 (no limit) and 24h0m0s"},
		{"absurd budget", []string{"crawl", "--budget", "1000h"}, "crawl: --budget:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runRedline(t, append([]string{"--config", cfg}, tt.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q\n%s", r.code, exitUsage, tt.want, r.stderr)
			}
		})
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused command created the database (%v)", err)
	}
	mustRun(t, "--config", cfg, "track", url, "--tag", commaList(32))
}

func TestConfigShow_redactsTokens(t *testing.T) {
	cfg, _ := testConfig(t, "serve:\n  read_token: "+testReadToken+"\n  write_token: "+testWriteToken+"\n")
	r := mustRun(t, "--config", cfg, "config", "show")
	if strings.Contains(r.stdout, testReadToken) || strings.Contains(r.stdout, testWriteToken) || !strings.Contains(r.stdout, "write_token: '[redacted]'") {
		t.Errorf("config show does not redact the tokens:\n%s", r.stdout)
	}
}

// TestServe_tokens: a daemon on a wildcard address with tokens; every
// command still works through it with the configured token, a wrong
// token is refused, and the read token cannot write. The test connects
// over 127.0.0.1 only.
func TestServe_tokens(t *testing.T) {
	site, base := newSite(t, newsroom.Options{Seed: 5})
	tokens := "serve:\n  read_token: " + testReadToken + "\n  write_token: " + testWriteToken + "\n"
	cfg, db := testConfig(t, "schedule:\n  tick: 1s\n"+tokens)
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "0.0.0.0:0")
	defer daemon.Process.Kill()
	rec := waitForOwner(t, db, out)
	if !strings.HasPrefix(rec.Addr, "127.0.0.1:") {
		t.Fatalf("owner file holds %q, want a 127.0.0.1 address other commands can dial", rec.Addr)
	}

	url := site.StoryURL(base, site.Slugs()[0])
	for _, args := range [][]string{{"track", url}, {"crawl", "--all"}, {"list"}, {"log", "1"}, {"show", "1"}} {
		if msg, code := runProcess(t, append([]string{"--config", cfg}, args...)...); code != 0 {
			t.Errorf("%v through a daemon with tokens: exit %d\n%s", args, code, msg)
		}
	}

	api := "http://" + rec.Addr
	call := func(method, path, token, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, api+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var e struct{ Code string }
		json.NewDecoder(resp.Body).Decode(&e)
		return resp.StatusCode, e.Code
	}
	other := `{"url": "` + site.StoryURL(base, site.Slugs()[1]) + `"}`
	for _, c := range []struct {
		method, path, token, body string
		status                    int
		code                      string
	}{
		{"GET", "/api/v1/stories", "", "", 401, "unauthorized"},
		{"GET", "/api/v1/health", "wrong-token-0123456789", "", 401, "unauthorized"},
		{"POST", "/api/v1/stories", testReadToken, other, 403, "forbidden"},
		{"GET", "/api/v1/stories", testReadToken, "", 200, ""},
		{"POST", "/api/v1/stories", testWriteToken, other, 201, ""},
	} {
		if status, code := call(c.method, c.path, c.token, c.body); status != c.status || code != c.code {
			t.Errorf("%s %s with %q: %d %q, want %d %q", c.method, c.path, c.token, status, code, c.status, c.code)
		}
	}

	// The pages are served beside the API behind the same tokens: a
	// browser without one gets the login form, a token reads the page.
	page := func(token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", api+"/stories", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := page(""); status != 401 || !strings.Contains(body, `action="/login"`) {
		t.Errorf("GET /stories without a token: %d, want 401 and the login form\n%s", status, body)
	}
	if status, body := page(testReadToken); status != 200 || !strings.Contains(body, `href="/stories/1"`) {
		t.Errorf("GET /stories with the read token: %d, want 200 listing story 1\n%s", status, body)
	}

	// Other configs on the same database: a read token lists but cannot
	// track; no token gets a message naming the key to set.
	dir := t.TempDir()
	readCfg := filepath.Join(dir, "read.yaml")
	os.WriteFile(readCfg, []byte("db: "+db+"\nlog:\n  level: warn\nserve:\n  read_token: "+testReadToken+"\n"), 0o644)
	if msg, code := runProcess(t, "--config", readCfg, "list"); code != 0 {
		t.Errorf("list with the read token: exit %d\n%s", code, msg)
	}
	if msg, code := runProcess(t, "--config", readCfg, "untrack", "1"); code != exitFailed || !strings.Contains(msg, "the read token cannot DELETE") {
		t.Errorf("untrack with the read token: exit %d\n%s", code, msg)
	}
	noCfg := filepath.Join(dir, "none.yaml")
	os.WriteFile(noCfg, []byte("db: "+db+"\nlog:\n  level: warn\n"), 0o644)
	start := time.Now()
	msg, code := runProcess(t, "--config", noCfg, "list")
	if code != exitFailed || !strings.Contains(msg, "refused this command") || !strings.Contains(msg, "serve.write_token") {
		t.Errorf("list without a token: exit %d\n%s", code, msg)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("list without a token took %s to fail", d)
	}

	daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Errorf("daemon exit: %v\n%s", err, out.String())
	}
	checkDB(t, db)
}
