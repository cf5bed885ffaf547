package web_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// changeNow is the fixtures' "now"; every version is placed relative to it.
var changeNow = time.Date(2026, time.December, 1, 8, 0, 0, 0, time.UTC)

// countingService is the real service, counting the calls that read a
// story's history, so a test can see which stories were opened at all.
type countingService struct {
	redline.Service
	logs atomic.Int64
}

func (c *countingService) Log(ctx context.Context, id redline.StoryID, withChecks bool) (redline.StoryLog, error) {
	c.logs.Add(1)
	return c.Service.Log(ctx, id, withChecks)
}

// changeFixture is a story to add and the versions to save into it.
type changeFixture struct {
	url      string
	tags     []string
	versions []fixtureVersion
}

type fixtureVersion struct {
	ago    time.Duration
	art    redline.Article
	reread bool
}

func article(headline string, paras ...string) redline.Article {
	return redline.Article{Headline: headline, Paragraphs: paras}
}

// fillStore adds the fixtures to a real store, versions placed before
// now by their ago, in order, so story IDs are
// 1, 2, 3… as listed.
func fillStore(t testing.TB, st *store.Store, now time.Time, fixtures []changeFixture) {
	t.Helper()
	for _, f := range fixtures {
		s := redline.Story{URL: f.url, Tags: f.tags, AddedAt: now.Add(-72 * time.Hour)}
		if err := st.AddStory(&s); err != nil {
			t.Fatal(err)
		}
		for _, fv := range f.versions {
			v := redline.Version{StoryID: s.ID, FetchedAt: now.Add(-fv.ago), URL: f.url, HTTPStatus: 200, Article: fv.art, Reread: fv.reread}
			if ok, err := st.SaveVersion(&v, nil); err != nil || !ok {
				t.Fatalf("save version of %s: stored %v, %v", f.url, ok, err)
			}
		}
	}
}

// desk is three stories: one edited four times in the last six hours
// (with a re-read among the edits), one read once, one quiet for a day.
var desk = []changeFixture{
	{url: "http://www.CityPaper.test/fire", tags: []string{"metro"}, versions: []fixtureVersion{
		{ago: 10 * time.Hour, art: article("Fire downtown", "A fire broke out on Main Street.")},
		{ago: 5 * time.Hour, art: article("Fire downtown", "A fire broke out on Main Street.", "Two people were hurt.")},
		{ago: time.Hour, art: article("Fire downtown kills one", "A fire broke out on Main Street.", "Two people were hurt.")},
		{ago: 30 * time.Minute, reread: true, art: article("Fire downtown kills one", "A fire broke out on Main Street.", "Two people were hurt.", "Read more")},
		{ago: 10 * time.Minute, art: article("Fire downtown kills one", "A fire broke out on Main Street.", "Three people were hurt.", "Read more")},
	}},
	{url: "http://news.test/vote", tags: []string{"politics"}, versions: []fixtureVersion{
		{ago: 3 * time.Hour, art: article("Vote tonight", "Polls close at eight.")},
	}},
	{url: "http://news.test/budget", tags: []string{"metro", "politics"}, versions: []fixtureVersion{
		{ago: 48 * time.Hour, art: article("Budget passes", "The council voted 7-2.")},
		{ago: 24 * time.Hour, art: article("Budget passes", "The council voted 6-3.")},
	}},
}

func deskService(t testing.TB) *countingService {
	t.Helper()
	st := testutil.MustOpenStore(t)
	fillStore(t, st, changeNow, desk)
	return &countingService{Service: &tracker.Service{Store: st}}
}

// changeKeys writes items as "story:from→to" for comparison.
func changeKeys(items []web.ChangeItem) string {
	var keys []string
	for _, it := range items {
		keys = append(keys, fmt.Sprintf("%d:%d→%d", it.Story.ID, it.From, it.To))
	}
	return strings.Join(keys, " ")
}

func TestRecentChanges_newestFirstWithoutRereadsOrFirstReadings(t *testing.T) {
	svc := deskService(t)
	items, err := web.RecentChanges(context.Background(), svc, changeNow.Add(-6*time.Hour), web.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// 3→4 is the re-read: no edit, so no change; 4→5 is diffed against it.
	if got, want := changeKeys(items), "1:4→5 1:2→3 1:1→2"; got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
	if got := svc.logs.Load(); got != 1 {
		t.Errorf("read the history of %d stories; only story 1 changed since, the others are quiet by LastChanged", got)
	}
	latest, headline, body := items[0], items[1], items[2]
	if !latest.At.Equal(changeNow.Add(-10*time.Minute)) || latest.Headline != "Fire downtown kills one" {
		t.Errorf("latest change = %+v", latest)
	}
	if latest.Summary != "+1 −1 words; 1 paragraph changed" || latest.HeadlineChanged() {
		t.Errorf("edit after the re-read: summary %q, headline changed %v; want only the publisher's word", latest.Summary, latest.HeadlineChanged())
	}
	if !headline.HeadlineChanged() || headline.OldHeadline != "Fire downtown" || !strings.HasPrefix(headline.Summary, "headline changed") {
		t.Errorf("headline change = old %q, summary %q", headline.OldHeadline, headline.Summary)
	}
	if body.Summary != "+4 −0 words; 1 paragraph added" || body.Story.URL != desk[0].url {
		t.Errorf("body change = %q on %s", body.Summary, body.Story.URL)
	}
}

func TestRecentChanges_filters(t *testing.T) {
	svc := deskService(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		since time.Time
		f     web.ChangeFilter
		want  string
	}{
		{"all time", time.Time{}, web.ChangeFilter{}, "1:4→5 1:2→3 1:1→2 3:1→2"},
		{"tag", time.Time{}, web.ChangeFilter{Tag: " Politics "}, "3:1→2"},
		{"tag of a quiet story", changeNow.Add(-6 * time.Hour), web.ChangeFilter{Tag: "politics"}, ""},
		{"site without www", time.Time{}, web.ChangeFilter{Site: "citypaper.test"}, "1:4→5 1:2→3 1:1→2"},
		{"site as typed with www", time.Time{}, web.ChangeFilter{Site: "WWW.citypaper.test"}, "1:4→5 1:2→3 1:1→2"},
		{"other site", time.Time{}, web.ChangeFilter{Site: "news.test"}, "3:1→2"},
		{"one story", time.Time{}, web.ChangeFilter{Story: 3}, "3:1→2"},
		{"story read once", time.Time{}, web.ChangeFilter{Story: 2}, ""},
		{"limit keeps the newest", time.Time{}, web.ChangeFilter{Limit: 2}, "1:4→5 1:2→3"},
		{"since is inclusive", changeNow.Add(-time.Hour), web.ChangeFilter{}, "1:4→5 1:2→3"},
		{"nothing since", changeNow.Add(-time.Minute), web.ChangeFilter{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, err := web.RecentChanges(ctx, svc, tc.since, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := changeKeys(items); got != tc.want {
				t.Errorf("changes = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRecentChanges_unknownStory(t *testing.T) {
	svc := deskService(t)
	_, err := web.RecentChanges(context.Background(), svc, time.Time{}, web.ChangeFilter{Story: 99})
	if !errors.Is(err, redline.ErrStoryNotFound) || !strings.Contains(err.Error(), "99") {
		t.Fatalf("err = %v, want ErrStoryNotFound naming story 99", err)
	}
}

func TestRecentChanges_canceled(t *testing.T) {
	svc := deskService(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := web.RecentChanges(ctx, svc, time.Time{}, web.ChangeFilter{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// With a Limit, a story that last changed before the oldest of the newest
// Limit changes is never opened: the feeds ask for the newest 50 of all
// time without reading every history.
func TestRecentChanges_limitStopsReading(t *testing.T) {
	svc := deskService(t)
	items, err := web.RecentChanges(context.Background(), svc, time.Time{}, web.ChangeFilter{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changeKeys(items), "1:4→5 1:2→3 1:1→2"; got != want {
		t.Fatalf("changes = %s, want %s", got, want)
	}
	if got := svc.logs.Load(); got != 1 {
		t.Errorf("read %d histories; story 3 last changed a day before the third newest change and need not be read", got)
	}
	svc.logs.Store(0)
	if items, err = web.RecentChanges(context.Background(), svc, time.Time{}, web.ChangeFilter{Limit: 4}); err != nil || len(items) != 4 || svc.logs.Load() != 2 {
		t.Errorf("limit 4: %d changes, %d histories read, %v; want 4 from 2 stories", len(items), svc.logs.Load(), err)
	}
}
