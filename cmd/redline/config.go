package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/redline-news/redline/extract"
	"go.yaml.in/yaml/v3"
)

// Config is the whole redline configuration. Zero values are filled by
// DefaultConfig before the file is read, so a file only states what differs.
type Config struct {
	DB string `yaml:"db"`
	// KeepChecks bounds the checks kept per story (0 keeps all).
	KeepChecks int    `yaml:"keep_checks"`
	Contact    string `yaml:"contact"`
	UserAgent  string `yaml:"user_agent"`
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
	Tick                 Duration   `yaml:"tick"`
	DiscoverEvery        Duration   `yaml:"discover_every"`
}

// ServeConfig configures the daemon.
type ServeConfig struct {
	Addr string `yaml:"addr"`
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
			Tick:                 Duration(30 * time.Second),
			DiscoverEvery:        Duration(15 * time.Minute),
		},
		Serve: ServeConfig{Addr: "127.0.0.1:8080"},
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

func (c *Config) parse(name string, data []byte) error {
	c.path = name
	expanded, err := expandEnv(data)
	if err != nil {
		return fmt.Errorf("config %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(expanded))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config %s: %w", name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(expanded, &root); err == nil {
		c.lines = map[string]int{}
		indexLines(&root, "", c.lines)
	}
	return c.Validate()
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${VAR} so secrets stay out of the file. Only the braced
// form is expanded (a bare $ is common in regexes), and comment lines are
// left alone so documentation may show the syntax.
func expandEnv(data []byte) ([]byte, error) {
	var missing []string
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			continue
		}
		lines[i] = envRef.ReplaceAllFunc(line, func(m []byte) []byte {
			name := string(envRef.FindSubmatch(m)[1])
			v, ok := os.LookupEnv(name)
			if !ok {
				missing = append(missing, name)
			}
			return []byte(v)
		})
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("environment variable %s is not set", strings.Join(missing, ", "))
	}
	return bytes.Join(lines, nil), nil
}

func indexLines(n *yaml.Node, prefix string, lines map[string]int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			indexLines(c, prefix, lines)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if prefix != "" {
				key = prefix + "." + key
			}
			lines[key] = n.Content[i].Line
			indexLines(n.Content[i+1], key, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			key := fmt.Sprintf("%s[%d]", prefix, i)
			lines[key] = c.Line
			indexLines(c, key, lines)
		}
	}
}
