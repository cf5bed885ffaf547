package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

func TestFeeds_conditionalGet(t *testing.T) {
	fs := serveFeeds(t, web.Access{}, web.FeedOptions{}, desk)
	const path = "/feeds/changes.atom"
	_, _, h := fs.getFeed(t, path, nil)
	etag, lastMod := h.Get("ETag"), h.Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || lastMod != changeNow.Add(-10*time.Minute).Format(http.TimeFormat) || h.Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("validators: ETag %q, Last-Modified %q, Cache-Control %q", etag, lastMod, h.Get("Cache-Control"))
	}
	before := fs.versions.Load()
	for _, tc := range []struct {
		name   string
		header map[string]string
		status int
	}{
		{"same ETag", map[string]string{"If-None-Match": etag}, http.StatusNotModified},
		{"weak, in a list", map[string]string{"If-None-Match": `"other", W/` + etag}, http.StatusNotModified},
		{"any", map[string]string{"If-None-Match": "*"}, http.StatusNotModified},
		{"same time", map[string]string{"If-Modified-Since": lastMod}, http.StatusNotModified},
		{"later time", map[string]string{"If-Modified-Since": changeNow.Format(http.TimeFormat)}, http.StatusNotModified},
		{"ETag wins over a matching time", map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": lastMod}, http.StatusOK},
		{"a second earlier", map[string]string{"If-Modified-Since": changeNow.Add(-10*time.Minute - time.Second).Format(http.TimeFormat)}, http.StatusOK},
		{"bad date", map[string]string{"If-Modified-Since": "yesterday"}, http.StatusOK},
	} {
		status, rh, body := fs.call(t, http.MethodGet, path, "", tc.header)
		if status != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, status, tc.status)
		}
		if status == http.StatusNotModified && (body != "" || rh.Get("ETag") != etag) {
			t.Errorf("%s: 304 with body %q, ETag %q", tc.name, body, rh.Get("ETag"))
		}
	}
	// Three 200s above rendered 4 entries each, two versions apiece; the
	// five 304s read no version at all.
	if got := fs.versions.Load() - before; got != 3*4*2 {
		t.Errorf("read %d versions; want 24, for the three full answers only", got)
	}

	// Each feed has its own ETag, and the same feed keeps it.
	_, _, again := fs.getFeed(t, path, nil)
	_, _, metro := fs.getFeed(t, "/feeds/tags/metro.atom", nil)
	if again.Get("ETag") != etag || metro.Get("ETag") == etag {
		t.Errorf("ETag again %q (want %q), tag feed with the same entries %q (want another)", again.Get("ETag"), etag, metro.Get("ETag"))
	}

	// A new edit, and a retagged story, make the reader's copy stale.
	v := redline.Version{StoryID: 3, FetchedAt: changeNow.Add(-time.Minute), URL: desk[2].url, HTTPStatus: 200,
		Article: article("Budget passes", "The council voted 5-4.")}
	if ok, err := fs.store.SaveVersion(&v, nil); err != nil || !ok {
		t.Fatal(ok, err)
	}
	status, h2, _ := fs.call(t, http.MethodGet, path, "", map[string]string{"If-None-Match": etag})
	if status != http.StatusOK || h2.Get("ETag") == etag || h2.Get("Last-Modified") != changeNow.Add(-time.Minute).Format(http.TimeFormat) {
		t.Errorf("after a new version: %d, ETag %q, Last-Modified %q", status, h2.Get("ETag"), h2.Get("Last-Modified"))
	}
	if _, err := fs.store.UpdateStory(3, func(st *redline.Story) error { st.Tags = []string{"metro", "budget"}; return nil }); err != nil {
		t.Fatal(err)
	}
	if status, h3, _ := fs.call(t, http.MethodGet, path, "", map[string]string{"If-None-Match": h2.Get("ETag")}); status != http.StatusOK || h3.Get("ETag") == h2.Get("ETag") {
		t.Errorf("after retagging, whose tags the entries list: %d, ETag %q", status, h3.Get("ETag"))
	}
}

// Entry IDs name the change, not the way the feed was reached: the same
// on every request, under every Host, with or without a base URL.
func TestFeeds_stableIDs(t *testing.T) {
	fs := serveFeeds(t, web.Access{}, web.FeedOptions{}, desk)
	based := serveFeeds(t, web.Access{}, web.FeedOptions{BaseURL: "https://redline.newsroom.test/"}, desk)
	port := fs.URL[strings.LastIndex(fs.URL, ":"):]
	ids := func(fs *feedServer, header map[string]string) (feedID string, entries []string, links []string) {
		f, _, _ := fs.getFeed(t, "/feeds/stories/1.atom", header)
		for _, e := range f.Entries {
			entries = append(entries, e.ID)
			links = append(links, linkOf(e.Links, "alternate"))
		}
		return f.ID, entries, links
	}
	feedID, first, links := ids(fs, nil)
	if len(first) != 3 || first[0] == first[1] || first[1] == first[2] {
		t.Fatalf("entry IDs %v: want three distinct", first)
	}
	for name, header := range map[string]map[string]string{
		"again":     nil,
		"localhost": {"Host": "localhost" + port},
	} {
		id, got, gotLinks := ids(fs, header)
		if id != feedID || strings.Join(got, " ") != strings.Join(first, " ") {
			t.Errorf("%s: feed %s entries %v; want %s %v", name, id, got, feedID, first)
		}
		if name == "localhost" && gotLinks[0] != "http://localhost"+port+"/stories/1/diff/4/5" {
			t.Errorf("links follow the request's host: %s", gotLinks[0])
		}
	}
	_, got, baseLinks := ids(based, nil)
	if strings.Join(got, " ") != strings.Join(first, " ") {
		t.Errorf("with a base URL, entries %v; want %v", got, first)
	}
	if baseLinks[0] != "https://redline.newsroom.test/stories/1/diff/4/5" || links[0] != fs.URL+"/stories/1/diff/4/5" {
		t.Errorf("links: with base %s, without %s", baseLinks[0], links[0])
	}
}

// Feeds stand behind the API's guard: tokens, Host, cross-site requests.
func TestFeeds_guard(t *testing.T) {
	fs := serveFeeds(t, web.Access{ReadToken: "read-secret", WriteToken: "write-secret"}, web.FeedOptions{}, desk)
	for _, path := range []string{"/feeds/changes.atom", "/feeds/stories/1.atom", "/feeds/tags/metro.atom"} {
		for _, tc := range []struct {
			name   string
			header map[string]string
			status int
		}{
			{"no token", nil, http.StatusUnauthorized},
			{"wrong token", map[string]string{"Authorization": "Bearer nope"}, http.StatusUnauthorized},
			{"token in the query only", nil, http.StatusUnauthorized},
			{"read token", map[string]string{"Authorization": "Bearer read-secret"}, http.StatusOK},
			{"write token", map[string]string{"Authorization": "Bearer write-secret"}, http.StatusOK},
			{"cross-site page", map[string]string{"Authorization": "Bearer read-secret", "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"rebound host", map[string]string{"Authorization": "Bearer read-secret", "Host": "attacker.test"}, http.StatusMisdirectedRequest},
		} {
			p := path
			if tc.name == "token in the query only" {
				p += "?token=read-secret"
			}
			if status, _, body := fs.call(t, http.MethodGet, p, "", tc.header); status != tc.status {
				t.Errorf("GET %s with %s = %d %.200s, want %d", p, tc.name, status, body, tc.status)
			}
		}
	}
}
