package ui

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-news/redline/internal/testutil"
)

// TestBrowser_storiesList: the stories page lists every tracked story with
// its headline, a version strip for each story with versions, and runs
// no script error; most recently changed first.
func TestBrowser_storiesList(t *testing.T) {
	e := sharedNewsroom(t)
	all, err := e.svc.Stories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	p := testutil.Browser(t)
	p.Navigate(e.srv.URL+"/stories", "table.stories")
	if got := p.Count("tr.story"); got != len(all) {
		t.Errorf("%d rows, want the %d tracked stories", got, len(all))
	}
	withVersions := 0
	for _, st := range all {
		if st.Versions == 0 {
			continue
		}
		withVersions++
		row := fmt.Sprintf("#story-%d", st.ID)
		if got := p.Text(row + " a.title"); got != st.Headline {
			t.Errorf("story %d reads %q, want its headline %q", st.ID, got, st.Headline)
		}
		if got := p.Count(row + " svg.strip rect"); got != st.Versions {
			t.Errorf("story %d's strip has %d ticks, want %d versions", st.ID, got, st.Versions)
		}
	}
	if withVersions < 3 {
		t.Fatalf("only %d stories have versions: the shared newsroom was not crawled", withVersions)
	}
	// A phone gets the same rows, one column.
	p.SetViewport(testutil.Phone)
	p.Navigate(e.srv.URL+"/stories", "table.stories")
	if w := testutil.Eval[int](p, "document.documentElement.scrollWidth"); w > int(testutil.Phone.Width) {
		t.Errorf("the stories page is %d px wide on a %d px phone", w, testutil.Phone.Width)
	}
	p.AssertInert()
}

// TestBrowser_storiesFilter: the filter form works without JavaScript
// help: picking a tag and typing text narrows the rows and the URL keeps
// the filter, so it can be pasted into a chat.
func TestBrowser_storiesFilter(t *testing.T) {
	e := sharedNewsroom(t)
	all, err := e.svc.Stories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	wantTag := 0
	for _, st := range all {
		for _, tag := range st.Tags {
			if tag == "politics" {
				wantTag++
			}
		}
	}
	p := testutil.Browser(t)
	p.Navigate(e.srv.URL+"/stories", "form.filters")
	testutil.Eval[bool](p, `(document.querySelector("select[name=tag]").value = "politics", true)`)
	submit(t, p, "form.filters button[type=submit]")
	if u := p.URL(); !strings.Contains(u, "tag=politics") {
		t.Fatalf("after filtering the URL is %s, want tag=politics in it", u)
	}
	if got := p.Count("tr.story"); got != wantTag || wantTag == 0 {
		t.Errorf("tag politics: %d rows, want %d", got, wantTag)
	}

	// Text narrows further, to one story's headline word.
	var target string
	for _, st := range all {
		if len(st.Tags) > 0 && st.Tags[0] == "politics" && st.Headline != "" {
			target = st.Headline
			break
		}
	}
	word := strings.Fields(target)[0]
	p.Type("input[name=q]", word)
	submit(t, p, "form.filters button[type=submit]")
	u, _ := url.Parse(p.URL())
	if u.Query().Get("q") != word || u.Query().Get("tag") != "politics" {
		t.Fatalf("after the text filter the URL is %s", u)
	}
	rows := p.Count("tr.story")
	if rows == 0 || rows > wantTag {
		t.Errorf("tag politics and text %q: %d rows, want 1 to %d", word, rows, wantTag)
	}
	if !strings.Contains(p.Text("table.stories"), target) {
		t.Errorf("the filtered list lacks %q", target)
	}
	submit(t, p, `form.filters a[href="/stories"]`) // Clear
	if got := p.Count("tr.story"); got != len(all) {
		t.Errorf("after Clear: %d rows, want %d", got, len(all))
	}
	p.AssertInert()
}

// TestBrowser_addStory: tracking a story through the form: the message
// says so after the redirect, and the story is in the list and the store.
func TestBrowser_addStory(t *testing.T) {
	e := sharedNewsroom(t)
	target := e.siteSrv.URL + "/news/browser-added-story"
	p := testutil.Browser(t)
	p.Navigate(e.srv.URL+"/stories", "#add form")
	p.Type(`#add input[name=url]`, target)
	p.Type(`#add input[name=tags]`, "browser")
	submit(t, p, `#add button[type=submit]`)
	if p.Count(".flash-ok") == 0 {
		t.Fatalf("after adding, at %s:\n%s", p.URL(), p.Text("main"))
	}
	if msg := p.Text(".flash-ok"); !strings.HasPrefix(msg, "Tracking story ") {
		t.Errorf("after adding: message %q", msg)
	}
	st, err := e.svc.Story(t.Context(), target)
	if err != nil {
		t.Fatalf("the form did not track %s: %v", target, err)
	}
	if len(st.Tags) != 1 || st.Tags[0] != "browser" {
		t.Errorf("tracked with tags %q, want [browser]", st.Tags)
	}
	if !strings.HasSuffix(p.URL(), "/stories") {
		t.Errorf("after the form the browser is at %s, want /stories", p.URL())
	}
	p.WaitVisible(fmt.Sprintf("#story-%d", st.ID))
	// Reloading the result does not send the form again.
	p.Navigate(p.URL(), "table.stories")
	if n := p.Count(".flash"); n != 0 {
		t.Errorf("the message shows again after a reload")
	}
	p.AssertInert()
}

// TestBrowser_xssInert: the story whose headline, text, URL and tags are
// payloads shows them as text; no dialog opens, no script runs, on the
// list and filtered by its payload tag.
func TestBrowser_xssInert(t *testing.T) {
	e := sharedNewsroom(t)
	p := testutil.Browser(t)
	row := fmt.Sprintf("#story-%d", shared.xss.ID)
	for _, path := range []string{"/stories", "/stories?tag=" + url.QueryEscape(xssTag) + "&q=" + url.QueryEscape("<script>")} {
		p.Navigate(e.srv.URL+path, row)
		if got := p.Text(row + " a.title"); got != shared.xss.Headline {
			t.Errorf("%s: the payload headline reads %q, want it as text %q", path, got, shared.xss.Headline)
		}
		if n := p.Count("script:not([src^='/static/'])") + p.Count("img") + p.Count("[onerror],[onload],[onmouseover]"); n != 0 {
			t.Errorf("%s: %d injected elements in the DOM", path, n)
		}
	}
	p.AssertInert()
}

// TestBrowser_storiesScreenshots shoots the stories page at desktop and
// phone width, for docs/screenshots (REDLINE_UPDATE_SCREENSHOTS=1).
func TestBrowser_storiesScreenshots(t *testing.T) {
	e := sharedNewsroom(t)
	p := testutil.Browser(t)
	for _, v := range []testutil.Viewport{testutil.Desktop, testutil.Phone} {
		p.SetViewport(v)
		p.Navigate(e.srv.URL+"/stories?tag=metro", "table.stories")
		p.SaveScreenshot("stories-" + v.Name)
	}
	p.AssertInert()
}

// submit clicks a form's button (or a link) and waits until the next
// page has loaded: the old document is marked first, so the wait cannot
// mistake it for the new one.
func submit(t *testing.T, p *testutil.Page, sel string) {
	t.Helper()
	testutil.Eval[bool](p, "(window.__redlineOld = true)")
	p.Click(sel)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		// Errors are expected while the old page goes away.
		loaded, err := chromedp.Run(p.Context(), chromedp.Evaluate[bool](`!window.__redlineOld && document.readyState === "complete"`))
		if err == nil && loaded {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("browser: no new page after clicking %s", sel)
}
