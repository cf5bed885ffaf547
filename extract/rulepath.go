package extract

import (
	"slices"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// byRule extracts with a site rule. It reports ok=false when the rule has no
// Body selector or the selector finds no text, so the generic path runs
// (with the rule's Remove and Drop still applied).
func (e *Extractor) byRule(doc *html.Node, r *compiledRule, md metadata, pageURL string) (pending, bool) {
	if r.body == nil {
		return pending{}, false
	}
	containers := cascadia.QueryAll(doc, r.body)
	// A container nested in another would be read twice.
	out := containers[:0]
	for _, c := range containers {
		nested := false
		for _, o := range containers {
			if o != c && within(c, o) {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, c)
		}
	}
	blocks := newWalker().blocks(out...)
	if len(blocks) == 0 {
		e.log.Debug("extract: site rule body selector found nothing", "url", pageURL, "host", r.host)
		return pending{}, false
	}
	return pending{
		blocks:   blocks,
		path:     PathRule,
		headline: firstText(doc, r.headline),
		byline:   ruleByline(doc, r.byline),
		dek:      firstText(doc, r.dek),
	}, true
}

// ruleByline reads the byline a rule selects. A selector that matches one
// element per author gives a list, written like every other byline list
// (see joinAuthors); one that matches a whole byline gives it as printed.
func ruleByline(doc *html.Node, s cascadia.Matcher) string {
	if s == nil {
		return ""
	}
	var names []string
	var prev *html.Node
	for _, n := range cascadia.QueryAll(doc, s) {
		if prev != nil && within(n, prev) {
			continue
		}
		if t := cleanByline(nodeText(n)); t != "" && !slices.Contains(names, t) {
			names = append(names, t)
			prev = n
		}
	}
	for _, n := range names {
		if wordCount(n) > 6 {
			// Not a list of names: an author bio or a second byline box.
			return names[0]
		}
	}
	return cleanByline(joinAuthors(names))
}
