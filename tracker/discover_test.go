package tracker_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
)

// trackedURLs lists the URLs of every stored story, sorted.
func (e *env) trackedURLs(t *testing.T) []string {
	t.Helper()
	all, err := e.store.Stories()
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, st := range all {
		urls = append(urls, st.URL)
	}
	slices.Sort(urls)
	return urls
}

// storyURLs are the canonical URLs of the site's stories, sorted; only
// those still developing when developing is set.
func (e *env) storyURLs(developing bool) []string {
	var urls []string
	for _, slug := range e.site.Slugs() {
		if !developing || e.site.Expected(slug).Developing {
			urls = append(urls, e.storyURL(slug))
		}
	}
	slices.Sort(urls)
	return urls
}

func (e *env) discover(t *testing.T, f tracker.Feed) redline.FeedResult {
	t.Helper()
	rep := e.tracker.Discover(context.Background(), []tracker.Feed{f})
	if rep.Failed != 0 || len(rep.Feeds) != 1 {
		t.Fatalf("discover %s: %+v", f.URL, rep)
	}
	return rep.Feeds[0]
}

// TestTracker_Discover reads each kind of discovery document the site
// serves. Without TrackAll only developing stories are tracked; TrackAll
// tracks the rest; a repeated pass tracks nothing new; and every story is
// tracked under its canonical URL, although the section page decorates
// some links with tracking parameters.
func TestTracker_Discover(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		path string
		// marked is whether the document says which stories are
		// developing; a news sitemap and the section page's link text do
		// not, so for them the test only asserts nothing else is picked.
		marked bool
		links  *regexp.Regexp
	}{
		{"rss", "/feeds/latest.xml", true, nil},
		{"atom", "/feeds/atom.xml", true, nil},
		{"json feed", "/feeds/feed.json", true, nil},
		{"news sitemap", "/sitemap-news.xml", false, nil},
		{"section page", "/news/", false, regexp.MustCompile(`/news/[a-z0-9-]+(\?.*)?$`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{})
			feed := tracker.Feed{URL: e.srv.URL + tc.path, Links: tc.links}

			fr := e.discover(t, feed)
			if fr.Items != len(e.site.Slugs()) {
				t.Errorf("%d items read, want %d", fr.Items, len(e.site.Slugs()))
			}
			got, developing := e.trackedURLs(t), e.storyURLs(true)
			if tc.marked && !slices.Equal(got, developing) {
				t.Errorf("tracked %q, want the developing stories %q", got, developing)
			}
			for _, u := range got {
				if !slices.Contains(developing, u) {
					t.Errorf("tracked %s, which is not developing", u)
				}
			}
			if again := e.discover(t, feed); len(again.Tracked) != 0 {
				t.Errorf("second pass tracked %v again", again.Tracked)
			}

			feed.TrackAll = true
			e.discover(t, feed)
			if got, want := e.trackedURLs(t), e.storyURLs(false); !slices.Equal(got, want) {
				t.Errorf("with TrackAll tracked %q, want every story %q", got, want)
			}
			if again := e.discover(t, feed); len(again.Tracked) != 0 {
				t.Errorf("second TrackAll pass tracked %v again", again.Tracked)
			}
			if st, err := e.store.FeedState(feed.URL); err != nil || st.LastRead.IsZero() {
				t.Errorf("feed state %+v, %v; want it recorded", st, err)
			}
		})
	}
}

// TestTracker_Discover_SameStoryTwice: a story tracked through a shared
// link with campaign parameters is the story the feed lists.
func TestTracker_Discover_SameStoryTwice(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	shared := e.track(t, e.storyURL(stormSlug)+"?utm_source=newsletter&utm_medium=email&fbclid=abc123")
	if shared.URL != e.storyURL(stormSlug) {
		t.Errorf("tracked as %s, want the canonical %s", shared.URL, e.storyURL(stormSlug))
	}
	fr := e.discover(t, tracker.Feed{URL: e.srv.URL + "/feeds/latest.xml", TrackAll: true})
	if slices.Contains(fr.Tracked, shared.ID) || len(fr.Tracked) != len(e.site.Slugs())-1 {
		t.Errorf("feed tracked %v; want every story but the shared one (%d)", fr.Tracked, shared.ID)
	}
	if got, want := e.trackedURLs(t), e.storyURLs(false); !slices.Equal(got, want) {
		t.Errorf("stories %q, want each once: %q", got, want)
	}
}

// TestTracker_Discover_Conditional: a feed's validators are kept and sent
// back, so an unchanged feed costs a 304 and tracks nothing.
func TestTracker_Discover_Conditional(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	const etag = `"feed-v1"`
	var conditional atomic.Int32
	story := e.storyURL(stormSlug)
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>` + story +
			`</link><item><title>Developing: storm surge floods harbor</title><link>` + story + `</link></item></channel></rss>`))
	}))
	t.Cleanup(feed.Close)
	f := tracker.Feed{URL: feed.URL + "/feed.xml"}

	first := e.discover(t, f)
	if len(first.Tracked) != 1 || first.NotModified {
		t.Fatalf("first read: %+v; want one story tracked", first)
	}
	if st, err := e.store.FeedState(f.URL); err != nil || st.ETag != etag {
		t.Errorf("feed state %+v, %v; want ETag %s", st, err, etag)
	}
	second := e.discover(t, f)
	if !second.NotModified || len(second.Tracked) != 0 || conditional.Load() != 1 {
		t.Errorf("second read: %+v, %d conditional requests; want one 304 and nothing tracked", second, conditional.Load())
	}
	if st, err := e.store.StoryByURL(story); err != nil || st.ID != first.Tracked[0] {
		t.Errorf("story by URL: %+v, %v", st, err)
	}
}

// TestTracker_Discover_Keywords: a feed's own keywords decide which items
// look developing, instead of the built-in phrases.
func TestTracker_Discover_Keywords(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	library := e.site.Stories()[3] // finished: no built-in marker matches it
	word := strings.Fields(library.Rounds[0].Headline)[1]
	fr := e.discover(t, tracker.Feed{URL: e.srv.URL + "/feeds/latest.xml", Keywords: []string{word}})
	if fr.Error != "" {
		t.Fatal(fr.Error)
	}
	got := e.trackedURLs(t)
	if !slices.Contains(got, e.storyURL(library.Slug)) {
		t.Errorf("tracked %q; want %s, whose headline has the keyword %q", got, e.storyURL(library.Slug), word)
	}
	for _, u := range got {
		if u == e.storyURL(library.Slug) {
			continue
		}
		for _, st := range e.site.Stories() {
			if e.storyURL(st.Slug) == u && !strings.Contains(strings.ToLower(st.Rounds[len(st.Rounds)-1].Headline), strings.ToLower(word)) {
				t.Errorf("tracked %s without the keyword %q", u, word)
			}
		}
	}
}

// TestTracker_Discover_Probe: items whose feed text shows nothing are
// looked into, once each, and tracked when the page itself says the story
// is developing.
func TestTracker_Discover_Probe(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	feed := tracker.Feed{
		URL:      e.srv.URL + "/feeds/latest.xml",
		Keywords: []string{"no feed item says this"}, // so only the pages can tell
		Probe:    10,
	}
	e.discover(t, feed)
	if got, want := e.trackedURLs(t), e.storyURLs(true); !slices.Equal(got, want) {
		t.Errorf("tracked %q, want the stories whose pages say developing %q", got, want)
	}
	hits := map[string]int{}
	for _, slug := range e.site.Slugs() {
		hits[slug] = e.site.Hits("/news/" + slug)
		if hits[slug] != 1 {
			t.Errorf("%s fetched %d times by the first pass, want 1", slug, hits[slug])
		}
	}
	e.discover(t, feed)
	for _, slug := range e.site.Slugs() {
		if got := e.site.Hits("/news/" + slug); got != hits[slug] {
			t.Errorf("%s fetched again by the second pass (%d → %d hits)", slug, hits[slug], got)
		}
	}
	if st, err := e.store.FeedState(feed.URL); err != nil || st.ETag == "" && st.LastModified == "" && st.LastRead.IsZero() {
		t.Errorf("feed state lost its validators after probing: %+v, %v", st, err)
	}

	quiet := newEnv(t, envOptions{})
	quiet.discover(t, tracker.Feed{URL: quiet.srv.URL + "/feeds/latest.xml", Keywords: feed.Keywords})
	if got := quiet.trackedURLs(t); len(got) != 0 {
		t.Errorf("without Probe tracked %q, want nothing", got)
	}
}
