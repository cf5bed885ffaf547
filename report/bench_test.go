package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// digestChanges makes the changes of n stories for a day's digest, the
// size a developing story has: each story is the fixture story edited
// twice (a new headline and a changed figure, then two paragraphs added),
// under its own ID and URL, so the digest coalesces two changes per story.
func digestChanges(n int) []Change {
	v3, v4, v5 := callVersions()
	var cs []Change
	for i := range n {
		id := redline.StoryID(100 + i)
		a, b, c := v3, v4, v5
		b.Article.Headline = fmt.Sprintf("%s (%d)", b.Article.Headline, i)
		c.Article.Headline = b.Article.Headline
		a.StoryID, b.StoryID, c.StoryID = id, id, id
		a.Hash, b.Hash, c.Hash = a.Article.Hash(), b.Article.Hash(), c.Article.Hash()
		st := story(id, fmt.Sprintf("https://news.test/story/%d", i), "metro")
		cs = append(cs, NewChange(st, a, b), NewChange(st, b, c))
	}
	return cs
}

// BenchmarkCompose_dailyDigest composes one op's worth of a newsroom's
// morning: a daily digest of 20 changed stories (40 changes) for each of
// 1,000 subscribers (the later target for compose and send together is under
// 10 s and 100 MB).
func BenchmarkCompose_dailyDigest(b *testing.B) {
	changes := digestChanges(20)
	subs := make([]Subscriber, 1000)
	for i := range subs {
		s, err := Subscriber{
			Email:   fmt.Sprintf("reader%04d@newsroom.test", i),
			Follow:  Follow{All: true},
			Cadence: Cadence{Kind: Daily, Hour: 7, Location: berlin},
		}.Validate()
		if err != nil {
			b.Fatal(err)
		}
		subs[i] = s
	}
	o := testOptions()
	o.Now = func() time.Time { return t0 }
	b.ReportAllocs()
	var bytes int64
	for b.Loop() {
		bytes = 0
		cp, err := NewComposer(o) // one per report run, as the sender will
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range subs {
			m, err := cp.Compose(s, changes)
			if err != nil {
				b.Fatal(err)
			}
			bytes += int64(len(m.Bytes()))
		}
	}
	b.ReportMetric(float64(bytes)/float64(len(subs)), "B/mail")
}

func TestDigestChanges(t *testing.T) {
	m, err := Compose(subscriber(t, "daily 07:00", Follow{All: true}), digestChanges(20), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Subject, "20 stories updated") {
		t.Errorf("subject %q", m.Subject)
	}
}
