package extract

import (
	"slices"
	"strings"

	"github.com/redline-news/redline"
)

// lead is what clean knows about the article before reading its body: the
// headline, which the body often repeats, and the metadata description,
// which the body often prints as its dek.
type lead struct {
	headline, description string
	// listing turns off the lead rules and the rules that drop links and
	// capitals: a listing's items are exactly that.
	listing bool
}

func leadOf(headline string, md metadata) lead {
	return lead{headline: headline, description: md.Dek}
}

// cleaned is the body after the noise rules.
type cleaned struct {
	paras, notes []string
	dropped      []Dropped
	developing   bool
	// dek and byline were printed in the lead of the body, above the first
	// paragraph; they are moved out of it into their own fields.
	dek, byline string
	// wordCount is words() once counted, plus one; 0 before.
	wordCount int
}

// words counts the words of paras, once: the hint path's shape test and
// finish both need it, and it reads the whole body.
func (c *cleaned) words() int {
	if c.wordCount == 0 {
		c.wordCount = redline.Article{Paragraphs: c.paras}.Words() + 1
	}
	return c.wordCount - 1
}

// maxDekWords bounds a dek: a standfirst is a sentence or two, not a
// paragraph of the story.
const maxDekWords = 80

// clean applies the noise rules to the blocks in order: developing-marker
// sentences are always kept, then site Drop patterns, config Ignore
// patterns and the built-in rules may drop a block; surviving correction
// lines become notes.
//
// The lead of the body (what comes before the first paragraph of the
// story) gets three more rules. The headline repeated as the first block is
// dropped: it is already Article.Headline. A dek, known by its class name
// or by being the metadata description in an element of its own, becomes
// Article.Dek. A "By ..." line, alone or with a dateline, is dropped and
// gives Article.Byline; and when such a byline or dateline follows exactly
// one block, that block is the dek, the standfirst printed between
// headline and byline.
func (e *Extractor) clean(blocks []block, rule *compiledRule, l lead) *cleaned {
	c := &cleaned{}
	kept := 0        // blocks kept so far as paragraphs or notes
	label := ""      // a note's label waiting for its sentence
	teasers := false // after a "Related posts" label (see isTeaser)
	var low []byte   // each block's text lowered, reusing one buffer
	for i, b := range blocks {
		// The rules read the folded text, so a curly apostrophe in
		// "Editor’s note" matches like a straight one; the article keeps
		// the text as published.
		published := b.text
		b.text = redline.Fold(b.text)
		b = b.readied(low, len(e.markers) > 0)
		if b.low.b != nil {
			low = b.low.b
		}
		if teasers && isTeaser(b) {
			c.drop(published, "related-teaser")
			continue
		}
		teasers = false
		if e.developingIn(b.text, b.low, b.marked) {
			c.developing = true
		}
		if l.listing {
			if reason := e.dropReason(b, false, rule); reason != "" && !listingKeeps(reason) {
				c.drop(published, reason)
			} else {
				c.paras = append(c.paras, published)
			}
			continue
		}
		if kept == 0 && c.dek == "" && l.headline != "" && strings.EqualFold(b.text, redline.Fold(l.headline)) {
			c.drop(published, "repeats-headline")
			continue
		}
		if kept == 0 && c.dek == "" && isLeadDek(b, blocks[i+1:], redline.Fold(l.description)) {
			c.dek = published
			c.drop(published, "dek")
			continue
		}
		if kept <= 2 {
			if name, ok := bylineLine(b.text); ok {
				c.drop(published, "byline")
				c.byline = firstNonEmpty(c.byline, name)
				c.takeDek(&kept)
				continue
			}
		}
		reason := e.dropReason(b, kept == 0, rule)
		teasers = reason == "promo-read-more" && wordCount(b.text) <= 5
		if reason == "" && e.isKnownBlock(b, l.headline) {
			reason = "other-story-headline"
		}
		if reason != "" {
			c.drop(published, reason)
			if reason == "relative-timestamp" && isDateline(b.text) {
				c.takeDek(&kept)
			}
			continue
		}
		if isNoteLabel(b.text) {
			// "Correction:" set apart from its sentence (a heading, a
			// bold line): the note is the label and the sentence after it.
			label = published
			continue
		}
		kept++
		if label != "" {
			c.notes = append(c.notes, label+" "+published)
			label = ""
			continue
		}
		if isNote(b.text) {
			c.notes = append(c.notes, published)
			continue
		}
		c.paras = append(c.paras, published)
	}
	if label != "" {
		c.notes = append(c.notes, label)
	}
	if c.dek != "" && len(c.paras) == 0 {
		// What looked like a dek is all the text there is: a short entry
		// whose one paragraph sits above its byline, or a summary-classed
		// post. It is the body, not a dek of nothing.
		c.paras, c.dek = []string{c.dek}, ""
		c.dropped = slices.DeleteFunc(c.dropped, func(d Dropped) bool { return d.Rule == "dek" })
	}
	return c
}

func (c *cleaned) drop(text, rule string) {
	c.dropped = append(c.dropped, Dropped{Text: text, Rule: rule})
}

// takeDek is called at a byline or dateline. When exactly one paragraph
// was kept before it, that paragraph sat between the headline and the
// byline: it is the dek, not the story's first paragraph.
func (c *cleaned) takeDek(kept *int) {
	if *kept != 1 || len(c.paras) != 1 || c.dek != "" {
		return
	}
	if n := wordCount(c.paras[0]); n < 4 || n > maxDekWords || isDevelopingSentence(c.paras[0]) {
		return
	}
	c.dek = c.paras[0]
	c.dropped = append(c.dropped, Dropped{Text: c.dek, Rule: "dek"})
	c.paras = c.paras[:0]
	*kept = 0
}

// dekWords, as whole words of a class name, mark the element of a dek.
var dekWords = map[string]bool{
	"dek": true, "deck": true, "standfirst": true, "summary": true, "subhead": true,
	"subheadline": true, "subheading": true, "subtitle": true, "description": true,
	"strapline": true, "sapo": true, "chapo": true,
}

// isLeadDek reports whether b, a block before the first paragraph, is the
// dek: its element (or the element around it) has a dek class name, or
// its text is the metadata description and no later block shares its
// signature, so it is not the lede of a run of like paragraphs.
func isLeadDek(b block, rest []block, description string) bool {
	if b.listItem || wordCount(b.text) > maxDekWords {
		return false
	}
	if dekSig(b.sig) {
		return true
	}
	if description == "" || !strings.EqualFold(b.text, description) {
		return false
	}
	for _, r := range rest {
		if r.sig == b.sig {
			return false
		}
	}
	return true
}

// dekSig looks for a dek class name on the block's own element, the last
// step of its signature. Wrappers are not asked: some CMSs put the whole
// body in a "description" pane.
func dekSig(sig string) bool {
	_, classes, ok := strings.Cut(sig[strings.LastIndexByte(sig, '>')+1:], ".")
	if !ok {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(classes), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if dekWords[w] {
			return true
		}
	}
	return false
}

// isTeaser reports a block under a "Related posts" or "Most read" label
// that is a teaser: a linked headline, often with a line of summary after
// it. The run of teasers ends at the first block without such a link, so
// a label standing alone in the story costs at most the links after it.
func isTeaser(b block) bool {
	return b.linkLen > 0 && b.linkLen*5 >= len(b.text) && !b.developingSentence() && !isNote(b.text)
}
