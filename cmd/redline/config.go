package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/report"
)

// Config is the whole redline configuration. Zero values are filled by
// DefaultConfig before the file is read, so a file only states what differs.
type Config struct {
	DB string `yaml:"db"`
	// KeepChecks bounds the checks kept per story (0 keeps all).
	KeepChecks int `yaml:"keep_checks"`
	// KeepPages drops the raw HTML of versions older than this (0 keeps
	// every page); versions themselves are never dropped.
	KeepPages Duration `yaml:"keep_pages"`
	Contact   string   `yaml:"contact"`
	UserAgent string   `yaml:"user_agent"`
	// AllowPrivateTargets lets stories and feeds live on loopback or
	// private addresses (an intranet CMS); REDLINE_ALLOW_PRIVATE=1 sets it.
	AllowPrivateTargets bool           `yaml:"allow_private_targets"`
	Log                 LogConfig      `yaml:"log"`
	Crawler             CrawlerConfig  `yaml:"crawler"`
	Schedule            ScheduleConfig `yaml:"schedule"`
	Serve               ServeConfig    `yaml:"serve"`
	Stories             []StoryConfig  `yaml:"stories"`
	Feeds               []FeedConfig   `yaml:"feeds"`
	Extract             ExtractConfig  `yaml:"extract"`
	// BaseURL is where the web UI is served, for permalinks in reports.
	BaseURL     string             `yaml:"base_url"`
	SMTP        SMTPSettings       `yaml:"smtp"`
	Reports     ReportsConfig      `yaml:"reports"`
	Subscribers []SubscriberConfig `yaml:"subscribers"`
	Webhooks    []WebhookConfig    `yaml:"webhooks"`

	// lines maps a dotted key path ("crawler.timeout", "stories[2].url") to
	// its line in the file, so Validate can point at the offending line.
	lines map[string]int
	path  string
}

// LogConfig selects the slog handler.
type LogConfig struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// CrawlerConfig holds the politeness and safety limits of fetching.
type CrawlerConfig struct {
	Timeout         Duration `yaml:"timeout"`
	MaxBodySize     ByteSize `yaml:"max_body_size"`
	HostDelay       Duration `yaml:"host_delay"`
	HostParallelism int      `yaml:"host_parallelism"`
	MaxParallel     int      `yaml:"max_parallel"`
	RespectRobots   bool     `yaml:"respect_robots"`
	RobotsTTL       Duration `yaml:"robots_ttl"`
	RunBudget       Duration `yaml:"run_budget"`
}

// ScheduleConfig is the adaptive re-check ladder.
type ScheduleConfig struct {
	Ladder               []Duration `yaml:"ladder"`
	YoungFor             Duration   `yaml:"young_for"`
	RecentChange         Duration   `yaml:"recent_change"`
	StopAfter            Duration   `yaml:"stop_after"`
	Jitter               float64    `yaml:"jitter"`
	MaxBackoff           Duration   `yaml:"max_backoff"`
	SuspectConfirmations int        `yaml:"suspect_confirmations"`
	ConfirmChanges       bool       `yaml:"confirm_changes"`
	Tick                 Duration   `yaml:"tick"`
	DiscoverEvery        Duration   `yaml:"discover_every"`
}

// ServeConfig configures the daemon.
type ServeConfig struct {
	Addr string `yaml:"addr"`
	// Hosts are names the API answers to besides the address it listens
	// on, e.g. the name a reverse proxy forwards.
	Hosts []string `yaml:"hosts,omitempty"`
	// ReadToken allows GET requests; WriteToken allows every request.
	// One of them is required when Addr is beyond loopback; a read token
	// alone makes the API read-only.
	ReadToken  string `yaml:"read_token,omitempty"`
	WriteToken string `yaml:"write_token,omitempty"`
	// Timezone is the IANA zone the web pages show times in (the
	// newsroom's, e.g. Europe/Berlin); empty is the machine's.
	Timezone string `yaml:"timezone,omitempty"`
}

// StoryConfig is a story tracked from the config file.
type StoryConfig struct {
	URL   string   `yaml:"url"`
	Tags  []string `yaml:"tags"`
	Every Duration `yaml:"every"`
}

// FeedConfig is a feed, sitemap or section page to discover stories from.
type FeedConfig struct {
	URL   string   `yaml:"url"`
	Track string   `yaml:"track"`
	Tags  []string `yaml:"tags"`
	Links string   `yaml:"links"`
	// Keywords replace the built-in developing markers for this feed.
	Keywords []string `yaml:"keywords"`
	// Probe is how many item pages a pass may fetch to find developing
	// stories the feed's text does not mark.
	Probe int `yaml:"probe"`
}

// ExtractConfig tunes article extraction.
type ExtractConfig struct {
	Ignore            []string         `yaml:"ignore"`
	DevelopingMarkers []string         `yaml:"developing_markers"`
	SiteRules         []SiteRuleConfig `yaml:"site_rules"`
	// MaxNodes and Timeout bound one page's extraction; a page over them is
	// a failed check.
	MaxNodes int      `yaml:"max_nodes"`
	Timeout  Duration `yaml:"timeout"`
}

// SiteRuleConfig pins extraction for one host with CSS selectors.
type SiteRuleConfig struct {
	Host     string   `yaml:"host"`
	Headline string   `yaml:"headline"`
	Byline   string   `yaml:"byline"`
	Dek      string   `yaml:"dek"`
	Body     string   `yaml:"body"`
	Remove   []string `yaml:"remove"`
	Drop     []string `yaml:"drop"`
}

// DefaultConfig is what redline uses with no config file at all.
func DefaultConfig() Config {
	return Config{
		DB:         "redline.db",
		KeepChecks: 2000,
		Log:        LogConfig{Level: "info", Format: "text"},
		Extract:    ExtractConfig{MaxNodes: extract.DefaultMaxNodes, Timeout: Duration(extract.DefaultTimeout)},
		Crawler: CrawlerConfig{
			Timeout:         Duration(30 * time.Second),
			MaxBodySize:     5 << 20,
			HostDelay:       Duration(2 * time.Second),
			HostParallelism: 1,
			MaxParallel:     8,
			RespectRobots:   true,
			RobotsTTL:       Duration(time.Hour),
			RunBudget:       Duration(10 * time.Minute),
		},
		Schedule: ScheduleConfig{
			Ladder: []Duration{
				Duration(5 * time.Minute), Duration(15 * time.Minute), Duration(time.Hour),
				Duration(6 * time.Hour), Duration(24 * time.Hour),
			},
			YoungFor:             Duration(3 * time.Hour),
			RecentChange:         Duration(time.Hour),
			StopAfter:            Duration(72 * time.Hour),
			Jitter:               0.1,
			MaxBackoff:           Duration(24 * time.Hour),
			SuspectConfirmations: 2,
			ConfirmChanges:       true,
			Tick:                 Duration(30 * time.Second),
			DiscoverEvery:        Duration(15 * time.Minute),
		},
		Serve:   ServeConfig{Addr: "127.0.0.1:8080"},
		SMTP:    SMTPSettings{Port: 587, TLS: string(report.TLSStartTLS), Timeout: Duration(30 * time.Second)},
		Reports: ReportsConfig{Every: Duration(time.Minute), KeepSent: Duration(90 * 24 * time.Hour)},
	}
}

// LoadConfig reads the file at path over the defaults. A missing file is an
// error only when the user named it (required).
func LoadConfig(path string, required bool) (Config, error) {
	cfg := DefaultConfig()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("config: read %s: %w", path, err)
	}
	if err := cfg.parse(path, data); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// ParseConfig decodes YAML over the defaults and validates it.
func ParseConfig(name string, data []byte) (Config, error) {
	cfg := DefaultConfig()
	err := cfg.parse(name, data)
	return cfg, err
}
