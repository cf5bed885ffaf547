package report

import (
	"bytes"
	"fmt"
	"net/mail"
	"strings"
	"sync"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
)

// Composer composes many mails with the same Options, rendering each
// story's section once per time zone instead of once per subscriber: a
// digest of 20 stories for 1,000 readers renders 20 sections, not 20,000.
// It is safe for concurrent use; its output is exactly Compose's, as long
// as a version's Hash identifies its article, as the store's do.
type Composer struct {
	o mailOptions

	mu       sync.Mutex
	sections map[sectionKey]section
	diffs    map[diffKey]diff.Diff
}

// diffKey names the two versions of a merged change.
type diffKey struct {
	story            redline.StoryID
	from, to         int
	fromHash, toHash string
}

// sectionKey names everything a section's rendering depends on.
type sectionKey struct {
	story              redline.StoryID
	from, to           int
	fromHash, toHash   string
	headline, url, loc string
	headlinesOnly      bool
}

// maxSections bounds the cache of a long-lived Composer; past it the cache
// starts over, which costs only re-rendering.
const maxSections = 4096

// NewComposer checks the options once for all the mails it composes.
func NewComposer(o Options) (*Composer, error) {
	mo, err := o.check()
	if err != nil {
		return nil, err
	}
	return &Composer{o: mo, sections: make(map[sectionKey]section), diffs: make(map[diffKey]diff.Diff)}, nil
}

// Compose is the package-level Compose with the Composer's options.
func (cp *Composer) Compose(sub Subscriber, changes []Change) (Message, error) {
	mo := cp.o
	to, err := mail.ParseAddress(sub.Email)
	if err != nil {
		return Message{}, fmt.Errorf("report: subscriber email %q: %w", sub.Email, err)
	}
	if len(changes) == 0 {
		return Message{}, fmt.Errorf("report: compose for %s: no changes", to.Address)
	}
	for _, c := range changes {
		if err := c.validate(); err != nil {
			return Message{}, err
		}
	}
	cs := mailOrder(coalesce(changes, cp.compare))
	if sub.Location == nil {
		sub.Location = mo.Location
	}
	if sub.Cadence.Location == nil {
		sub.Cadence.Location = sub.Location
	}
	now := mo.Now()
	id := messageID(to.Address, cs, domainOf(mo.from.Address))
	m := Message{ID: id, To: to.Address, Subject: subject(sub.Cadence, cs, now), Date: now}
	v := mailView{
		Subject:     m.Subject,
		Title:       mailTitle(sub, len(cs), now),
		Why:         why(sub),
		UnsubURL:    mo.UnsubscribeURL,
		UnsubMailto: mo.UnsubscribeMailto,
	}
	for _, c := range cs {
		m.Stories = append(m.Stories, c.Story)
		sec, err := cp.section(c, sub)
		if err != nil {
			return Message{}, fmt.Errorf("report: compose for %s: %w", to.Address, err)
		}
		v.Sections = append(v.Sections, sec)
	}
	m.Header = headers(m, cs, mo)

	var hb strings.Builder
	for _, f := range m.Header {
		writeHeader(&hb, f)
	}
	hb.WriteString("\r\n")
	size := hb.Len() + 8<<10
	for _, sec := range v.Sections {
		size += len(sec.Text) + len(sec.HTML)
	}
	var body bytes.Buffer
	body.Grow(size)
	body.WriteString(hb.String())
	if err := writeBody(&body, boundaryOf(id), v); err != nil {
		return Message{}, fmt.Errorf("report: compose for %s: %w", to.Address, err)
	}
	m.raw = body.Bytes()
	return m, nil
}

// compare diffs the two ends of a burst once per Composer rather than
// once per reader: a diff costs about a millisecond, a reader a fraction.
func (cp *Composer) compare(from, to redline.Version) diff.Diff {
	k := diffKey{story: to.StoryID, from: from.N, to: to.N, fromHash: hashOf(from), toHash: hashOf(to)}
	cp.mu.Lock()
	d, ok := cp.diffs[k]
	cp.mu.Unlock()
	if ok {
		return d
	}
	d = diff.Compare(from.Article, to.Article)
	cp.mu.Lock()
	if len(cp.diffs) >= maxSections {
		clear(cp.diffs)
	}
	cp.diffs[k] = d
	cp.mu.Unlock()
	return d
}

// hashOf identifies a version's article for the caches: the stored hash,
// or, for a version built by hand without one, the article's own.
func hashOf(v redline.Version) string {
	if v.Hash != "" {
		return v.Hash
	}
	return v.Article.Hash()
}

func (cp *Composer) section(c Change, sub Subscriber) (section, error) {
	k := sectionKey{
		story: c.Story, from: c.From.N, to: c.To.N, fromHash: hashOf(c.From), toHash: hashOf(c.To),
		headline: c.Headline, url: c.URL, loc: sub.Location.String(), headlinesOnly: sub.HeadlinesOnly,
	}
	cp.mu.Lock()
	sec, ok := cp.sections[k]
	cp.mu.Unlock()
	if ok {
		return sec, nil
	}
	sec, err := renderSection(newStoryView(c, sub.Location, cp.o.base), sub.HeadlinesOnly)
	if err != nil {
		return section{}, err
	}
	cp.mu.Lock()
	if len(cp.sections) >= maxSections {
		clear(cp.sections)
	}
	cp.sections[k] = sec
	cp.mu.Unlock()
	return sec, nil
}
