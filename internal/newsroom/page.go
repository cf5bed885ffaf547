package newsroom

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// pageData is what every template reads. Utility pages leave the article
// fields empty.
type pageData struct {
	Site      string
	Charset   string
	URL       string // absolute canonical URL of the page
	Slug      string
	Section   string
	Marker    string
	R         Round
	Published time.Time
	Modified  time.Time
	Updated   bool // Modified differs from Published
	N         *noise
	Body      []block
	Parts     []part
	// Others and MetaLayout are the furniture of the issue-12 templates
	// (see decorate).
	Others     []otherStory
	MetaLayout int

	LD           any
	Breadcrumbs  any
	AMPAnalytics any

	Items   []sectionItem
	Title   string
	Message string
}

// part is one container of a body split around ad breaks.
type part struct {
	Blocks []block
	Ad     *adSlot // the break after this part, if any
}

// storyView is a consistent snapshot of one story, taken under the lock so
// rendering can run without it.
type storyView struct {
	story     Story
	slug      string
	round     int
	content   int // the last round ≤ round that changed content
	fault     Fault
	template  string // a template name, TemplateRotate or empty (rotate)
	published time.Time
	modified  time.Time
	others    []otherStory // the site's other stories, for related links
}

func (v storyView) current() Round { return v.story.Rounds[v.round] }

func (s *Site) articlePage(r *http.Request, v storyView, rng *rand.Rand) *pageData {
	cur := v.current()
	d := &pageData{
		Site:      s.opts.Name,
		Charset:   "utf-8",
		URL:       baseURL(r) + r.URL.Path,
		Slug:      v.slug,
		Section:   v.story.section(),
		Marker:    DevelopingMarker,
		R:         cur,
		Published: v.published,
		Modified:  v.modified,
		Updated:   !v.modified.Equal(v.published),
		N:         newNoise(rng, v.modified),
	}
	d.Body = interleave(rng, cur.Paragraphs, s.opts.Name)
	d.Parts = splitAtAds(d.Body)
	d.LD = articleLD(d)
	d.Breadcrumbs = map[string]any{
		"@context": "https://schema.org",
		"@type":    "BreadcrumbList",
		"itemListElement": []map[string]any{
			{"@type": "ListItem", "position": 1, "name": "Home", "item": baseURL(r) + "/"},
			{"@type": "ListItem", "position": 2, "name": d.Section, "item": baseURL(r) + "/news/"},
		},
	}
	d.AMPAnalytics = map[string]any{
		"vars":     map[string]any{"account": "UA-2291-7", "pageviewId": d.N.PageviewID},
		"triggers": map[string]any{"trackPageview": map[string]any{"on": "visible", "request": "pageview"}},
	}
	return d
}

func (s *Site) utilityPage(r *http.Request, rng *rand.Rand) *pageData {
	return &pageData{
		Site:    s.opts.Name,
		Charset: "utf-8",
		URL:     baseURL(r) + r.URL.Path,
		N:       newNoise(rng, time.Time{}),
	}
}

// articleLD is the schema.org markup of the article: a NewsArticle, or a
// LiveBlogPosting for the live blog template.
func articleLD(d *pageData) map[string]any {
	var authors []map[string]any
	for _, name := range splitAuthors(d.R.Byline) {
		authors = append(authors, map[string]any{"@type": "Person", "name": name})
	}
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         d.R.Headline,
		"description":      d.R.Dek,
		"datePublished":    d.Published.Format(time.RFC3339),
		"dateModified":     d.N.LDModified.Format(time.RFC3339),
		"mainEntityOfPage": d.URL,
		"articleSection":   d.Section,
		"publisher":        map[string]any{"@type": "NewsMediaOrganization", "name": d.Site},
	}
	if len(authors) > 0 {
		ld["author"] = authors
	}
	ld["articleBody"] = strings.Join(d.R.Paragraphs, "\n\n")
	return ld
}

func liveBlogLD(d *pageData) map[string]any {
	ld := articleLD(d)
	ld["@type"] = "LiveBlogPosting"
	ld["coverageStartTime"] = d.Published.Format(time.RFC3339)
	if !d.R.Developing {
		ld["coverageEndTime"] = d.Modified.Format(time.RFC3339)
	}
	var updates []map[string]any
	for _, p := range d.R.Paragraphs {
		updates = append(updates, map[string]any{
			"@type":         "BlogPosting",
			"articleBody":   p,
			"datePublished": d.Modified.Format(time.RFC3339),
		})
	}
	ld["liveBlogUpdate"] = updates
	delete(ld, "articleBody")
	return ld
}

// splitAtAds cuts the body into containers at its ad blocks, as CMSs that
// render the body in chunks around ad breaks do.
func splitAtAds(body []block) []part {
	parts := []part{{}}
	for _, b := range body {
		if b.Kind == "ad" {
			ad := b.Ad
			parts[len(parts)-1].Ad = &ad
			parts = append(parts, part{})
			continue
		}
		parts[len(parts)-1].Blocks = append(parts[len(parts)-1].Blocks, b)
	}
	if len(parts[len(parts)-1].Blocks) == 0 && len(parts) > 1 {
		parts = parts[:len(parts)-1]
		parts[len(parts)-1].Ad = nil
	}
	return parts
}

func baseURL(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}
