package extract

import (
	"regexp"
	"sync"
)

// lazyRegexp is a pattern compiled on first use. Every redline process
// links this package, and most commands (list, log, diff, the daemon's
// API) never extract: compiled in package variables, these patterns cost
// each of them 7,500 allocations and 1.7 MB before main.
type lazyRegexp struct {
	pattern string
	once    sync.Once
	rx      *regexp.Regexp
}

// patterns lists every lazyRegexp, so one test compiles them all and a
// broken pattern still fails the build's tests, not a user's first page.
var patterns []*lazyRegexp

// lazyCompile is regexp.MustCompile deferred to the first match. It must
// only be called to initialise package variables.
func lazyCompile(pattern string) *lazyRegexp {
	l := &lazyRegexp{pattern: pattern}
	patterns = append(patterns, l)
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.rx = regexp.MustCompile(l.pattern) })
	return l.rx
}

func (l *lazyRegexp) MatchString(s string) bool            { return l.get().MatchString(s) }
func (l *lazyRegexp) FindString(s string) string           { return l.get().FindString(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int       { return l.get().FindStringIndex(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }
func (l *lazyRegexp) ReplaceAllString(s, repl string) string {
	return l.get().ReplaceAllString(s, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.get().FindAllStringIndex(s, n)
}
