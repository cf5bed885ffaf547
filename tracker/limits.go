package tracker

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-news/redline"
)

// Limits on what one request may ask for. Tags are labels for a desk
// ("politics", "storm-2026"), not text; a story needing more than a few is
// a sign of a script gone wrong, and every tag is stored with the story.
const (
	MaxTags      = 32
	MaxTagLength = 64 // characters, after trimming and lower-casing
	// MaxBudget caps a crawl pass: a pass longer than a day overlaps the
	// next ones and holds the database from every cron run meanwhile.
	MaxBudget = 24 * time.Hour
)

// CheckTags applies MaxTags and MaxTagLength to tags as the tracker will
// store them: comma-separated, trimmed, lower-cased, without duplicates.
func CheckTags(tags []string) error {
	seen := map[string]bool{}
	for _, tag := range tags {
		for part := range strings.SplitSeq(tag, ",") {
			part = strings.ToLower(strings.TrimSpace(part))
			if part == "" || seen[part] {
				continue
			}
			if n := utf8.RuneCountInString(part); n > MaxTagLength {
				return fmt.Errorf("%w: tag %q is %d characters; the limit is %d", redline.ErrBadRequest, abbreviate(part, 20), n, MaxTagLength)
			}
			seen[part] = true
			if len(seen) > MaxTags {
				return fmt.Errorf("%w: more than %d tags on one story", redline.ErrBadRequest, MaxTags)
			}
		}
	}
	return nil
}

// ParseBudget reads a crawl budget: a duration from 0 (no limit) to
// MaxBudget.
func ParseBudget(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%w: budget %q is not a duration like 90s or 10m", redline.ErrBadRequest, s)
	}
	if d < 0 || d > MaxBudget {
		return 0, fmt.Errorf("%w: budget %s must be between 0 (no limit) and %s", redline.ErrBadRequest, d, MaxBudget)
	}
	return d, nil
}

func abbreviate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
