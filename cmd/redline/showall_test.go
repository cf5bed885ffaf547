package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

// checkShowAll proves that show --all prints exactly what one show call per
// version prints: with --json one compact line per version, byte for byte
// the show N --json object; as text the show N texts split by form feeds.
func checkShowAll(t *testing.T, run func(args ...string) string) {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(run("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, st := range list {
		id, versions := strconv.Itoa(int(st["id"].(float64))), int(st["versions"].(float64))
		var wantJSON bytes.Buffer
		var wantText []string
		for n := 1; n <= versions; n++ {
			if err := json.Compact(&wantJSON, []byte(run("show", id, strconv.Itoa(n), "--json"))); err != nil {
				t.Fatal(err)
			}
			wantJSON.WriteByte('\n')
			wantText = append(wantText, run("show", id, strconv.Itoa(n)))
		}
		if got := run("show", id, "--all", "--json"); got != wantJSON.String() {
			t.Errorf("show %s --all --json:\n%s\nwant the %d show --json objects, one a line:\n%s", id, got, versions, wantJSON.String())
		}
		if got, want := run("show", id, "--all"), strings.Join(wantText, "\f\n"); got != want {
			t.Errorf("show %s --all:\n%s\nwant:\n%s", id, got, want)
		}
		total += versions
	}
	if total < 4 {
		t.Fatalf("only %d versions stored; the test needs several per story", total)
	}
}

func TestShowAll_offline(t *testing.T) {
	cfg, _ := testConfig(t, "")
	run := func(args ...string) string {
		t.Helper()
		return mustRun(t, append([]string{"--config", cfg}, args...)...).stdout
	}
	trackedWithEdits(t, run)
	checkShowAll(t, run)
}

// Through a running daemon the versions stream over GET
// /api/v1/export.jsonl, the route export --jsonl uses.
func TestShowAll_throughDaemon(t *testing.T) {
	cfg, db := testConfig(t, "schedule:\n  tick: 1h\n")
	daemon, out := startProcess(t, "--config", cfg, "serve", "--addr", "127.0.0.1:0")
	defer daemon.Process.Kill()
	waitForOwner(t, db, out)
	run := func(args ...string) string {
		t.Helper()
		return mustRun(t, append([]string{"--config", cfg}, args...)...).stdout
	}
	trackedWithEdits(t, run)
	checkShowAll(t, run)
	daemon.Process.Signal(os.Interrupt)
	daemon.Wait()
}

func TestShowAll_usage(t *testing.T) {
	cfg, _ := testConfig(t, "")
	run := func(args ...string) string {
		t.Helper()
		return mustRun(t, append([]string{"--config", cfg}, args...)...).stdout
	}
	trackedWithEdits(t, run)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"version and all", []string{"show", "1", "2", "--all"}, 2, "name no version 2"},
		{"raw and all", []string{"show", "1", "--all", "--raw"}, 2, "--raw"},
		{"unknown story", []string{"show", "42", "--all", "--json"}, 2, "42"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runRedline(t, append([]string{"--config", cfg}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
				t.Errorf("redline %v: exit %d, stderr %q, stdout %q; want exit %d naming %q", tc.args, r.code, r.stderr, r.stdout, tc.code, tc.want)
			}
		})
	}
}
