package extract

import (
	"strings"
	"unicode"

	"github.com/redline-news/redline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Dropped is one piece of text that extraction left out of the article, and
// the rule that dropped it, for `redline extract --explain`.
type Dropped struct {
	Text string `json:"text"`
	Rule string `json:"rule"`
}

// noiseRule recognizes one kind of page furniture that can sit between the
// paragraphs of an article. Rules see one block at a time plus its position,
// so they give the same answer whichever path found the block.
type noiseRule struct {
	name  string
	match func(b block, first bool) bool
}

// re returns a noise predicate for a regexp, limited to short blocks:
// furniture is terse, and a long paragraph that happens to start the same
// way is article text.
func re(pattern string, maxWords int) func(block, bool) bool {
	rx := lazyCompile(pattern)
	return func(b block, _ bool) bool {
		return !b.moreWordsThan(maxWords) && rx.MatchString(b.text)
	}
}

// longRe is re for a pattern anchored on a phrase and a bound over
// ruleWords: the expression fails on a block's first letters, where
// counting up to the bound would read most of every block.
func longRe(pattern string, maxWords int) func(block, bool) bool {
	rx := lazyCompile(pattern)
	return func(b block, _ bool) bool {
		return rx.MatchString(b.text) && !moreWordsThan(b.text, maxWords)
	}
}

// reKeyed is re for an unanchored pattern that cannot match without one
// of keys (lower case): a block with none of them skips the expression,
// which otherwise tries every place in every block of every check.
func reKeyed(pattern string, maxWords int, keys ...string) func(block, bool) bool {
	rx := lazyCompile(pattern)
	return func(b block, _ bool) bool {
		return !b.moreWordsThan(maxWords) && b.lowered().containsAny(keys) && rx.MatchString(b.text)
	}
}

// builtinNoise is the default rule set. Each rule has a positive and a
// negative case in noise_test.go.
var builtinNoise = []noiseRule{
	{"promo-click-here", re(`(?i)^(click|tap) here\b`, 25)},
	{"promo-read-more", re(`(?i)^\W*(read more|read also|also read|see also|related( articles?| stories| posts?| content| coverage| links?)?|more on this( story)?|more from [\pL\pN' ]{1,40}|recommended( reading| stories)?|don'?t miss|must read|trending( now)?|most (read|popular|viewed|watched|shared|commented|emailed)|top stories|watch( now)?|listen( now)?|you may also like|you might also like)\s*(:|\||»|>|–|—|-|\.\.\.|…|$)`, 30)},
	{"newsletter", reKeyed(`(?i)\b(sign up|signup|subscribe|register|get)\b.{0,80}\b(newsletters?|inbox|e-?mail alerts?|daily briefing)\b`, 40,
		"newsletter", "inbox", "mail alert", "daily briefing")},
	{"newsletter", re(`(?i)^(sign up|subscribe)( now| today| here| for free)?[.!:]?$`, 6)},
	{"share-prompt", sharePrompt},
	{"follow-prompt", re(`(?i)^\W*follow (us|@\w+|[\pL ]{2,40}) on (twitter|facebook|instagram|x|tiktok|youtube|linkedin|threads|bluesky|social media|google news)\b`, 25)},
	{"comments", commentsLine},
	{"advertisement", adLabel},
	{"counter", counterLine},
	{"relative-timestamp", func(b block, _ bool) bool {
		// A readied block of over ruleWords words that starts with a
		// letter keeps over 24 after any "Updated on:" lead: prose, which
		// isTimestampLine would refuse after matching the lead's pattern.
		if b.counted > ruleWords+1 && isWordByte(b.text[0]) {
			return false
		}
		return isTimestampLine(b.text)
	}},
	{"meta-line", func(b block, _ bool) bool { return isMetaLine(b.text) }},
	// The post footer blog themes print ("This entry was posted on ...
	// and is filed under ...", "You can follow any responses to this
	// entry through the RSS 2.0 feed"), however the date is written.
	{"meta-line", longRe(`(?i)^(this entry was posted (on|in)\b.{0,300}\b(filed under|tagged|posted in)\b|you can follow any responses to this entry\b)`, 80)},
	{"utility-bar", func(b block, _ bool) bool { return isUtilityBar(b.text) }},
	{"masthead-weather", func(b block, _ bool) bool { return isWeatherMasthead(b.text) }},
	{"copyright", re(`(?i)^\W*(©|\(c\)|copyright\s*(©|\(c\))?\s*(\d{4}\b|by\b)|all rights reserved\W*$)`, 25)},
	{"all-caps-promo", func(b block, first bool) bool {
		// An all-caps subhead (<h2>WHAT HAPPENS NEXT</h2>) is article text;
		// the promo is a paragraph, or a heading that links elsewhere.
		return !first && isAllCapsLine(b.text) && (!b.heading || b.linkLen > 0)
	}},
	{"link-only", func(b block, _ bool) bool {
		return !b.listItem && !b.heading && linkOnly(b) && wordCount(b.text) <= maxLinkWords
	}},
	{"link-list", func(b block, _ bool) bool {
		li := itemOf(b)
		return li != nil && linkOnly(b) && linkList(li)
	}},
}

// maxLinkWords bounds a paragraph that is wholly a link: a related
// story's headline, however long, not a sentence that links its source.
const maxLinkWords = 30

// linkOnly reports a block whose text is (nearly) all link text.
func linkOnly(b block) bool { return b.linkLen*10 >= len(b.text)*9 }

// itemOf returns the list item a block is, or stands in: a teaser list
// often wraps each linked headline in a heading inside its <li>
// (<li><h3><a>…</a></h3></li>). Nil when the block is in no item.
func itemOf(b block) *html.Node {
	n := b.node
	for range 3 {
		if n == nil || n.Type != html.ElementNode {
			return nil
		}
		if n.DataAtom == atom.Li {
			return n
		}
		if !b.heading && !b.listItem {
			return nil
		}
		n = n.Parent
	}
	return nil
}

// linkListSample is how many items of a list linkList reads.
const linkListSample = 8

// linkList reports whether li is an item of a list in which every item is
// wholly a link: a "Most read" or "More on this story" list, which
// follows the article and changes with what readers click. A list in the
// story links words inside its items, not whole items.
func linkList(li *html.Node) bool {
	list := li.Parent
	if list == nil || li.DataAtom != atom.Li {
		return false
	}
	items := 0
	// The first items stand for the list: reading all of them for each of
	// them would make a list of thousands quadratic.
	for c := list.FirstChild; c != nil && items < linkListSample; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Li {
			return false
		}
		var sb strings.Builder
		links := collect(&sb, c, false)
		t := strings.TrimSpace(sb.String())
		if t != "" && links*10 < len(t)*9 {
			return false
		}
		items++
	}
	return items >= 2
}

// isAllCapsLine reports short upper-case lines such as "WHAT IS VLADIMIR
// PUTIN AFRAID OF?", the related-story headlines sites drop between
// paragraphs. Scripts without case never match.
func isAllCapsLine(s string) bool {
	// Counted first: most blocks are prose, far over the bound.
	if n := redline.CountWords(s, 20); n < 3 || n > 20 {
		return false
	}
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper >= 8 && lower*20 <= upper
}

// monthRE and weekdayRE are the English month and weekday names, in full
// and abbreviated, as patterns to build others from.
const (
	monthRE   = `jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?`
	weekdayRE = `mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?`
)

var (
	timestampLead = lazyCompile(`(?i)^\W*(last )?(updated|published|posted|modified|edited)( on| at)?\b\s*:?\s*`)
	timestampWord = lazyCompile(`(?i)^(\d[\d:.,/-]*(st|nd|rd|th|am|pm|h)?|[ap]\.?m\.?|` + monthRE + `|` + weekdayRE + `|at|on|ago|an?|one|just|now|today|yesterday|sec(ond)?s?|min(ute)?s?|h(ou)?rs?|days?|weeks?|months?|years?|utc|gmt|et|ct|pt|\||·|•|-|–|—|,)$`)
	// zoneAbbrev is case-sensitive: "EST" is a zone, "est" is not.
	zoneAbbrev = lazyCompile(`^[A-Z]{2,5}$`)
)

// isTimestampLine reports lines that are only a timestamp, like "Updated 3
// minutes ago", "Published: Jan 5, 2024 10:00 AM ET", "2 hours ago" or
// "Posted March 12, 2026 (Updated 5 minutes ago)". Every word after an
// optional "Updated"-style lead must be a date or time word (or another
// such lead), so "Updated figures show 300 deaths" stays. Without the lead, the
// line must hold a number or "ago"/"now", so a lone "On" is not a date.
func isTimestampLine(s string) bool {
	// The lead is anchored at the start, so cutting it off is what
	// ReplaceAllString did, without copying every paragraph tested.
	rest := s
	if loc := timestampLead.FindStringIndex(s); loc != nil {
		rest = s[loc[1]:]
	}
	led := len(rest) != len(s)
	// Counted first: most lines tested are paragraphs of prose, far over
	// the bound, and splitting them into words only to refuse them was a
	// slice per paragraph per check.
	switch {
	case !moreWordsThan(rest, 0):
		return led
	case moreWordsThan(rest, 24):
		return false
	}
	dated, worded := false, false
	for w := range strings.FieldsSeq(rest) {
		w = strings.Trim(w, ".,;()[]")
		if w == "" {
			continue
		}
		if !timestampWord.MatchString(w) && !zoneAbbrev.MatchString(w) && !dateLead[strings.ToLower(w)] {
			return false
		}
		if strings.EqualFold(w, "ago") || strings.EqualFold(w, "now") || strings.ContainsAny(w, "0123456789") {
			dated = true
		}
		if dateWord(w) {
			worded = true
		}
	}
	// A bare number ("240", "1,204", "12 - 4") is a figure, never a
	// timestamp: a table cell or a statistic whose change is the edit a
	// standards desk cares about most.
	return led || dated && worded
}

// dateWord reports a word that makes numbers a date or a time: a month,
// a day, a unit, "ago", "a.m.", a zone, a number with a suffix ("5th",
// "10pm"). The glue words ("at", "on", "a") do not.
func dateWord(w string) bool {
	switch strings.ToLower(w) {
	case "at", "on", "a", "an", "one", "just", "|", "·", "•", "-", "–", "—", ",":
		return false
	}
	return strings.ContainsFunc(w, unicode.IsLetter) || strings.Contains(w, ":")
}

func wordCount(s string) int { return redline.CountWords(s, -1) }

// moreWordsThan reports whether s has more than limit words, reading only
// as far as it takes: the noise rules ask it of every block, and a long
// paragraph is refused after its first few words instead of a full count.
func moreWordsThan(s string, limit int) bool { return redline.CountWords(s, limit) > limit }

var sharePrompt = re(`(?i)^\W*(share( this( article| story| post)?)?( on (facebook|twitter|x|whatsapp|linkedin|email))?|tweet( this)?|e-?mail( this)?|print( this)?|copy link|save( article| for later)?|share via e-?mail|share or comment on this article:?)\W*$`, 8)

var commentsLine = re(`(?i)^\W*((\d+\s+)?comments?\s*(\(\d+\))?|(\d+|no|one)\s+(comments?|responses?|replies|thoughts)(\s+(to|on)\s+["'«“‘„].*)?|(view|show|read|leave|add|post|join)( the| a)?( \d+)? (comments?|conversation|discussion)\b.*|comments? \(\d+\)|be the first to comment.*)\W*$`, 12)

var adLabel = re(`(?i)^\W*(advertisement|advertising|ad|ads|sponsored( content)?|paid content|story continues below( advertisement)?|article continues (below|after advertisement)|continue reading( below| the main story)?|scroll to continue( with content)?|skip advert(isement)?)\W*$`, 6)

var counterLine = re(`(?i)^\W*([\d.,]+\s*[km]?\s+(views|reads|shares|comments|likes|reactions)|(views|shares|comments|likes):?\s*[\d.,]+\s*[km]?)\W*$`, 6)
