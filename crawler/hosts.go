package crawler

import (
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
)

// minSweep is the host count below which idle hosts are not worth pruning.
const minSweep = 256

// host is everything the crawler remembers about one host (host:port).
type host struct {
	key  string
	gate *gate
	refs int // fetches holding this host; guarded by Crawler.mu

	mu sync.Mutex
	// base is the host's collector. colly caches robots.txt in the
	// collector forever, so the base is replaced once it is older than
	// RobotsTTL: its successor fetches robots.txt afresh.
	base   *colly.Collector
	baseAt time.Time // Options.Now when base was made
}

// hostRef returns the host entry for key, counting a reference that the
// caller gives back with unref. Entries are pruned only when unreferenced,
// so two fetches to one host always share one gate.
func (c *Crawler) hostRef(key string) *host {
	h := c.hosts[key]
	if h == nil {
		if len(c.hosts) >= c.sweepAt {
			c.sweepLocked()
		}
		h = &host{key: key, gate: newGate(c.opts.HostParallelism)}
		c.hosts[key] = h
	}
	h.refs++
	return h
}

func (c *Crawler) unref(h *host) {
	c.mu.Lock()
	h.refs--
	c.mu.Unlock()
}

// sweepLocked forgets hosts that nothing waits for, whose delay has run out
// and whose robots.txt would be fetched again anyway, so a daemon that
// meets many hosts does not grow without bound.
func (c *Crawler) sweepLocked() {
	realNow, now := time.Now(), c.opts.Now()
	for key, h := range c.hosts {
		if h.refs > 0 || !h.gate.delayOver(realNow) {
			continue
		}
		h.mu.Lock()
		stale := h.base == nil || now.Sub(h.baseAt) >= c.opts.RobotsTTL
		h.mu.Unlock()
		if stale {
			delete(c.hosts, key)
		}
	}
	c.sweepAt = max(minSweep, 2*len(c.hosts))
}

// collector returns a per-fetch clone of the host's collector, first
// replacing the base if its robots.txt data has expired. Clones share the
// base's robots cache and HTTP client but have their own callbacks and
// context, so concurrent fetches never see each other's responses.
func (c *Crawler) collector(h *host, now time.Time) *colly.Collector {
	if c.opts.IgnoreRobots {
		return c.shared.Clone()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.base == nil || now.Sub(h.baseAt) >= c.opts.RobotsTTL || now.Before(h.baseAt) {
		if h.base != nil {
			c.log.Debug("robots.txt expired", logHost, h.key, "age", now.Sub(h.baseAt))
		}
		h.base, h.baseAt = c.newBase(), now
	}
	return h.base.Clone()
}

// newBase builds a collector with the settings redline depends on. It
// calls Init rather than colly.NewCollector, which would let COLLY_*
// environment variables switch on CacheDir, charset detection or robots
// skipping behind the operator's back.
func (c *Crawler) newBase() *colly.Collector {
	col := &colly.Collector{}
	col.Init()
	col.UserAgent = c.opts.UserAgent
	col.AllowURLRevisit = true
	col.ParseHTTPErrorResponse = true // 304 and error statuses reach OnResponse
	col.IgnoreRobotsTxt = c.opts.IgnoreRobots
	col.DetectCharset = false
	col.CacheDir = "" // a cache would replay old versions of a changing page
	// One byte over the cap tells a body at the cap from a truncated one.
	col.MaxBodySize = int(c.opts.MaxBodySize) + 1
	col.SetClient(c.client)
	return col
}
