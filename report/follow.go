package report

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Follow says which changes a subscriber or webhook wants. A change
// matches when All is set or when any listed story, tag, site or keyword
// matches it; HeadlinesOnly then keeps only changes whose headline
// changed.
type Follow struct {
	All bool `json:"all,omitempty" yaml:"all"`
	// Stories are story IDs ("12") or story URLs.
	Stories []string `json:"stories,omitempty" yaml:"stories"`
	Tags    []string `json:"tags,omitempty" yaml:"tags"`
	// Sites are host names; "example.com" also matches its subdomains
	// such as www.example.com.
	Sites []string `json:"sites,omitempty" yaml:"sites"`
	// Keywords match whole words of the newer headline or body, ignoring
	// case; a keyword may be a phrase.
	Keywords      []string `json:"keywords,omitempty" yaml:"keywords"`
	HeadlinesOnly bool     `json:"headlines_only,omitempty" yaml:"headlines_only"`
}

// Validate checks every entry and returns the filter in the form Match
// expects (tags, sites and keywords lower-cased and trimmed). Errors name
// the offending value, so the config layer can add the key and line.
func (f Follow) Validate() (Follow, error) {
	out := Follow{All: f.All, HeadlinesOnly: f.HeadlinesOnly}
	for _, s := range f.Stories {
		s = strings.TrimSpace(s)
		if err := checkStoryRef(s); err != nil {
			return Follow{}, err
		}
		out.Stories = append(out.Stories, s)
	}
	for _, t := range f.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" {
			return Follow{}, fmt.Errorf("report: follow tag %q: empty", t)
		}
		out.Tags = append(out.Tags, t)
	}
	for _, s := range f.Sites {
		h := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), ".")
		if h == "" || strings.ContainsAny(h, "/:@?# ") {
			return Follow{}, fmt.Errorf("report: follow site %q: want a host name such as example.com", s)
		}
		out.Sites = append(out.Sites, h)
	}
	for _, k := range f.Keywords {
		k = strings.ToLower(strings.Join(strings.Fields(k), " "))
		if k == "" {
			return Follow{}, fmt.Errorf("report: follow keyword %q: empty", k)
		}
		out.Keywords = append(out.Keywords, k)
	}
	if !out.All && len(out.Stories)+len(out.Tags)+len(out.Sites)+len(out.Keywords) == 0 {
		return Follow{}, fmt.Errorf("report: follow: nothing to follow (set all, stories, tags, sites or keywords)")
	}
	if out.All && len(out.Stories)+len(out.Tags)+len(out.Sites)+len(out.Keywords) > 0 {
		return Follow{}, fmt.Errorf("report: follow: all cannot be combined with stories, tags, sites or keywords")
	}
	return out, nil
}

func checkStoryRef(s string) error {
	if s == "" {
		return fmt.Errorf("report: follow story %q: empty", s)
	}
	if n, err := strconv.ParseUint(s, 10, 64); err == nil {
		if n == 0 {
			return fmt.Errorf("report: follow story %q: ids start at 1", s)
		}
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("report: follow story %q: want a story id or an absolute http(s) URL", s)
	}
	return nil
}

// Match reports whether the change is one the filter follows. It expects
// a filter returned by Validate.
func (f Follow) Match(c Change) bool {
	if f.HeadlinesOnly && !c.HeadlineChanged() {
		return false
	}
	if f.All {
		return true
	}
	id := strconv.FormatUint(uint64(c.Story), 10)
	if slices.ContainsFunc(f.Stories, func(s string) bool { return s == id || s == c.URL }) {
		return true
	}
	for _, t := range c.Tags {
		if slices.Contains(f.Tags, strings.ToLower(t)) {
			return true
		}
	}
	site := strings.ToLower(c.Site)
	for _, s := range f.Sites {
		if site == s || strings.HasSuffix(site, "."+s) {
			return true
		}
	}
	if len(f.Keywords) > 0 {
		a := c.To.Article
		texts := append([]string{a.Headline}, a.Paragraphs...)
		for _, t := range texts {
			t = strings.ToLower(t)
			if slices.ContainsFunc(f.Keywords, func(k string) bool { return containsWord(t, k) }) {
				return true
			}
		}
	}
	return false
}

// containsWord reports whether k occurs in s between word boundaries, so
// the keyword "ice" does not follow every story about police.
func containsWord(s, k string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], k)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(k)
		if !wordRuneBefore(s, start) && !wordRuneAt(s, end) {
			return true
		}
		i = start + 1
	}
}

func wordRuneBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

func wordRuneAt(s string, i int) bool {
	for _, r := range s[i:] {
		return isWordRune(r)
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
