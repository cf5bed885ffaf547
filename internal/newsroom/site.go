package newsroom

import (
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Default option values.
const (
	DefaultName          = "The Aldane Courier"
	DefaultRoundEvery    = 40 * time.Minute
	DefaultRetryAfter    = 2 * time.Minute
	DefaultOversizeBytes = 12 << 20
)

// DefaultStart is when round 0 of every story was published unless
// Options.Start says otherwise: fixed, so pages are reproducible.
func DefaultStart() time.Time {
	return time.Date(2026, time.March, 12, 6, 5, 0, 0, time.FixedZone("EST", -5*60*60))
}

// DefaultDisallow is the robots.txt Disallow list when Options.Disallow is nil.
func DefaultDisallow() []string { return []string{"/search", "/private/", "/partner/"} }

// TemplateRotate makes every request of a /news/ page pick a template at
// random, as if the publisher kept redesigning its site.
const TemplateRotate = "rotate"

// Options configure a Site. The zero value serves DemoStories.
type Options struct {
	// Stories to serve; nil means DemoStories(). A story that fails
	// Validate, or repeats an earlier slug, is left out (and logged).
	Stories []Story
	// Seed makes the noise reproducible: the same seed and the same
	// sequence of requests give the same pages.
	Seed int64
	// Template picks the template behind /news/{slug}: a name from
	// Templates, TemplateRotate, or empty to give story i the template
	// Templates()[i%len(Templates())].
	Template string
	// Name is the site name shown in titles and promos.
	Name string
	// Start is the publication time of round 0; RoundEvery separates the
	// timestamps of successive rounds.
	Start      time.Time
	RoundEvery time.Duration
	// Conditional freezes the noise per story, template and round, gives
	// each page a stable ETag and Last-Modified, and answers conditional
	// requests with 304 while the content is unchanged.
	Conditional bool
	// Disallow lists robots.txt Disallow paths for every user agent; nil
	// means DefaultDisallow, an empty non-nil slice disallows nothing.
	Disallow []string
	// Faults switches stories into failure modes from the start.
	Faults map[string]Fault
	// RetryAfter is sent with FaultUnavailable.
	RetryAfter time.Duration
	// OversizeBytes is the minimum size of a FaultOversized page.
	OversizeBytes int
	// Logger receives one debug line per request; nil keeps the site silent.
	Logger *slog.Logger
}

// Site is the simulated news website. It is safe for concurrent use.
type Site struct {
	opts Options
	log  *slog.Logger
	seq  atomic.Uint64 // request sequence number, the per-request noise seed

	mu      sync.RWMutex
	round   int
	stories []*storyState
	bySlug  map[string]*storyState // current slugs
	moved   map[string]string      // old slug → new slug

	hitsMu sync.Mutex
	hits   map[string]int
}

type storyState struct {
	story    Story
	slug     string
	template string // empty: Options.Template decides
	fault    Fault
	// modified[r] is the time of the last round ≤ r that changed content.
	modified []time.Time
}

// maxHitPaths bounds the request counter so that a long demo run probed
// with random paths cannot grow it without limit.
const maxHitPaths = 4096

// NewSite builds a site at round 0.
func NewSite(opts Options) *Site {
	if opts.Stories == nil {
		opts.Stories = DemoStories()
	}
	if opts.Name == "" {
		opts.Name = DefaultName
	}
	if opts.Start.IsZero() {
		opts.Start = DefaultStart()
	}
	if opts.RoundEvery <= 0 {
		opts.RoundEvery = DefaultRoundEvery
	}
	if opts.Disallow == nil {
		opts.Disallow = DefaultDisallow()
	}
	if opts.RetryAfter <= 0 {
		opts.RetryAfter = DefaultRetryAfter
	}
	if opts.OversizeBytes <= 0 {
		opts.OversizeBytes = DefaultOversizeBytes
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, ok := resolveTemplate(opts.Template); !ok && opts.Template != "" && opts.Template != TemplateRotate {
		log.Warn("newsroom: unknown template, using the default assignment", "template", opts.Template)
		opts.Template = ""
	}
	s := &Site{
		opts:   opts,
		log:    log,
		bySlug: make(map[string]*storyState),
		moved:  make(map[string]string),
		hits:   make(map[string]int),
	}
	names := Templates()
	for _, st := range opts.Stories {
		if err := st.Validate(); err != nil {
			log.Warn("newsroom: story left out", "error", err)
			continue
		}
		if _, dup := s.bySlug[st.Slug]; dup {
			log.Warn("newsroom: duplicate story slug left out", "slug", st.Slug)
			continue
		}
		st = cloneStory(st)
		ss := &storyState{story: st, slug: st.Slug}
		if f := opts.Faults[st.Slug]; f == FaultNone || slices.Contains(Faults(), f) {
			ss.fault = f
		} else {
			log.Warn("newsroom: unknown fault ignored", "slug", st.Slug, "fault", f)
		}
		if opts.Template == "" {
			ss.template = names[len(s.stories)%len(names)]
		}
		ss.modified = modifiedTimes(st, opts.Start, opts.RoundEvery)
		s.stories = append(s.stories, ss)
		s.bySlug[st.Slug] = ss
	}
	return s
}

func cloneStory(st Story) Story {
	st.Rounds = slices.Clone(st.Rounds)
	for i := range st.Rounds {
		st.Rounds[i] = st.Rounds[i].Clone()
	}
	return st
}

func modifiedTimes(st Story, start time.Time, every time.Duration) []time.Time {
	m := make([]time.Time, len(st.Rounds))
	m[0] = start
	for i := 1; i < len(st.Rounds); i++ {
		m[i] = m[i-1]
		if len(st.Rounds[i].ChangedFields(st.Rounds[i-1])) > 0 {
			m[i] = start.Add(time.Duration(i) * every)
		}
	}
	return m
}

// Name is the site name.
func (s *Site) Name() string { return s.opts.Name }

// Hits is how many requests the site has answered for the path (without
// query), whatever their status.
func (s *Site) Hits(path string) int {
	s.hitsMu.Lock()
	defer s.hitsMu.Unlock()
	return s.hits[path]
}

func (s *Site) countHit(path string) {
	s.hitsMu.Lock()
	defer s.hitsMu.Unlock()
	if _, ok := s.hits[path]; ok || len(s.hits) < maxHitPaths {
		s.hits[path]++
	}
}
