package extract

import (
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
		headline: cleanHeadline(firstText(doc, r.headline), "", pageURL),
		byline:   cleanByline(firstText(doc, r.byline)),
		dek:      firstText(doc, r.dek),
	}, true
}
