package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/configs"
	"github.com/redline-news/redline/extract"
)

// Every config the project ships must parse and validate as it stands.
func TestParseConfig_shippedFiles(t *testing.T) {
	files, err := filepath.Glob("../../configs/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped configs found: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := ParseConfig(f, data)
			if err != nil {
				t.Fatalf("shipped config does not parse: %v", err)
			}
			if len(cfg.Stories) == 0 || len(cfg.Feeds) == 0 || len(cfg.Extract.SiteRules) == 0 {
				t.Errorf("example config should show stories, feeds and site rules: %+v", cfg)
			}
		})
	}
	if _, err := ParseConfig("embedded", configs.Example); err != nil {
		t.Errorf("embedded example: %v", err)
	}
}

func TestParseConfig(t *testing.T) {
	t.Setenv("REDLINE_TEST_CONTACT", "desk@example.org")
	tests := []struct {
		name    string
		yaml    string
		check   func(t *testing.T, c Config)
		wantErr string // substring; empty means success
	}{
		{name: "empty file keeps defaults", yaml: "", check: func(t *testing.T, c Config) {
			if c.DB != "redline.db" || time.Duration(c.Schedule.Ladder[0]) != 5*time.Minute {
				t.Errorf("defaults lost: %+v", c)
			}
		}},
		{name: "durations with days and sizes", yaml: "schedule:\n  stop_after: 3d\ncrawler:\n  max_body_size: 2MiB\n", check: func(t *testing.T, c Config) {
			if time.Duration(c.Schedule.StopAfter) != 72*time.Hour || c.Crawler.MaxBodySize != 2<<20 {
				t.Errorf("stop_after=%s max_body_size=%d", c.Schedule.StopAfter, c.Crawler.MaxBodySize)
			}
		}},
		{name: "env expansion", yaml: "contact: ${REDLINE_TEST_CONTACT}\n", check: func(t *testing.T, c Config) {
			if c.Contact != "desk@example.org" {
				t.Errorf("contact = %q", c.Contact)
			}
		}},
		{name: "regex dollar left alone", yaml: "extract:\n  ignore: ['^Updated$']\n", check: func(t *testing.T, c Config) {
			if c.Extract.Ignore[0] != "^Updated$" {
				t.Errorf("ignore = %q", c.Extract.Ignore)
			}
		}},
		{name: "unset env var", yaml: "contact: ${REDLINE_TEST_NOT_SET}\n", wantErr: "REDLINE_TEST_NOT_SET is not set"},
		{name: "unknown key names key and line", yaml: "db: x\nschedule:\n  ladderr: [5m]\n", wantErr: `test.yaml:3: schedule.ladderr: unknown key "ladderr" in schedule (did you mean "ladder"?)`},
		{name: "bad duration names line", yaml: "crawler:\n  timeout: soon\n", wantErr: `test.yaml:2: crawler.timeout: invalid duration "soon"`},
		{name: "bad size", yaml: "crawler:\n  max_body_size: huge\n", wantErr: `invalid size "huge"`},
		{name: "shrinking ladder", yaml: "schedule:\n  ladder: [1h, 5m]\n", wantErr: "test.yaml:2: schedule.ladder[1]: interval 5m0s is shorter"},
		{name: "impolite interval", yaml: "schedule:\n  ladder: [10s]\n", wantErr: "under one minute"},
		{name: "bad story URL", yaml: "stories:\n  - url: example.com/story\n", wantErr: `test.yaml:2: stories[0].url: "example.com/story" is not an absolute http(s) URL`},
		{name: "duplicate story", yaml: "stories:\n  - url: https://a.example/x\n  - url: https://a.example/x\n", wantErr: "stories[1].url: https://a.example/x is listed twice"},
		{name: "bad feed track", yaml: "feeds:\n  - url: https://a.example/feed\n    track: some\n", wantErr: `feeds[0].track: "some" is not one of developing, all`},
		{name: "bad links regex", yaml: "feeds:\n  - url: https://a.example/\n    links: '(('\n", wantErr: "feeds[0].links: invalid regular expression"},
		{name: "too many probes", yaml: "feeds:\n  - url: https://a.example/feed\n    probe: 500\n", wantErr: "feeds[0].probe: must be between 0 and 100"},
		{name: "bad log level", yaml: "log:\n  level: loud\n", wantErr: `log.level: "loud" is not one of`},
		{name: "extraction caps", yaml: "extract:\n  max_nodes: 50000\n  timeout: 2s\n", check: func(t *testing.T, c Config) {
			if c.Extract.MaxNodes != 50000 || time.Duration(c.Extract.Timeout) != 2*time.Second {
				t.Errorf("max_nodes=%d timeout=%s", c.Extract.MaxNodes, c.Extract.Timeout)
			}
		}},
		{name: "extraction caps default", yaml: "", check: func(t *testing.T, c Config) {
			if c.Extract.MaxNodes != extract.DefaultMaxNodes || time.Duration(c.Extract.Timeout) != extract.DefaultTimeout {
				t.Errorf("max_nodes=%d timeout=%s", c.Extract.MaxNodes, c.Extract.Timeout)
			}
		}},
		{name: "confirm_changes on by default", yaml: "", check: func(t *testing.T, c Config) {
			if !c.Schedule.ConfirmChanges {
				t.Error("schedule.confirm_changes defaults to false, want true")
			}
		}},
		{name: "confirm_changes off", yaml: "schedule:\n  confirm_changes: false\n", check: func(t *testing.T, c Config) {
			if c.Schedule.ConfirmChanges {
				t.Error("schedule.confirm_changes: false kept it on")
			}
		}},
		{name: "tiny node cap", yaml: "extract:\n  max_nodes: 10\n", wantErr: "test.yaml:2: extract.max_nodes: must be at least 1000, got 10"},
		{name: "no extraction time", yaml: "extract:\n  timeout: 0s\n", wantErr: "test.yaml:2: extract.timeout: must be at least 100ms, got 0s"},
		{name: "site rule without host", yaml: "extract:\n  site_rules:\n    - body: article\n", wantErr: "extract.site_rules[0].host: must name a host"},
		{name: "several problems at once", yaml: "log:\n  format: xml\ncrawler:\n  max_parallel: 0\n", wantErr: "crawler.max_parallel: must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("test.yaml", []byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			tt.check(t, cfg)
		})
	}
}

func TestParseConfig_reportsEveryProblem(t *testing.T) {
	_, err := ParseConfig("test.yaml", []byte("log:\n  format: xml\ncrawler:\n  max_parallel: 0\n"))
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v is not a ConfigError", err)
	}
	for _, want := range []string{"test.yaml:2: log.format", "test.yaml:4: crawler.max_parallel"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestConfigCommands(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "redline.yaml")
	os.WriteFile(cfg, []byte("contact: desk@example.org\n"), 0o644)
	if r := mustRun(t, "--config", cfg, "config", "check"); !strings.Contains(r.stdout, "config ok") {
		t.Errorf("config check: %q", r.stdout)
	}
	if r := mustRun(t, "config", "example"); string(configs.Example) != r.stdout {
		t.Errorf("config example differs from configs/redline.example.yaml")
	}
	if r := mustRun(t, "--config", cfg, "config", "show"); !strings.Contains(r.stdout, "desk@example.org") || !strings.Contains(r.stdout, "ladder:") {
		t.Errorf("config show:\n%s", r.stdout)
	}
}
