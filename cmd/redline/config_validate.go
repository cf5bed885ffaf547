package main

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/redline-news/redline/tracker"
)

// ConfigError is one problem of a config file: the dotted key (empty for a
// problem of the file as a whole, such as a syntax error) and, when known,
// the line.
type ConfigError struct {
	File string
	Key  string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key == "" {
		return fmt.Sprintf("config %s: %s", loc, e.Msg)
	}
	return fmt.Sprintf("config %s: %s: %s", loc, e.Key, e.Msg)
}

// Validate checks every value and cross-field rule, reporting all problems
// at once so a user fixes the file in one go.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, &ConfigError{File: c.path, Key: key, Line: c.lineOf(key), Msg: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(c.DB) == "" {
		bad("db", "must not be empty")
	}
	if c.KeepChecks < 0 {
		bad("keep_checks", "must be 0 (keep all) or more, got %d", c.KeepChecks)
	}
	if kp := time.Duration(c.KeepPages); kp != 0 && kp < time.Hour {
		bad("keep_pages", "must be 0 (keep every page) or at least 1h, got %s", kp)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "%q is not one of debug, info, warn, error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "%q is not one of text, json", c.Log.Format)
	}
	if c.Contact != "" && !strings.Contains(c.Contact, "@") && !strings.HasPrefix(c.Contact, "http") {
		bad("contact", "%q should be an email address or a URL, so site owners can reach you", c.Contact)
	}
	cr := c.Crawler
	if cr.Timeout <= 0 {
		bad("crawler.timeout", "must be positive, got %s", cr.Timeout)
	}
	if cr.MaxBodySize < 1024 {
		bad("crawler.max_body_size", "must be at least 1KiB, got %d bytes", cr.MaxBodySize)
	}
	if cr.HostDelay < 0 {
		bad("crawler.host_delay", "must not be negative, got %s", cr.HostDelay)
	}
	if cr.HostParallelism < 1 {
		bad("crawler.host_parallelism", "must be at least 1, got %d", cr.HostParallelism)
	}
	if cr.MaxParallel < 1 {
		bad("crawler.max_parallel", "must be at least 1, got %d", cr.MaxParallel)
	}
	if cr.RobotsTTL <= 0 {
		bad("crawler.robots_ttl", "must be positive, got %s", cr.RobotsTTL)
	}
	if cr.RunBudget < 0 || cr.RunBudget > Duration(tracker.MaxBudget) {
		bad("crawler.run_budget", "must be between 0 (no limit) and %s, got %s", tracker.MaxBudget, cr.RunBudget)
	}
	s := c.Schedule
	if len(s.Ladder) == 0 {
		bad("schedule.ladder", "needs at least one interval")
	}
	for i, d := range s.Ladder {
		key := fmt.Sprintf("schedule.ladder[%d]", i)
		if d < Duration(time.Minute) {
			bad(key, "interval %s is under one minute; that is not polite to any site", d)
		}
		if i > 0 && d < s.Ladder[i-1] {
			bad(key, "interval %s is shorter than the one before it (%s); the ladder must grow", d, s.Ladder[i-1])
		}
	}
	if s.StopAfter < 0 {
		bad("schedule.stop_after", "must not be negative, got %s", s.StopAfter)
	}
	if !(s.Jitter >= 0 && s.Jitter <= 0.5) { // so .nan fails too
		bad("schedule.jitter", "must be between 0 and 0.5, got %g", s.Jitter)
	}
	if s.SuspectConfirmations < 1 {
		bad("schedule.suspect_confirmations", "must be at least 1, got %d", s.SuspectConfirmations)
	}
	if s.Tick < Duration(time.Second) {
		bad("schedule.tick", "must be at least 1s, got %s", s.Tick)
	}
	if s.DiscoverEvery < Duration(time.Minute) {
		bad("schedule.discover_every", "must be at least 1m, got %s", s.DiscoverEvery)
	}
	c.validateServe(bad)
	c.validateReports(bad)
	seen := map[string]bool{}
	for i, st := range c.Stories {
		key := fmt.Sprintf("stories[%d].url", i)
		if err := checkHTTPURL(st.URL); err != nil {
			bad(key, "%v", err)
		} else if seen[st.URL] {
			bad(key, "%s is listed twice", st.URL)
		}
		seen[st.URL] = true
		if err := tracker.CheckTags(st.Tags); err != nil {
			bad(fmt.Sprintf("stories[%d].tags", i), "%s", limitMsg(err))
		}
		if st.Every != 0 && st.Every < Duration(time.Minute) {
			bad(fmt.Sprintf("stories[%d].every", i), "interval %s is under one minute", st.Every)
		}
	}
	for i, f := range c.Feeds {
		if err := checkHTTPURL(f.URL); err != nil {
			bad(fmt.Sprintf("feeds[%d].url", i), "%v", err)
		}
		switch f.Track {
		case "", "developing", "all":
		default:
			bad(fmt.Sprintf("feeds[%d].track", i), "%q is not one of developing, all", f.Track)
		}
		if f.Probe < 0 || f.Probe > 100 {
			bad(fmt.Sprintf("feeds[%d].probe", i), "must be between 0 and 100 pages a pass, got %d", f.Probe)
		}
		if f.Links != "" {
			if _, err := regexp.Compile(f.Links); err != nil {
				bad(fmt.Sprintf("feeds[%d].links", i), "invalid regular expression: %v", err)
			}
		}
	}
	for i, p := range c.Extract.Ignore {
		if _, err := regexp.Compile(p); err != nil {
			bad(fmt.Sprintf("extract.ignore[%d]", i), "invalid regular expression: %v", err)
		}
	}
	if c.Extract.MaxNodes < 1000 {
		bad("extract.max_nodes", "must be at least 1000, got %d (real pages have up to about 15,000)", c.Extract.MaxNodes)
	}
	if c.Extract.Timeout < Duration(100*time.Millisecond) {
		bad("extract.timeout", "must be at least 100ms, got %s", c.Extract.Timeout)
	}
	for i, r := range c.Extract.SiteRules {
		if strings.TrimSpace(r.Host) == "" {
			bad(fmt.Sprintf("extract.site_rules[%d].host", i), "must name a host, e.g. example.com")
		}
		for j, p := range r.Drop {
			if _, err := regexp.Compile(p); err != nil {
				bad(fmt.Sprintf("extract.site_rules[%d].drop[%d]", i, j), "invalid regular expression: %v", err)
			}
		}
	}
	return errors.Join(errs...)
}

func checkHTTPURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	return nil
}
