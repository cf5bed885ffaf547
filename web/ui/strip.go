package ui

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/redline-news/redline"
)

// strip is the per-story picture of when versions appeared: a tick per
// version along the story's life, so a burst of edits reads at a glance.
type strip struct {
	Ticks []tick
	Label string // the same in words, for screen readers and the title
}

type tick struct {
	X     float64 // 1–99, percent of the strip's width
	Title string
	Edit  bool // a real edit, not a re-read
}

// stamp is what a strip needs of one version.
type stamp struct {
	n      int
	at     time.Time
	reread bool
}

// stripCache keeps the version times of stories by ID and version count.
// A story's history only grows (retention drops pages, never versions; a
// purged story's ID is never reused), so the times of its first k versions
// never change and the key can never be stale. Reading a history decodes
// every version, which on a page of 50 stories costs more than the rest
// of the page.
type stripCache struct {
	mu sync.Mutex
	m  map[stripKey][]stamp
}

type stripKey struct {
	id       redline.StoryID
	versions int
}

// maxStrips bounds the cache at a few hundred KB; when full it starts
// over, which costs one slow page, not a leak.
const maxStrips = 4096

func (c *stripCache) stamps(ctx context.Context, svc redline.Service, st redline.Story) ([]stamp, error) {
	key := stripKey{st.ID, st.Versions}
	c.mu.Lock()
	s, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	lg, err := svc.Log(ctx, st.ID, false)
	if err != nil {
		return nil, err
	}
	s = make([]stamp, len(lg.Versions))
	for i, v := range lg.Versions {
		s[i] = stamp{n: v.N, at: v.FetchedAt, reread: v.Reread}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxStrips {
		c.m = make(map[stripKey][]stamp)
	}
	// Only a history as long as the story said is the history of that
	// key; one that grew meanwhile is kept under its own count next time.
	if len(s) == st.Versions {
		c.m[key] = s
	}
	return s, nil
}

func newStrip(vs []stamp, added, now time.Time, loc *time.Location) strip {
	if len(vs) == 0 {
		return strip{}
	}
	start := added
	if start.IsZero() || vs[0].at.Before(start) {
		start = vs[0].at
	}
	span := now.Sub(start)
	if span <= 0 {
		span = time.Second
	}
	s := strip{Label: strconv.Itoa(len(vs)) + " versions"}
	if len(vs) == 1 {
		s.Label = "1 version"
	}
	for _, v := range vs {
		x := float64(v.at.Sub(start)) / float64(span) * 100
		s.Ticks = append(s.Ticks, tick{
			X:     min(max(x, 1), 99),
			Title: "version " + strconv.Itoa(v.n) + ", " + v.at.In(loc).Format("2 Jan 15:04 MST"),
			Edit:  !v.reread,
		})
	}
	return s
}
