package extract

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// SiteRule tells the extractor where the article lives on one site. Every
// field is optional; a rule wins over the generic extractor when its
// selectors find a body.
type SiteRule struct {
	// Host is "example.com": it matches that host and its subdomains.
	Host string `json:"host" yaml:"host"`
	// Headline, Byline and Dek are CSS selectors; the first match's text
	// is used.
	Headline string `json:"headline,omitempty" yaml:"headline,omitempty"`
	Byline   string `json:"byline,omitempty" yaml:"byline,omitempty"`
	Dek      string `json:"dek,omitempty" yaml:"dek,omitempty"`
	// Body selects the container(s) whose paragraph-level blocks are the
	// article body.
	Body string `json:"body,omitempty" yaml:"body,omitempty"`
	// Remove lists CSS selectors of elements removed before extraction.
	Remove []string `json:"remove,omitempty" yaml:"remove,omitempty"`
	// Drop lists regular expressions; a paragraph matching any is dropped.
	Drop []string `json:"drop,omitempty" yaml:"drop,omitempty"`
}

// compiledRule is a SiteRule with its selectors and patterns compiled.
type compiledRule struct {
	host                  string
	headline, byline, dek cascadia.Matcher
	body                  cascadia.Matcher
	remove                []cascadia.Matcher
	drop                  []*regexp.Regexp
	dropSrc               []string
}

// RuleError reports an invalid site rule or ignore pattern, naming the rule
// host, the field and the bad value.
type RuleError struct {
	Host  string // "" for the global Ignore list
	Field string
	Value string
	Err   error
}

func (e *RuleError) Error() string {
	if e.Host == "" {
		return fmt.Sprintf("extract: invalid %s pattern %q: %v", e.Field, e.Value, e.Err)
	}
	return fmt.Sprintf("extract: site rule %q: invalid %s %q: %v", e.Host, e.Field, e.Value, e.Err)
}

func (e *RuleError) Unwrap() error { return e.Err }

func compileRule(r SiteRule) (*compiledRule, error) {
	host := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(r.Host)), "www.")
	if host == "" {
		return nil, &RuleError{Host: r.Host, Field: "host", Value: r.Host, Err: fmt.Errorf("empty host")}
	}
	c := &compiledRule{host: host}
	sel := func(field, v string) (cascadia.Matcher, error) {
		if strings.TrimSpace(v) == "" {
			return nil, nil
		}
		g, err := cascadia.ParseGroup(v)
		if err != nil {
			return nil, &RuleError{Host: r.Host, Field: field, Value: v, Err: err}
		}
		return g, nil
	}
	var err error
	if c.headline, err = sel("headline", r.Headline); err != nil {
		return nil, err
	}
	if c.byline, err = sel("byline", r.Byline); err != nil {
		return nil, err
	}
	if c.dek, err = sel("dek", r.Dek); err != nil {
		return nil, err
	}
	if c.body, err = sel("body", r.Body); err != nil {
		return nil, err
	}
	for _, v := range r.Remove {
		s, err := sel("remove", v)
		if err != nil {
			return nil, err
		}
		if s != nil {
			c.remove = append(c.remove, s)
		}
	}
	for _, v := range r.Drop {
		rx, err := regexp.Compile(v)
		if err != nil {
			return nil, &RuleError{Host: r.Host, Field: "drop", Value: v, Err: err}
		}
		c.drop = append(c.drop, rx)
		c.dropSrc = append(c.dropSrc, v)
	}
	return c, nil
}

// matches reports whether the rule applies to host (or one of its
// subdomains).
func (c *compiledRule) matches(host string) bool {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	return host == c.host || strings.HasSuffix(host, "."+c.host)
}

// applyRemove detaches every element matched by the rule's Remove selectors.
func (c *compiledRule) applyRemove(doc *html.Node) {
	for _, s := range c.remove {
		for _, n := range cascadia.QueryAll(doc, s) {
			if n.Parent != nil {
				n.Parent.RemoveChild(n)
			}
		}
	}
}

// firstText is the normalized text of the first element matching s.
func firstText(doc *html.Node, s cascadia.Matcher) string {
	if s == nil {
		return ""
	}
	for _, n := range cascadia.QueryAll(doc, s) {
		if t := nodeText(n); t != "" {
			return t
		}
	}
	return ""
}
