package newsroom

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The furniture of the templates added for issue 12 ("related", "metaline",
// "chunks"). It is drawn after the rest of the page's noise, and only for
// those templates, so the other templates' pages stay as they were.

// otherStory is another story of the site, as a related link shows it.
type otherStory struct {
	Title string
	Href  string
}

// decorate draws the furniture of the issue-12 templates: related-story
// links between the paragraphs at new places on every request (some in
// capitals), a most-read list of the site's other stories in a new order,
// and a meta line laid out one of three ways.
func decorate(d *pageData, others []otherStory, rng *rand.Rand) {
	d.MetaLayout = rng.IntN(3)
	for _, i := range rng.Perm(len(others))[:min(len(others), mostReadSize)] {
		d.Others = append(d.Others, others[i])
	}
	if len(others) == 0 {
		return
	}
	extra := make(map[int]block)
	gaps := 0
	for _, b := range d.Body {
		if b.Kind == "p" {
			gaps++
		}
	}
	for range min(2, len(others)) {
		o := others[rng.IntN(len(others))]
		b := block{Kind: "related", Text: o.Title, Href: o.Href}
		if rng.IntN(2) == 0 {
			b.Kind, b.Text = "related-caps", strings.ToUpper(o.Title)
		}
		extra[rng.IntN(max(gaps-1, 1))] = b
	}
	var body []block
	n := 0
	for _, b := range d.Body {
		body = append(body, b)
		if b.Kind != "p" {
			continue
		}
		if r, ok := extra[n]; ok {
			body = append(body, r)
		}
		n++
	}
	d.Body = body
	d.Parts = splitAtAds(body)
}

// mostReadSize and maxOthers bound the related furniture, whatever the
// size of the site: a most-read list of five, drawn from the dozen
// stories after this one.
const (
	mostReadSize = 5
	maxOthers    = 12
)

// othersLocked lists up to maxOthers stories of the site other than
// slug, the ones after it in the site's order, with their current
// headlines.
func (s *Site) othersLocked(slug string) []otherStory {
	at := 0
	for i, st := range s.stories {
		if st.slug == slug {
			at = i
		}
	}
	var out []otherStory
	for k := 1; k < len(s.stories) && len(out) < maxOthers; k++ {
		st := s.stories[(at+k)%len(s.stories)]
		if st.fault == FaultGone || st.fault == FaultNotFound {
			continue
		}
		out = append(out, otherStory{
			Title: st.story.Rounds[s.storyRoundLocked(st)].Headline,
			Href:  fmt.Sprintf("/news/%s", st.slug),
		})
	}
	return out
}
