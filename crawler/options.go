package crawler

import (
	"fmt"
	"log/slog"
	"math"
	"time"
)

// Defaults applied by New to zero fields of Options.
const (
	DefaultUserAgent       = "redline/dev (+https://github.com/redline-news/redline)"
	DefaultTimeout         = 30 * time.Second
	DefaultMaxBodySize     = 5 << 20
	DefaultHostParallelism = 1
	DefaultHostDelay       = time.Second
	DefaultMaxParallel     = 8
	DefaultRobotsTTL       = time.Hour
)

// maxRedirects matches browsers and net/http; a longer chain is a loop.
const maxRedirects = 10

// Options configures a Crawler. The zero value is usable: every zero field
// takes its default.
type Options struct {
	// UserAgent is the full User-Agent header, and the name matched against
	// robots.txt groups. Default DefaultUserAgent.
	UserAgent string
	// Timeout bounds a whole request including its body and any robots.txt
	// fetch it triggers. Default 30s.
	Timeout time.Duration
	// MaxBodySize caps a response body in bytes; a larger body is
	// redline.ErrTooLarge. Default 5 MiB.
	MaxBodySize int64
	// HostParallelism is the number of concurrent requests per host.
	// Default 1.
	HostParallelism int
	// HostDelay is the minimum gap between two request starts to one host.
	// Zero means DefaultHostDelay; a negative value means no delay.
	HostDelay time.Duration
	// MaxParallel is the number of concurrent requests over all hosts.
	// Default 8.
	MaxParallel int
	// IgnoreRobots skips robots.txt entirely. By default it is respected.
	IgnoreRobots bool
	// AllowPrivate lets fetches reach loopback, private, link-local, CGNAT,
	// multicast and cloud-metadata addresses. By default they are refused,
	// so a story URL cannot turn redline into a proxy into its own network.
	AllowPrivate bool
	// RobotsTTL is how long a host's robots.txt is trusted before it is
	// fetched again. Default 1h.
	RobotsTTL time.Duration
	// Logger receives debug records of fetches and robots refreshes; nil
	// keeps the crawler silent.
	Logger *slog.Logger
	// Now stamps Page.FetchedAt and ages robots.txt entries; default
	// time.Now. Delays between requests always use the real clock.
	Now func() time.Time
}

// withDefaults fills zero fields and rejects values that cannot work.
func (o Options) withDefaults() (Options, error) {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodySize == 0 {
		o.MaxBodySize = DefaultMaxBodySize
	}
	if o.HostParallelism == 0 {
		o.HostParallelism = DefaultHostParallelism
	}
	if o.HostDelay == 0 {
		o.HostDelay = DefaultHostDelay
	} else if o.HostDelay < 0 {
		o.HostDelay = 0
	}
	if o.MaxParallel == 0 {
		o.MaxParallel = DefaultMaxParallel
	}
	if o.RobotsTTL == 0 {
		o.RobotsTTL = DefaultRobotsTTL
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	switch {
	case o.Timeout < 0:
		return o, fmt.Errorf("crawler: timeout must be positive, got %s", o.Timeout)
	case o.MaxBodySize < 0 || o.MaxBodySize >= math.MaxInt:
		// colly takes the cap as an int and we read one byte past it.
		return o, fmt.Errorf("crawler: max body size must be between 1 and %d bytes, got %d", int64(math.MaxInt-1), o.MaxBodySize)
	case o.HostParallelism < 0:
		return o, fmt.Errorf("crawler: host parallelism must be at least 1, got %d", o.HostParallelism)
	case o.MaxParallel < 0:
		return o, fmt.Errorf("crawler: max parallel must be at least 1, got %d", o.MaxParallel)
	case o.RobotsTTL < 0:
		return o, fmt.Errorf("crawler: robots TTL must be positive, got %s", o.RobotsTTL)
	}
	return o, nil
}
