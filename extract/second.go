package extract

import (
	"net/url"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// secondOpinion asks go-readability where the story is when
// go-trafilatura's reading of it leaves out more of its container's prose
// than it keeps (see leavesProse): go-trafilatura sometimes returns a
// page's captions and boxes and only scraps of the paragraphs, written
// loose between <br>s. The other reading is taken only when it is wider
// (see widerReading). Few pages need it, so the extra library run is
// rare; the re-check path never runs it, as it reads the container the
// hint remembers.
func (e *Extractor) secondOpinion(doc *html.Node, u *url.URL, cut *html.Node, b *budget, loc location) (location, bool, error) {
	alt := e.readability(doc, u)
	if err := b.check("readability"); err != nil {
		return location{}, false, err
	}
	texts := make([]string, len(alt))
	for i, b := range alt {
		texts[i] = b.text
	}
	l, found := locate(doc, texts, cut)
	if !found || inComments(l.container) || l.container.DataAtom == atom.Body || !widerReading(loc, l) {
		return location{}, false, nil
	}
	return l, true, nil
}

// leavesProse reports a location whose container holds more prose that
// is left out (sentence-long blocks, mostly not links) than text that is
// kept.
func leavesProse(l location) bool {
	known, unseen, _ := l.split()
	prose := 0
	for _, b := range unseen {
		if wordCount(b.text) >= minLooseWords && b.linkLen*3 < len(b.text) {
			prose += len(b.text)
		}
	}
	return prose > textLen(known)
}

// widerReading reports whether alt keeps a fifth more text than l and
// most of what l keeps: a fuller reading of the same story, not another
// block of the page (a blogger's disclosure box beside a short post).
func widerReading(l, alt location) bool {
	known, _, _ := l.split()
	altKnown, _, _ := alt.split()
	has := make(map[string]bool, len(altKnown))
	for _, b := range altKnown {
		has[b.text] = true
	}
	shared := 0
	for _, b := range known {
		if has[b.text] {
			shared += len(b.text)
		}
	}
	kept := textLen(known)
	return textLen(altKnown)*5 > kept*6 && shared*2 >= kept
}

func textLen(bs []block) int {
	n := 0
	for _, b := range bs {
		n += len(b.text)
	}
	return n
}
