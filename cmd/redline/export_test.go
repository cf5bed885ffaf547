package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
)

// proofHeader is set by the test site on every answer, so an export can be
// shown to carry the header as served, not one redline made up.
const proofHeader, proofValue = "X-Newsroom-Proof", "served-to-redline-7f3a"

// provingSite is the newsroom with proofHeader on every response.
func provingSite(t *testing.T) (*newsroom.Site, string) {
	t.Helper()
	site := newsroom.NewSite(newsroom.Options{Seed: 5})
	h := site.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(proofHeader, proofValue)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return site, srv.URL
}

// trackedWithEdits tracks two stories and crawls them before and after an
// edit round, so each has more than one version.
func trackedWithEdits(t *testing.T, run func(args ...string) string) {
	t.Helper()
	site, base := provingSite(t)
	slugs := site.Slugs()
	run("track", site.StoryURL(base, slugs[0]), site.StoryURL(base, slugs[1]))
	run("crawl", "--all")
	site.Advance()
	run("crawl", "--all")
}

// exportedVersions is every (story, version) with its show --json object
// and stored page, read through the ordinary commands.
type shown struct {
	json map[string]any
	raw  []byte
}

func showAll(t *testing.T, run func(args ...string) string) map[[2]int]shown {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(run("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	out := map[[2]int]shown{}
	for _, st := range list {
		id, versions := int(st["id"].(float64)), int(st["versions"].(float64))
		for n := 1; n <= versions; n++ {
			var v map[string]any
			if err := json.Unmarshal([]byte(run("show", strconv.Itoa(id), strconv.Itoa(n), "--json")), &v); err != nil {
				t.Fatal(err)
			}
			out[[2]int{id, n}] = shown{json: v, raw: []byte(run("show", strconv.Itoa(id), strconv.Itoa(n), "--raw"))}
		}
	}
	if len(out) < 4 {
		t.Fatalf("only %d versions stored; the test needs edits to export", len(out))
	}
	return out
}

// checkWARC reads a WARC file with the test's own reader and checks every
// response against what show prints: one record per stored version, the
// payload byte for byte, both digests, the URL, the time and the header
// as the site served it.
func checkWARC(t *testing.T, path string, want map[[2]int]shown) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := testutil.ReadWARC(t, data, strings.HasSuffix(path, ".gz"))
	if recs[0].Get("WARC-Type") != "warcinfo" || !strings.Contains(strings.ToLower(string(recs[0].Block)), "software: redline/") {
		t.Fatalf("%s: first record %v, want warcinfo naming redline", path, recs[0].Fields)
	}
	responses := map[string]testutil.WARCRecord{}
	seen := 0
	for _, r := range recs[1:] {
		if err := testutil.VerifyDigest(r.Get("WARC-Block-Digest"), r.Block); err != nil {
			t.Errorf("%s record %s: %v", r.Get("WARC-Type"), r.Get("WARC-Record-ID"), err)
		}
		switch r.Get("WARC-Type") {
		case "response":
			responses[r.Get("WARC-Record-ID")] = r
		case "metadata":
			resp, ok := responses[r.Get("WARC-Concurrent-To")]
			if !ok {
				t.Fatalf("metadata record not after its response: %v", r.Fields)
			}
			key := [2]int{fieldInt(t, r.Block, "redline-story"), fieldInt(t, r.Block, "redline-version")}
			v, ok := want[key]
			if !ok {
				t.Fatalf("WARC holds story %d version %d, which show does not know", key[0], key[1])
			}
			seen++
			if resp.Get("WARC-Target-URI") != v.json["url"] {
				t.Errorf("%v: WARC-Target-URI %q, want %v", key, resp.Get("WARC-Target-URI"), v.json["url"])
			}
			at, _ := time.Parse(time.RFC3339Nano, v.json["fetched_at"].(string))
			if d, err := time.Parse(time.RFC3339Nano, resp.Get("WARC-Date")); err != nil || !d.Equal(at) {
				t.Errorf("%v: WARC-Date %q, want %s", key, resp.Get("WARC-Date"), at)
			}
			hr, payload, err := resp.HTTPResponse()
			if err != nil {
				t.Fatalf("%v: HTTP block: %v", key, err)
			}
			if !bytes.Equal(payload, v.raw) {
				t.Errorf("%v: payload of %d bytes differs from the stored page (%d bytes)", key, len(payload), len(v.raw))
			}
			if err := testutil.VerifyDigest(resp.Get("WARC-Payload-Digest"), payload); err != nil {
				t.Errorf("%v: payload %v", key, err)
			}
			if hr.StatusCode != int(v.json["http_status"].(float64)) || hr.Header.Get(proofHeader) != proofValue ||
				!strings.HasPrefix(hr.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%v: HTTP %d with header %v; want the stored status and the header the site sent", key, hr.StatusCode, hr.Header)
			}
		}
	}
	if seen != len(want) || len(responses) != len(want) {
		t.Errorf("%s: %d responses, %d metadata records; want one each for the %d stored versions", path, len(responses), seen, len(want))
	}
}

func fieldInt(t *testing.T, block []byte, name string) int {
	t.Helper()
	for _, l := range strings.Split(string(block), "\r\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, name) {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err == nil {
				return n
			}
		}
	}
	t.Fatalf("no %s in metadata:\n%s", name, block)
	return 0
}

// checkJSONL parses every line and compares it with show --json.
func checkJSONL(t *testing.T, data string, want map[[2]int]shown) {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(nil, 16<<20)
	lines := 0
	for sc.Scan() {
		lines++
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d: %v\n%s", lines, err, sc.Text())
		}
		hasKeys(t, line, "story", "url", "n", "fetched_at", "headline", "byline", "paragraphs", "developing", "hash")
		key := [2]int{int(line["story"].(float64)), int(line["n"].(float64))}
		delete(line, "story")
		if v, ok := want[key]; !ok || !reflect.DeepEqual(line, v.json) {
			t.Errorf("line %d (story %d version %d) differs from show --json:\n got %v\nwant %v", lines, key[0], key[1], line, v.json)
		}
	}
	if lines != len(want) {
		t.Errorf("%d lines, want one per stored version (%d)", lines, len(want))
	}
}

func TestExport_offline(t *testing.T) {
	cfg, _ := testConfig(t, "")
	run := func(args ...string) string { return mustRun(t, append([]string{"--config", cfg}, args...)...).stdout }
	trackedWithEdits(t, run)
	want := showAll(t, run)
	dir := t.TempDir()

	for _, name := range []string{"evidence.warc", "evidence.warc.gz"} {
		path := filepath.Join(dir, name)
		r := mustRun(t, "--config", cfg, "export", "--warc", path)
		if !strings.Contains(r.stderr, fmt.Sprintf("exported %d versions of 2 stories to %s (%d pages)", len(want), path, len(want))) {
			t.Errorf("export --warc said %q", r.stderr)
		}
		checkWARC(t, path, want)
	}
	checkJSONL(t, run("export", "--jsonl"), want)
	out := filepath.Join(dir, "v.jsonl")
	mustRun(t, "--config", cfg, "export", "--jsonl", "--out", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkJSONL(t, string(data), want)

	// Named stories only, by ID or URL.
	one := map[[2]int]shown{}
	for k, v := range want {
		if k[0] == 2 {
			one[k] = v
		}
	}
	checkJSONL(t, run("export", "--jsonl", want[[2]int{2, 1}].json["url"].(string)), one)
	checkJSONL(t, run("export", "--jsonl", "2"), one)
	stdout := filepath.Join(dir, "stdout.warc")
	if err := os.WriteFile(stdout, []byte(run("export", "--warc", "-", "2")), 0o644); err != nil {
		t.Fatal(err)
	}
	checkWARC(t, stdout, one)
}

func TestExport_usage(t *testing.T) {
	cfg, _ := testConfig(t, "")
	site, base := provingSite(t)
	mustRun(t, "--config", cfg, "track", site.StoryURL(base, site.Slugs()[0]))
	file := filepath.Join(t.TempDir(), "x.warc")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no format", []string{"export"}, "--warc FILE or --jsonl"},
		{"both formats", []string{"export", "--warc", file, "--jsonl"}, "exclude each other"},
		{"out with warc", []string{"export", "--warc", file, "--out", file}, "--out is for --jsonl"},
		{"unknown story", []string{"export", "--warc", file, "1", "9"}, "story 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runRedline(t, append([]string{"--config", cfg}, tc.args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tc.want)
			}
			if _, err := os.Stat(file); err == nil {
				t.Errorf("a failed export left %s behind", file)
			}
		})
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 0 {
		t.Errorf("failed exports left %v", entries)
	}
}

// A database from before headers were stored: its pages still export,
// with a header block synthesized from the stored status and charset and
// a metadata record that says so.
func TestExport_pageStoredBeforeHeaders(t *testing.T) {
	cfg, db := testConfig(t, "")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := redline.Story{URL: "http://127.0.0.1:9/news/old-story"}
	if err := s.AddStory(&st); err != nil {
		t.Fatal(err)
	}
	page := []byte("<html><head><title>Old</title></head><body><p>Caf\xe9 flooded at 14:05.</p></body></html>")
	at := time.Date(2025, 6, 1, 14, 5, 0, 0, time.UTC)
	for i, raw := range [][]byte{page, nil} {
		v := redline.Version{StoryID: st.ID, FetchedAt: at.Add(time.Duration(i) * time.Hour), URL: st.URL, HTTPStatus: 200, Charset: "windows-1252",
			Article: redline.Article{Headline: "Old", Paragraphs: []string{fmt.Sprintf("Café flooded, take %d.", i)}}}
		if _, err := s.SaveVersion(&v, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "old.warc.gz")
	r := mustRun(t, "--config", cfg, "export", "--warc", path)
	if !strings.Contains(r.stderr, "(1 page; 1 stored without a page, not in the WARC)") {
		t.Errorf("export said %q; want it to count the version without a page", r.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := testutil.ReadWARC(t, data, true)
	if len(recs) != 3 {
		t.Fatalf("%d records, want warcinfo, response, metadata", len(recs))
	}
	resp, payload, err := recs[1].HTTPResponse()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(payload, page) || testutil.VerifyDigest(recs[1].Get("WARC-Payload-Digest"), payload) != nil {
		t.Errorf("payload %q, want the stored page %q with a matching digest", payload, page)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=windows-1252" || len(resp.Header) != 2 {
		t.Errorf("synthesized response: %d %v", resp.StatusCode, resp.Header)
	}
	if !strings.Contains(strings.ToLower(string(recs[2].Block)), "redline-http-header: synthesized") {
		t.Errorf("metadata does not say the header was synthesized:\n%s", recs[2].Block)
	}
	lines := strings.Count(mustRun(t, "--config", cfg, "export", "--jsonl").stdout, "\n")
	if lines != 2 {
		t.Errorf("jsonl has %d lines, want both versions", lines)
	}
}

// Through a running daemon, which holds the database so that nothing else
// may open it: the export streams over its API.
func TestExport_throughDaemon(t *testing.T) {
	cfg, db := testConfig(t, "schedule:\n  tick: 1h\n")
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)
	run := func(args ...string) string {
		t.Helper()
		msg, code := runProcess(t, append([]string{"--config", cfg}, args...)...)
		if code != 0 {
			t.Fatalf("redline %v while serving: exit %d\n%s", args, code, msg)
		}
		return msg
	}
	// runProcess mixes stderr into the output; the JSON commands print
	// nothing on stderr, and stdout-only runs are done in-process below.
	trackedWithEdits(t, run)
	want := showAll(t, func(args ...string) string { return mustRun(t, append([]string{"--config", cfg}, args...)...).stdout })

	path := filepath.Join(t.TempDir(), "daemon.warc.gz")
	if msg := run("export", "--warc", path); !strings.Contains(msg, "exported") {
		t.Errorf("export through the daemon said %q", msg)
	}
	checkWARC(t, path, want)
	checkJSONL(t, mustRun(t, "--config", cfg, "export", "--jsonl").stdout, want)
	r := runRedline(t, "--config", cfg, "export", "--jsonl", "42")
	if r.code != 2 || !strings.Contains(r.stderr, "42") {
		t.Errorf("unknown story through the daemon: exit %d, %q", r.code, r.stderr)
	}
	daemon.Process.Signal(os.Interrupt)
	daemon.Wait()
}
