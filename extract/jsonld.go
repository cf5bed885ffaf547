package extract

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// articleTypes are the schema.org types whose objects describe the article
// itself; the earlier in the list, the more specific and the more trusted.
var articleTypes = []string{
	"liveblogposting", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
	"opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
	"article", "blogposting", "socialmediaposting", "report", "scholarlyarticle",
	"techarticle", "webpage",
}

// linkedData is what the page's JSON-LD says about its article.
type linkedData struct {
	Headline    string
	Authors     []string
	Description string
	Published   string
	Modified    string
	Body        string
	LiveBlog    bool
	Publisher   string
	// Article is set when the best object is an article type, not a
	// plain WebPage.
	Article bool
}

// readJSONLD finds the best article object in every
// <script type="application/ld+json"> of the page, including @graph arrays
// and objects nested under mainEntity and similar keys. Broken JSON is
// skipped: many sites ship it and the rest of the page still counts.
// scriptText is the text of a script element. A script is one text node
// (the parser reads its content raw), so that node's text is used as it
// is: the JSON-LD of a page carries the whole articleBody, and copying it
// into a builder first was one more copy of the article per check.
func scriptText(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil {
		return c.Data
	}
	var buf strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		buf.WriteString(c.Data)
	}
	return buf.String()
}

func readJSONLD(doc *html.Node) linkedData {
	var best map[string]any
	bestRank := len(articleTypes)
	live := false
	findAll(doc, func(n *html.Node) bool {
		if n.DataAtom != atom.Script || !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
			return n.DataAtom != atom.Script && n.DataAtom != atom.Style
		}
		var v any
		if json.Unmarshal([]byte(jsonPayload(scriptText(n))), &v) != nil {
			return false
		}
		visitLD(v, 0, func(obj map[string]any) {
			rank := typeRank(obj)
			if rank == 0 && liveCoverage(obj) {
				live = true
			}
			if rank < bestRank || rank == bestRank && best != nil && str(best["headline"]) == "" && str(obj["headline"]) != "" {
				best, bestRank = obj, rank
			}
		})
		return false
	})
	if best == nil {
		return linkedData{LiveBlog: live}
	}
	ld := linkedData{
		Headline:    firstNonEmpty(str(best["headline"]), str(best["name"])),
		Authors:     people(best["author"]),
		Description: str(best["description"]),
		Published:   str(best["datePublished"]),
		Modified:    str(best["dateModified"]),
		Body:        str(best["articleBody"]),
		LiveBlog:    live,
		Publisher:   firstNonEmpty(names(best["publisher"])...),
		Article:     bestRank < len(articleTypes)-1,
	}
	if len(ld.Authors) == 0 {
		ld.Authors = people(best["creator"])
	}
	if ld.Published == "" {
		ld.Published = str(best["dateCreated"])
	}
	return ld
}

// liveCoverage reports whether a LiveBlogPosting is still being updated. A
// coverageEndTime marks the coverage as over, unless it lies after the
// page's own dateModified: then it is an end announced in advance and the
// blog is live until then. Without a dateModified to compare against, any
// coverageEndTime counts as the end.
func liveCoverage(obj map[string]any) bool {
	end := str(obj["coverageEndTime"])
	if end == "" {
		return true
	}
	e, mod := parseTime(end), parseTime(str(obj["dateModified"]))
	return !e.IsZero() && !mod.IsZero() && e.After(mod)
}

// jsonPayload cuts the JSON out of a script body, dropping the
// "<![CDATA[ ... ]]>" or "/* */" wrappers some CMSs put around it.
func jsonPayload(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "<![CDATA[", ""), "]]>", "")
	i := strings.IndexAny(s, "{[")
	j := strings.LastIndexAny(s, "}]")
	if i < 0 || j < i {
		return ""
	}
	return s[i : j+1]
}

// visitLD calls fn for every object in v whose type is an article type.
func visitLD(v any, depth int, fn func(map[string]any)) {
	if depth > 8 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			visitLD(e, depth+1, fn)
		}
	case map[string]any:
		if typeRank(t) < len(articleTypes) {
			fn(t)
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"} {
			if c, ok := t[k]; ok {
				visitLD(c, depth+1, fn)
			}
		}
	}
}

// typeRank is the position of obj's @type in articleTypes, or
// len(articleTypes) when it is not an article.
func typeRank(obj map[string]any) int {
	rank := len(articleTypes)
	var types []string
	switch t := obj["@type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				types = append(types, s)
			}
		}
	}
	for _, t := range types {
		t = strings.ToLower(t)
		t = t[strings.LastIndexAny(t, "/:")+1:]
		for i, want := range articleTypes {
			if t == want && i < rank {
				rank = i
			}
		}
	}
	return rank
}

// str returns v as a string when it is one (or a list whose first element
// is one, or an object with @value); anything else is "".
func str(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			return str(t[0])
		}
	case map[string]any:
		return str(t["@value"])
	}
	return ""
}

// names reads person or organization names from a string, an object with
// "name", or a list of either.
func names(v any) []string {
	var out []string
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" && !strings.HasPrefix(s, "http") {
			out = append(out, s)
		}
	case map[string]any:
		if n := str(t["name"]); n != "" {
			out = append(out, n)
		} else if g, ok := t["@graph"]; ok {
			out = append(out, names(g)...)
		}
	case []any:
		for _, e := range t {
			out = append(out, names(e)...)
		}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
