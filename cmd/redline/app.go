package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
)

// app carries the global flags and builds the dependencies a command needs,
// in dependency order, closing them in reverse.
type app struct {
	stdout, stderr io.Writer

	configPath string
	dbPath     string
	logLevel   string
	logFormat  string

	cfg    Config
	logger *slog.Logger
	now    func() time.Time
	// observer, when set before the tracker is built, counts its passes
	// and checks for metrics.
	observer tracker.Observer
}

const defaultConfigFile = "redline.yaml"

// load reads the configuration and sets up logging. Flags beat the
// environment, which beats the file, which beats the defaults.
func (a *app) load() error {
	path, required := a.configPath, true
	if path == "" {
		path, required = defaultConfigFile, false
	}
	cfg, err := LoadConfig(path, required)
	if err != nil {
		return usageError{err}
	}
	if v := os.Getenv("REDLINE_DB"); v != "" {
		cfg.DB = v
	}
	if v := os.Getenv("REDLINE_ALLOW_PRIVATE"); v != "" {
		allow, err := strconv.ParseBool(v)
		if err != nil {
			return usageError{fmt.Errorf("environment: REDLINE_ALLOW_PRIVATE=%q is not a boolean (use 1 or 0)", v)}
		}
		cfg.AllowPrivateTargets = allow
	}
	if a.dbPath != "" {
		cfg.DB = a.dbPath
	}
	if a.logLevel != "" {
		cfg.Log.Level = a.logLevel
	}
	if a.logFormat != "" {
		cfg.Log.Format = a.logFormat
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	if errs := cfg.checkWebhookTargets(); len(errs) > 0 {
		return usageError{errors.Join(errs...)}
	}
	a.cfg = cfg
	a.logger = newLogger(a.stderr, cfg.Log)
	if a.now == nil {
		a.now = time.Now
	}
	return nil
}

func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level)) // validated already
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (a *app) openStore(readOnly bool) (*store.Store, error) {
	st, err := store.Open(a.cfg.DB, store.Options{
		Timeout:    2 * time.Second,
		ReadOnly:   readOnly,
		Logger:     a.logger,
		Now:        a.now,
		KeepChecks: a.cfg.KeepChecks,
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (a *app) userAgent() string {
	if a.cfg.UserAgent != "" {
		return a.cfg.UserAgent
	}
	ua := "redline/" + version + " (+https://github.com/redline-news/redline"
	if a.cfg.Contact != "" {
		ua += "; " + a.cfg.Contact
	}
	return ua + ")"
}

func (a *app) newCrawler() (*crawler.Crawler, error) {
	c := a.cfg.Crawler
	hostDelay := time.Duration(c.HostDelay)
	if hostDelay == 0 {
		hostDelay = -1 // the crawler reads 0 as "default"; the config means none
	}
	return crawler.New(crawler.Options{
		UserAgent:       a.userAgent(),
		Timeout:         time.Duration(c.Timeout),
		MaxBodySize:     int64(c.MaxBodySize),
		HostParallelism: c.HostParallelism,
		HostDelay:       hostDelay,
		MaxParallel:     c.MaxParallel,
		IgnoreRobots:    !c.RespectRobots,
		AllowPrivate:    a.cfg.AllowPrivateTargets,
		RobotsTTL:       time.Duration(c.RobotsTTL),
		Logger:          a.logger,
		Now:             a.now,
	})
}

func (a *app) newExtractor() (*extract.Extractor, error) {
	e := a.cfg.Extract
	rules := make([]extract.SiteRule, len(e.SiteRules))
	for i, r := range e.SiteRules {
		rules[i] = extract.SiteRule{
			Host: r.Host, Headline: r.Headline, Byline: r.Byline, Dek: r.Dek,
			Body: r.Body, Remove: r.Remove, Drop: r.Drop,
		}
	}
	ex, err := extract.New(extract.Options{
		Rules:             rules,
		Ignore:            e.Ignore,
		DevelopingMarkers: e.DevelopingMarkers,
		Logger:            a.logger,
		MaxNodes:          e.MaxNodes,
		Timeout:           time.Duration(e.Timeout),
	})
	if err != nil {
		return nil, usageError{fmt.Errorf("config %s: extract: %w", a.cfg.path, err)}
	}
	return ex, nil
}

func (a *app) schedule() tracker.Schedule {
	s := a.cfg.Schedule
	ladder := make([]time.Duration, len(s.Ladder))
	for i, d := range s.Ladder {
		ladder[i] = time.Duration(d)
	}
	sched := tracker.DefaultSchedule()
	sched.Ladder = ladder
	sched.YoungFor = time.Duration(s.YoungFor)
	sched.RecentChange = time.Duration(s.RecentChange)
	sched.StopAfter = time.Duration(s.StopAfter)
	sched.Jitter = s.Jitter
	sched.MaxBackoff = time.Duration(s.MaxBackoff)
	return sched
}

// env is everything a tracking command needs, closed in reverse order.
type env struct {
	store   *store.Store
	crawler *crawler.Crawler
	tracker *tracker.Tracker
}

func (e *env) Close() error {
	var errs []error
	if e.crawler != nil {
		errs = append(errs, e.crawler.Close())
	}
	if e.store != nil {
		errs = append(errs, e.store.Close())
	}
	return errors.Join(errs...)
}

// openTracker builds store, crawler, extractor and tracker, and makes sure
// the stories listed in the config file are tracked.
func (a *app) openTracker() (*env, error) {
	ex, err := a.newExtractor()
	if err != nil {
		return nil, err
	}
	e := &env{}
	if e.store, err = a.openStore(false); err != nil {
		return nil, err
	}
	if e.crawler, err = a.newCrawler(); err != nil {
		e.Close()
		return nil, err
	}
	e.tracker, err = tracker.New(tracker.Options{
		Store:                e.store,
		Crawler:              e.crawler,
		Extractor:            ex,
		Schedule:             a.schedule(),
		SuspectConfirmations: a.cfg.Schedule.SuspectConfirmations,
		ConfirmChanges:       a.cfg.Schedule.ConfirmChanges,
		Workers:              a.cfg.Crawler.MaxParallel,
		KeepPages:            time.Duration(a.cfg.KeepPages),
		Now:                  a.now,
		Logger:               a.logger,
		Observer:             a.observer,
	})
	if err != nil {
		e.Close()
		return nil, err
	}
	if err := a.syncConfigStories(e.tracker); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

func (a *app) syncConfigStories(t *tracker.Tracker) error {
	for _, sc := range a.cfg.Stories {
		_, err := t.Track(sc.URL, tracker.TrackOptions{Tags: sc.Tags, Every: time.Duration(sc.Every)})
		if errors.Is(err, redline.ErrForbiddenTarget) {
			// The file is what must change: a usage error, like a bad key.
			return usageError{fmt.Errorf("config %s: story %s: %w (%s)", a.cfg.path, sc.URL, err, privateHint)}
		}
		if err != nil && !isExists(err) {
			return fmt.Errorf("config %s: story %s: %w", a.cfg.path, sc.URL, err)
		}
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}
