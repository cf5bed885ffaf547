package newsroom

import (
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/redline-news/redline"
)

// DevelopingMarker is the paragraph a page shows after the body while its
// story is developing. It is not one of Round.Paragraphs: it reflects
// Round.Developing.
const DevelopingMarker = "This is a developing story and will be updated."

// Story is one developing story: its content per round.
type Story struct {
	// Slug is the last path segment of the story's URL.
	Slug string
	// Section is the section name shown in breadcrumbs and feeds; empty
	// means "News".
	Section string
	Rounds  []Round
}

// Round is the editorial content of a story in one round: exactly what an
// extractor should find, without noise.
type Round struct {
	Headline string
	// Byline holds the author names without a leading "By"; empty means the
	// page shows no byline at all.
	Byline     string
	Dek        string
	Paragraphs []string
	// Notes are correction lines shown after the body.
	Notes      []string
	Developing bool
	Edit       Edit
}

// Clone returns a deep copy, so a script can derive a round from the last.
func (r Round) Clone() Round {
	r.Paragraphs = slices.Clone(r.Paragraphs)
	r.Notes = slices.Clone(r.Notes)
	return r
}

// Article is the round as the redline.Article an ideal extraction yields,
// with the publication times the site shows for it.
func (r Round) Article(published, modified time.Time) redline.Article {
	return redline.Article{
		Headline:   r.Headline,
		Byline:     r.Byline,
		Dek:        r.Dek,
		Published:  published,
		Modified:   modified,
		Paragraphs: slices.Clone(r.Paragraphs),
		Notes:      slices.Clone(r.Notes),
		Developing: r.Developing,
	}
}

// Text is every text field of the round that a page shows, in page order,
// including the developing marker; tests look for each in rendered pages.
func (r Round) Text() []string {
	t := []string{r.Headline}
	if r.Byline != "" {
		t = append(t, r.Byline)
	}
	if r.Dek != "" {
		t = append(t, r.Dek)
	}
	t = append(t, r.Paragraphs...)
	t = append(t, r.Notes...)
	if r.Developing {
		t = append(t, DevelopingMarker)
	}
	return t
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Validate reports the first problem that would make the story unservable.
func (s Story) Validate() error {
	if !slugPattern.MatchString(s.Slug) {
		return fmt.Errorf("newsroom: story slug %q: must be lowercase words joined by hyphens", s.Slug)
	}
	if len(s.Rounds) == 0 {
		return fmt.Errorf("newsroom: story %q: no rounds", s.Slug)
	}
	for i, r := range s.Rounds {
		if r.Headline == "" || len(r.Paragraphs) == 0 {
			return fmt.Errorf("newsroom: story %q round %d: headline and paragraphs are required", s.Slug, i)
		}
	}
	return nil
}

func (s Story) section() string {
	if s.Section == "" {
		return "News"
	}
	return s.Section
}

// script builds a story round by round, each round a copy of the previous
// one with one edit applied, so the data states each edit once.
type script struct{ s Story }

func newScript(slug, section string, first Round) *script {
	first.Edit = Edit{Kind: EditPublished, Description: "first published"}
	return &script{s: Story{Slug: slug, Section: section, Rounds: []Round{first}}}
}

func (b *script) then(kind EditKind, desc string, apply func(r *Round)) *script {
	r := b.s.Rounds[len(b.s.Rounds)-1].Clone()
	r.Edit = Edit{Kind: kind, Description: desc}
	if apply != nil {
		apply(&r)
	}
	b.s.Rounds = append(b.s.Rounds, r)
	return b
}

func (b *script) story() Story { return b.s }
