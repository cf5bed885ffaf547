package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// digestChanges makes n story changes of the size a developing story
// has: the fixture story with a new headline, an edited paragraph and two
// added ones, under a different ID and URL each.
func digestChanges(n int) []Change {
	v3, _, v5 := callVersions()
	var cs []Change
	for i := range n {
		id := redline.StoryID(100 + i)
		from, to := v3, v5
		to.Article.Headline = fmt.Sprintf("%s (%d)", to.Article.Headline, i)
		from.StoryID, to.StoryID = id, id
		cs = append(cs, NewChange(story(id, fmt.Sprintf("https://news.test/story/%d", i), "metro"), from, to))
	}
	return cs
}

// BenchmarkCompose_dailyDigest composes one op's worth of a newsroom's
// morning: a daily digest of 20 story changes for each of 1,000
// subscribers (the later target for compose and send together is under
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
