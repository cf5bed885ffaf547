package main

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// problems splits a joined config error into its messages.
func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("no error, want config problems")
	}
	return strings.Split(err.Error(), "\n")
}

func TestParseConfig_everyProblemSortedByLine(t *testing.T) {
	t.Setenv("REDLINE_TEST_CONTACT", "") // set, so only NOPE is missing
	yaml := `db: x
crawlr:
  timeout: 5s
crawler:
  max_parallel: abc
  timeout: soon
  max_body_size: [1]
  respect_robots: maybe
log:
  level: loud
schedule:
  ladder: [5m, abc, 1h]
  jitter: high
stories:
  - url: example.com/a
    tags: politics
  - nope
feeds: {url: x}
contact: ${REDLINE_TEST_NOPE}
keep_checks: -1
`
	_, err := ParseConfig("test.yaml", []byte(yaml))
	want := []string{
		`config test.yaml:2: crawlr: unknown key "crawlr" (did you mean "crawler"?)`,
		`config test.yaml:5: crawler.max_parallel: must be a whole number, got "abc"`,
		`config test.yaml:6: crawler.timeout: invalid duration "soon"`,
		`config test.yaml:7: crawler.max_body_size: must be a size`,
		`config test.yaml:8: crawler.respect_robots: must be true or false, got "maybe"`,
		`config test.yaml:10: log.level: "loud" is not one of`,
		`config test.yaml:12: schedule.ladder[1]: invalid duration "abc"`,
		`config test.yaml:13: schedule.jitter: must be a number, got "high"`,
		`config test.yaml:15: stories[0].url: "example.com/a" is not an absolute http(s) URL`,
		`config test.yaml:16: stories[0].tags: must be a list`,
		`config test.yaml:17: stories[1]: must be a mapping of keys`,
		`config test.yaml:18: feeds: must be a list`,
		`config test.yaml:19: environment variable REDLINE_TEST_NOPE is not set`,
		`config test.yaml:20: keep_checks: must be 0 (keep all) or more, got -1`,
	}
	got := problems(t, err)
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), err)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 2 {
		t.Errorf("errors.As(ConfigError) = %+v, want the first problem", ce)
	}
}

func TestParseConfig_syntaxErrorStops(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unclosed list", "db: x\ncrawler:\n  timeout: [\n  max_parallel: abc\n", "test.yaml:2: YAML syntax error: did not find expected"},
		{"tab indent", "crawler:\n\ttimeout: 5s\n", "test.yaml:2: YAML syntax error:"},
		{"bad mapping", "db: x\n  y: z\n", "test.yaml:2: YAML syntax error:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("test.yaml", []byte(tt.yaml))
			got := problems(t, err)
			if len(got) != 1 || !strings.Contains(got[0], tt.want) {
				t.Fatalf("got %q, want one problem containing %q", got, tt.want)
			}
		})
	}
}

func TestParseConfig_yamlFeatures(t *testing.T) {
	cfg, err := ParseConfig("test.yaml", []byte(`
extract:
  ignore: &words ['^Advertisement$']
  developing_markers: *words
feeds:
  - &feed {url: "http://127.0.0.1/feed", track: all, probe: 3}
  - <<: *feed
    url: http://127.0.0.1/other
crawler:
  max_parallel: 0x10
stories:
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Extract.DevelopingMarkers; len(got) != 1 || got[0] != "^Advertisement$" {
		t.Errorf("alias: developing_markers = %q", got)
	}
	if f := cfg.Feeds[1]; f.URL != "http://127.0.0.1/other" || f.Track != "all" || f.Probe != 3 {
		t.Errorf("merge: feeds[1] = %+v, want the merged track and probe with its own URL", f)
	}
	if cfg.Crawler.MaxParallel != 16 {
		t.Errorf("max_parallel = %d, want 16 from 0x10", cfg.Crawler.MaxParallel)
	}
	if _, err := ParseConfig("test.yaml", []byte("---\ndb: a\n---\n# nothing here\n")); err != nil {
		t.Errorf("an empty document after the settings: %v", err)
	}
	if cfg.Stories != nil {
		t.Errorf("an empty stories: = %v, want none", cfg.Stories)
	}
}

func TestParseConfig_structuralProblems(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"duplicate key", "db: a\ncrawler:\n  timeout: 5s\n  timeout: 6s\n", "test.yaml:4: crawler.timeout: is set twice (first on line 3)"},
		{"second document", "db: a\n---\ndb: b\n", "test.yaml:2: a second YAML document"},
		{"second document and a bad value", "log:\n  level: loud\n---\ndb: b\n", "test.yaml:2: log.level: \"loud\" is not one of debug, info, warn, error\nconfig test.yaml:3: a second YAML document"},
		{"not a mapping", "just text\n", "test.yaml:1: must be a mapping of keys"},
		{"huge size", "crawler:\n  max_body_size: 9999999999999GiB\n", "crawler.max_body_size: size \"9999999999999\" is too large"},
		{"jitter not a number", "schedule:\n  jitter: .nan\n", "test.yaml:2: schedule.jitter: must be between 0 and 0.5, got NaN"},
		{"alias bomb", bomb, "more than 65536 values (nested aliases?)"},
		{"merge bomb without values", strings.Replace(bomb, "{timeout: 5s}", "{}", 1), "more than 65536 values (nested aliases?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("test.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// bomb merges one mapping 10^8 times in a few lines.
const bomb = `x0: &x0 {timeout: 5s}
x1: &x1 {<<: [*x0,*x0,*x0,*x0,*x0,*x0,*x0,*x0,*x0,*x0]}
x2: &x2 {<<: [*x1,*x1,*x1,*x1,*x1,*x1,*x1,*x1,*x1,*x1]}
x3: &x3 {<<: [*x2,*x2,*x2,*x2,*x2,*x2,*x2,*x2,*x2,*x2]}
x4: &x4 {<<: [*x3,*x3,*x3,*x3,*x3,*x3,*x3,*x3,*x3,*x3]}
x5: &x5 {<<: [*x4,*x4,*x4,*x4,*x4,*x4,*x4,*x4,*x4,*x4]}
x6: &x6 {<<: [*x5,*x5,*x5,*x5,*x5,*x5,*x5,*x5,*x5,*x5]}
x7: &x7 {<<: [*x6,*x6,*x6,*x6,*x6,*x6,*x6,*x6,*x6,*x6]}
x8: &x8 {<<: [*x7,*x7,*x7,*x7,*x7,*x7,*x7,*x7,*x7,*x7]}
crawler: *x8
`

// goTypeName matches what a Go decoder leaks: package-qualified types,
// slice and map types, YAML tags and the bare Go kinds.
var goTypeName = regexp.MustCompile(`main\.|\[\]|map\[|!!|unmarshal|reflect|\b(int|int64|uint|float64|bool|string|struct)\b`)

func TestParseConfig_noGoTypeNames(t *testing.T) {
	bad := []string{
		"crawlr: {}\n",
		"crawler: 5\n",
		"crawler: [a]\n",
		"crawler:\n  max_parallel: abc\n",
		"crawler:\n  max_parallel: 1.5\n",
		"crawler:\n  max_parallel: [1]\n",
		"crawler:\n  max_parallel: 99999999999999999999999\n",
		"crawler:\n  respect_robots: 2\n",
		"crawler:\n  timeout: {a: b}\n",
		"crawler:\n  max_body_size: -5\n",
		"schedule:\n  ladder: 5m\n",
		"schedule:\n  jitter: [1]\n",
		"stories: {url: x}\n",
		"stories:\n  - url: [x]\n    tags: {a: b}\n",
		"stories:\n  - 7\n",
		"feeds:\n  - url: http://127.0.0.1/\n    keywords: yes\n    probe: many\n",
		"extract:\n  site_rules:\n    - host: [a]\n      remove: a\n",
		"db: {a: b}\n",
		"log: x\n",
		"allow_private_targets: perhaps\n",
		"? [a, b]\n: c\n",
		"<<: 5\n",
		"[1, 2]\n",
	}
	for _, yaml := range bad {
		_, err := ParseConfig("test.yaml", []byte(yaml))
		if err == nil {
			t.Errorf("%q parsed without error", yaml)
			continue
		}
		for _, msg := range problems(t, err) {
			if goTypeName.MatchString(msg) {
				t.Errorf("%q: message names a Go type: %s", yaml, msg)
			}
			if !strings.HasPrefix(msg, "config test.yaml:") {
				t.Errorf("%q: message does not name the file and line: %s", yaml, msg)
			}
		}
	}
}
