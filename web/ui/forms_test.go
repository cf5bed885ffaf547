package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/tracker"
)

// TestAddStory: the add form tracks through the service, so a bad URL,
// bad tags or interval, and a URL already tracked each come back as a
// message naming the input, and nothing stored is touched.
func TestAddStory(t *testing.T) {
	e := newEnv(t, envOptions{})
	c := newClient(t, e.srv.URL)
	csrf := c.csrf("/stories")
	good := e.site.StoryURL(e.siteSrv.URL, e.site.Slugs()[1])
	cases := []struct {
		name string
		form url.Values
		want string
	}{
		{"tracks", url.Values{"url": {good}, "tags": {"metro, weather"}, "every": {"15m"}}, "ok: Tracking story 1"},
		{"again", url.Values{"url": {good}}, "ok: Already tracked as story 1"},
		{"empty", url.Values{"url": {"  "}}, "error: Add story: give the URL"},
		{"not a URL", url.Values{"url": {"ftp://files.example/x"}}, "error: Add story: "},
		{"javascript URL", url.Values{"url": {"javascript:alert(1)"}}, "error: Add story: "},
		{"bad interval", url.Values{"url": {good + "-2"}, "every": {"soon"}}, `&#34;soon&#34;`},
		{"long tag", url.Values{"url": {good + "-3"}, "tags": {strings.Repeat("t", 65)}}, "the limit is 64"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("csrf", csrf)
			if got := c.flash(c.post("/stories", tc.form)); !strings.Contains(got, tc.want) {
				t.Errorf("flash %q, want it to contain %q", got, tc.want)
			}
		})
	}
	all, err := e.svc.Stories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].URL != good || strings.Join(all[0].Tags, ",") != "metro,weather" || all[0].Every.String() != "15m0s" {
		t.Fatalf("stories after the forms: %+v, want only %s with tags metro, weather every 15m", all, good)
	}
}

// TestAddStory_outboundGuard: a daemon that does not allow private
// targets refuses them from the form as the API does, saying why.
func TestAddStory_outboundGuard(t *testing.T) {
	e := newEnv(t, envOptions{publicOnly: true})
	c := newClient(t, e.srv.URL)
	for _, target := range []string{"http://127.0.0.1:9/news/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]/x", "http://10.0.0.8/x"} {
		got := c.flash(c.post("/stories", url.Values{"csrf": {c.csrf("/stories")}, "url": {target}}))
		if !strings.HasPrefix(got, "error: Add story: ") || !strings.Contains(got, "not public") {
			t.Errorf("adding %s: flash %q, want a refusal that says the address is not public", target, got)
		}
	}
	if all, _ := e.svc.Stories(t.Context()); len(all) != 0 {
		t.Errorf("the form tracked forbidden targets: %+v", all)
	}
}

// TestCrawlStory: Run now checks that one story at once and says what it
// found; an unknown or malformed story ID is an error page naming it.
func TestCrawlStory(t *testing.T) {
	e := newEnv(t, envOptions{})
	st := e.track(t, e.site.Slugs()[0])
	c := newClient(t, e.srv.URL)
	csrf := c.csrf("/stories")
	if got := c.flash(c.post("/stories/1/crawl", url.Values{"csrf": {csrf}})); got != "ok: Story 1 checked: unchanged." {
		t.Errorf("run now on an unedited story: flash %q", got)
	}
	e.site.Advance()
	got := c.flash(c.post("/stories/1/crawl", url.Values{"csrf": {csrf}, "back": {"/stories?q=x"}}))
	if got != "ok: Story 1 checked: changed, version 2." {
		t.Errorf("run now after an edit: flash %q", got)
	}
	if after, _ := e.svc.Story(t.Context(), "1"); after.Versions != st.Versions+1 {
		t.Errorf("versions %d → %d, want one more", st.Versions, after.Versions)
	}
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/stories/99/crawl", http.StatusNotFound, "99"},
		{"/stories/x1/crawl", http.StatusBadRequest, `&#34;x1&#34;`},
		{"/stories/0/untrack", http.StatusBadRequest, `&#34;0&#34;`},
		{"/stories/99/untrack", http.StatusNotFound, "99"},
	} {
		r := c.post(tc.path, url.Values{"csrf": {csrf}})
		if r.status != tc.status || !strings.Contains(r.body, tc.want) {
			t.Errorf("POST %s: %d, want %d naming %s\n%s", tc.path, r.status, tc.status, tc.want, r.body)
		}
	}
	// The form's way back stays on this site.
	r := c.post("/stories/1/crawl", url.Values{"csrf": {csrf}, "back": {"https://evil.example/"}})
	if loc := r.header.Get("Location"); loc != "/stories" {
		t.Errorf("back=https://evil.example/ redirected to %q", loc)
	}
}

// TestPages_bodyKinds: pages take forms, nothing else with a body.
func TestPages_bodyKinds(t *testing.T) {
	e := newEnv(t, envOptions{})
	c := newClient(t, e.srv.URL)
	c.csrf("/stories")
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/stories", strings.NewReader("url=x"))
	req.Header.Set("Content-Type", "text/plain")
	if r := c.do(req); r.status != http.StatusUnsupportedMediaType || !strings.Contains(r.body, "application/x-www-form-urlencoded") {
		t.Errorf("text/plain body: %d\n%s", r.status, r.body)
	}
}

// TestSourcesPage: each configured feed with when it was read and what it
// found, linking the stories it tracked; a feed never read says so.
func TestSourcesPage(t *testing.T) {
	e := newEnv(t, envOptions{})
	feed := tracker.Feed{URL: e.siteSrv.URL + "/feeds/latest.xml", TrackAll: true, Tags: []string{"wire"}}
	e.svc.Feeds = []tracker.Feed{feed, {URL: e.siteSrv.URL + "/feeds/none.xml"}}
	rep, err := e.svc.Discover(t.Context())
	if err != nil || len(rep.Feeds) != 2 || len(rep.Feeds[0].Tracked) == 0 {
		t.Fatalf("discover: %+v, %v", rep, err)
	}
	e.clock.Advance(3 * time.Minute)
	r := newClient(t, e.srv.URL).get("/sources")
	if r.status != http.StatusOK {
		t.Fatalf("GET /sources: %d\n%s", r.status, r.body)
	}
	for _, want := range []string{
		feed.URL, ">3 min ago</time>", fmt.Sprintf("%d items", rep.Feeds[0].Items),
		fmt.Sprintf(`<a href="/stories/%d">story %d</a>`, rep.Feeds[0].Tracked[0], rep.Feeds[0].Tracked[0]),
		`class="badge badge-failing">failing</span>`, "tracks every item",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("sources page lacks %q", want)
		}
	}
}

// TestPages_badRequests: a form over the size cap is refused before any
// handler reads it; an unknown path is a page that names it.
func TestPages_badRequests(t *testing.T) {
	e := newEnv(t, envOptions{})
	c := newClient(t, e.srv.URL)
	r := c.post("/stories", url.Values{"csrf": {c.csrf("/stories")}, "url": {strings.Repeat("a", maxForm)}})
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, "at most 64 KiB") {
		t.Errorf("oversized form: %d\n%s", r.status, r.body)
	}
	r = c.get("/no/such/page%3Cscript%3E")
	if r.status != http.StatusNotFound || !strings.Contains(r.body, "/no/such/page&lt;script&gt;") {
		t.Errorf("unknown path: %d\n%s", r.status, r.body)
	}
	if all, _ := e.svc.Stories(t.Context()); len(all) != 0 {
		t.Errorf("a refused form tracked %d stories", len(all))
	}
}
