package extract

import (
	"fmt"
	"strings"

	"github.com/redline-news/redline"
)

// wallPatterns recognize pages that stand in for the article: paywalls,
// consent walls, login walls and error pages. They are only consulted for
// short bodies, where such text is all there is.
var wallPatterns = []struct {
	kind string
	rx   *lazyRegexp
}{
	{"paywall", lazyCompile(`(?i)\b(subscribe (now )?to (continue|keep) reading|to continue reading,? (please )?(subscribe|log in|sign in)|already a subscriber|subscribers? only|for subscribers|you have reached your (free )?(article|story|monthly) limit|you've reached your (free )?(article|story|monthly) limit|free articles? (remaining|left)|this (article|content|story) is (only )?(available|exclusive) (to|for) (subscribers|members)|unlock (this|full) (article|access)|start your (free )?(trial|subscription))\b`)},
	{"consent wall", lazyCompile(`(?i)\b(we use cookies|we and our partners|accept (all )?cookies|cookie (settings|preferences|policy|consent)|manage (your )?(privacy|consent|cookies)|we value your privacy|consent to (the use of|our use of)|your privacy choices)\b`)},
	{"login wall", lazyCompile(`(?i)\b((log|sign) ?in to (continue|read|view|access)|please (log|sign) ?in|create a (free )?account to (continue|read)|register to (continue|read))\b`)},
	{"error page", lazyCompile(`(?i)\b(page not found|error 404|404 (error|not found|page)|access denied|something went wrong|an error (has )?occurred|are you a robot|verify you are (a )?human|captcha|enable javascript|too many requests|service unavailable|temporarily unavailable)\b`)},
}

// wallMaxWords bounds the bodies checked against wallPatterns: a real
// article may mention cookies or subscriptions in passing.
const wallMaxWords = 250

// Assess is the quality guard run before storing cur as a new version of a
// story whose last version is prev. It reports suspect when cur looks like
// a collapse rather than an edit: the body shrank by more than half, the
// headline vanished, or the page is a paywall, consent wall, login wall or
// error page. reason is a human sentence for the check log. A zero prev
// only gets the wall checks.
func Assess(prev, cur redline.Article) (suspect bool, reason string) {
	pw, cw := prev.Words(), cur.Words()
	if cw <= wallMaxWords {
		text := strings.Join(append([]string{cur.Headline}, cur.Paragraphs...), "\n")
		for _, w := range wallPatterns {
			if m := w.rx.FindString(text); m != "" && (pw == 0 || cw*2 < pw || cw < 80) {
				return true, fmt.Sprintf("looks like a %s (%q)", w.kind, m)
			}
		}
	}
	if cw == 0 && pw > 0 {
		return true, fmt.Sprintf("body is empty (was %d words)", pw)
	}
	if pw >= 40 && cw*2 < pw {
		return true, fmt.Sprintf("body shrank by more than half, from %d to %d words", pw, cw)
	}
	if prev.Headline != "" && cur.Headline == "" {
		return true, fmt.Sprintf("headline vanished (was %q)", prev.Headline)
	}
	return false, ""
}
