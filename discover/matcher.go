package discover

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultKeywords returns the phrases a zero [Matcher] looks for. It returns
// a fresh slice, so callers may extend it.
func DefaultKeywords() []string {
	return []string{
		"developing",
		"live updates",
		"live:",
		"breaking",
		"will be updated",
		"latest:",
		"as it happened",
	}
}

// DefaultExclusions returns the phrases a zero [Matcher] ignores because
// they contain a keyword without marking a developing story.
func DefaultExclusions() []string {
	return []string{
		"developing countries",
		"developing country",
		"developing nations",
		"developing world",
		"developing economies",
		"breaking bad",
		"breaking ground",
		"breaking point",
		"breaking the law",
		"breaking records",
		"breaking news alerts",
	}
}

// Matcher decides whether an item looks like a developing story from the
// words around it. The zero value uses [DefaultKeywords] and
// [DefaultExclusions].
type Matcher struct {
	// Keywords are case-insensitive phrases that mark a developing story.
	// They match on word boundaries: "breaking" matches "Breaking: ..."
	// but not "groundbreaking". Nil means DefaultKeywords; an empty,
	// non-nil slice matches nothing.
	Keywords []string
	// Exclude are case-insensitive phrases removed from the text before
	// matching, for common phrases that contain a keyword by accident.
	// Nil means DefaultExclusions.
	Exclude []string
}

// Developing reports whether the item's title, description or tags contain
// one of the keywords.
func (m Matcher) Developing(it Item) bool {
	keywords := m.Keywords
	if keywords == nil {
		keywords = DefaultKeywords()
	}
	if len(keywords) == 0 {
		return false
	}
	exclude := m.Exclude
	if exclude == nil {
		exclude = DefaultExclusions()
	}
	fields := make([]string, 0, 2+len(it.Tags))
	fields = append(fields, it.Title, it.Description)
	fields = append(fields, it.Tags...)
	for _, f := range fields {
		if f == "" {
			continue
		}
		text := strings.ToLower(f)
		for _, ex := range exclude {
			if ex = strings.ToLower(strings.TrimSpace(ex)); ex != "" {
				text = strings.ReplaceAll(text, ex, " ")
			}
		}
		for _, kw := range keywords {
			if containsPhrase(text, strings.ToLower(strings.TrimSpace(kw))) {
				return true
			}
		}
	}
	return false
}

// containsPhrase reports whether phrase occurs in text with no letter or
// digit directly before or after it. A phrase that starts or ends with
// punctuation ("live:") needs no boundary on that side.
func containsPhrase(text, phrase string) bool {
	if phrase == "" {
		return false
	}
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], phrase)
		if i < 0 {
			return false
		}
		start := off + i
		end := start + len(phrase)
		if boundaryBefore(text, start, phrase) && boundaryAfter(text, end, phrase) {
			return true
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		off = start + size
	}
	return false
}

func boundaryBefore(text string, start int, phrase string) bool {
	first, _ := utf8.DecodeRuneInString(phrase)
	if !isWordRune(first) || start == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:start])
	return !isWordRune(prev)
}

func boundaryAfter(text string, end int, phrase string) bool {
	last, _ := utf8.DecodeLastRuneInString(phrase)
	if !isWordRune(last) || end == len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[end:])
	return !isWordRune(next)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
