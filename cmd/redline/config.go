package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

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

// parse decodes data over c and validates the result, returning every
// problem at once, each as a *ConfigError with its line, sorted by line.
func (c *Config) parse(name string, data []byte) error {
	c.path = name
	expanded, envProblems := expandEnv(name, data)
	d := &configDecoder{file: name}
	root, syntax := parseYAML(name, expanded)
	if syntax != nil {
		// Past a syntax error the structure is unknown, so nothing more
		// can be said about keys or values.
		return joinProblems(append(envProblems, syntax...), nil)
	}
	if root != nil {
		c.lines = map[string]int{}
		indexLines(root, "", c.lines)
		d.decode(root, reflect.ValueOf(c).Elem(), "")
	}
	// A value that could not be read keeps its default, and an unset
	// variable reads as empty: Validate's view of either would only repeat
	// the problem.
	skip := func(ce *ConfigError) bool {
		for _, p := range envProblems {
			if p.Line == ce.Line {
				return true
			}
		}
		for _, p := range d.problems {
			if coversKey(p.Key, ce.Key) {
				return true
			}
		}
		return false
	}
	problems := append(envProblems, d.problems...)
	return joinProblems(problems, validationProblems(c.Validate(), skip))
}

// parseYAML reads the first YAML document. It returns nil for an empty file
// and a problem naming the line for a syntax error.
func parseYAML(name string, data []byte) (*yaml.Node, []*ConfigError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); errors.Is(err, io.EOF) {
		return nil, nil
	} else if err != nil {
		return nil, []*ConfigError{syntaxProblem(name, err)}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, []*ConfigError{syntaxProblem(name, err)}
	default:
		// A second document would be silently ignored, a trap for
		// whoever appended settings after a "---".
		return nil, []*ConfigError{{File: name, Line: next.Line, Msg: "a second YAML document (after ---) would be ignored; keep all settings in one"}}
	}
	return &root, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func syntaxProblem(name string, err error) *ConfigError {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &ConfigError{File: name, Line: line, Msg: "YAML syntax error: " + msg}
}

// coversKey reports whether a problem at key parent also explains one at
// key (the same key, or one inside it).
func coversKey(parent, key string) bool {
	rest, ok := strings.CutPrefix(key, parent)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

// validationProblems flattens Validate's joined errors, dropping those skip
// says are already explained.
func validationProblems(err error, skip func(*ConfigError) bool) []error {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	var out []error
	for _, e := range errs {
		var ce *ConfigError
		if errors.As(e, &ce) && skip(ce) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// joinProblems sorts every problem by line, those without one last, and
// joins them into one error (nil when there are none).
func joinProblems(problems []*ConfigError, more []error) error {
	all := make([]error, 0, len(problems)+len(more))
	for _, p := range problems {
		all = append(all, p)
	}
	all = append(all, more...)
	line := func(e error) int {
		var ce *ConfigError
		if errors.As(e, &ce) && ce.Line > 0 {
			return ce.Line
		}
		return math.MaxInt
	}
	slices.SortStableFunc(all, func(a, b error) int { return cmp.Compare(line(a), line(b)) })
	return errors.Join(all...)
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${VAR} so secrets stay out of the file. Only the braced
// form is expanded (a bare $ is common in regexes), and comment lines are
// left alone so documentation may show the syntax. An unset variable is a
// problem on its line and reads as empty, so the rest is still checked.
func expandEnv(name string, data []byte) ([]byte, []*ConfigError) {
	var missing []*ConfigError
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			continue
		}
		lines[i] = envRef.ReplaceAllFunc(line, func(m []byte) []byte {
			v, ok := os.LookupEnv(string(envRef.FindSubmatch(m)[1]))
			if !ok {
				missing = append(missing, &ConfigError{File: name, Line: i + 1, Msg: fmt.Sprintf("environment variable %s is not set", m[2:len(m)-1])})
			}
			return []byte(v)
		})
	}
	return bytes.Join(lines, nil), missing
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
