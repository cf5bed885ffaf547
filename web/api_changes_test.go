package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/diff"
	"github.com/redline-news/redline/web"
)

// deskAPI serves the API over a store holding the desk fixtures, placed
// before the real clock, since the API's windows count back from now.
func deskAPI(t *testing.T, acc web.Access) *testAPI {
	t.Helper()
	api := serveAPI(t, acc)
	fillStore(t, api.local.Store, time.Now(), desk)
	return api
}

func TestAPI_diff(t *testing.T) {
	api := deskAPI(t, web.Access{})
	st := api.local.Store
	want := func(from, to int) string {
		t.Helper()
		older, err := st.Version(1, from)
		if err != nil {
			t.Fatal(err)
		}
		newer, err := st.Version(1, to)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := diff.WriteJSON(&b, diff.Compare(older.Article, newer.Article)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tc := range []struct {
		path, body, location string
	}{
		{"/api/v1/stories/1/diff/2/3", want(2, 3), "/api/v1/stories/1/diff/2/3"},
		{"/api/v1/stories/1/diff/prev/latest", want(4, 5), "/api/v1/stories/1/diff/4/5"},
		{"/api/v1/stories/1/diff/2/latest", want(2, 5), "/api/v1/stories/1/diff/2/5"},
		{"/api/v1/stories/1/diff/prev/3", want(2, 3), "/api/v1/stories/1/diff/2/3"},
		{"/api/v1/stories/1/diff/5/1", want(5, 1), "/api/v1/stories/1/diff/5/1"},
	} {
		status, h, body := api.call(t, http.MethodGet, tc.path, "", nil)
		if status != http.StatusOK || body != tc.body {
			t.Errorf("GET %s = %d %.300s\nwant the JSON of redline diff --format json: %.300s", tc.path, status, body, tc.body)
		}
		if got := h.Get("Content-Location"); got != tc.location || h.Get("Content-Type") != "application/json" {
			t.Errorf("GET %s: Content-Location %q, Content-Type %q; want %q, application/json", tc.path, got, h.Get("Content-Type"), tc.location)
		}
	}

	// From 0 is before the first version: all of it added, headline and
	// body, 2 + 7 words.
	status, _, body := api.call(t, http.MethodGet, "/api/v1/stories/1/diff/0/1", "", nil)
	var first struct {
		Added   int `json:"added"`
		Removed int `json:"removed"`
	}
	if err := json.Unmarshal([]byte(body), &first); status != http.StatusOK || err != nil || first.Added != 9 || first.Removed != 0 {
		t.Errorf("diff 0→1 = %d %+v %v; want version 1's 9 words all added", status, first, err)
	}
}

func TestAPI_diffBadInput(t *testing.T) {
	api := deskAPI(t, web.Access{})
	for _, tc := range []struct {
		path   string
		status int
		code   string
		want   string
	}{
		{"/api/v1/stories/abc/diff/1/2", 400, "bad_request", `story id "abc"`},
		{"/api/v1/stories/1/diff/x/2", 400, "bad_request", `from version "x"`},
		{"/api/v1/stories/1/diff/-1/2", 400, "bad_request", `from version "-1"`},
		{"/api/v1/stories/1/diff/1/0", 400, "bad_request", `to version "0"`},
		{"/api/v1/stories/1/diff/latest/2", 400, "bad_request", `from version "latest"`},
		{"/api/v1/stories/1/diff/1/prev", 400, "bad_request", `to version "prev"`},
		{"/api/v1/stories/1/diff/1/9", 404, "version_not_found", "version 9"},
		{"/api/v1/stories/1/diff/9/2", 404, "version_not_found", "version 9"},
		{"/api/v1/stories/99/diff/1/2", 404, "story_not_found", "99"},
		{"/api/v1/stories/99/diff/prev/latest", 404, "story_not_found", "99"},
	} {
		status, _, body := api.call(t, http.MethodGet, tc.path, "", nil)
		var e web.ErrorBody
		if err := json.Unmarshal([]byte(body), &e); err != nil || status != tc.status || e.Code != tc.code || !strings.Contains(e.Error, tc.want) {
			t.Errorf("GET %s = %d %.300s; want %d %s naming %s", tc.path, status, body, tc.status, tc.code, tc.want)
		}
	}
}

func TestAPI_changes(t *testing.T) {
	api := deskAPI(t, web.Access{})
	get := func(query string) web.ChangeList {
		t.Helper()
		status, _, body := api.call(t, http.MethodGet, "/api/v1/changes"+query, "", nil)
		var out web.ChangeList
		if err := json.Unmarshal([]byte(body), &out); status != http.StatusOK || err != nil {
			t.Fatalf("GET /api/v1/changes%s = %d %v: %.300s", query, status, err, body)
		}
		return out
	}
	keys := func(l web.ChangeList) string {
		var ks []string
		for _, c := range l.Changes {
			ks = append(ks, c.DiffPath)
		}
		return strings.Join(ks, " ")
	}
	six := get("?hours=6")
	if got, want := keys(six), "/stories/1/diff/4/5 /stories/1/diff/2/3 /stories/1/diff/1/2"; got != want {
		t.Fatalf("last 6 hours = %s, want %s", got, want)
	}
	if six.Hours != 6 || time.Since(six.Since) < 6*time.Hour || time.Since(six.Since) > 6*time.Hour+time.Minute {
		t.Errorf("window = %v hours since %v", six.Hours, six.Since)
	}
	h := six.Changes[1]
	if !h.HeadlineChanged || h.OldHeadline != "Fire downtown" || h.Headline != "Fire downtown kills one" || h.Story.ID != 1 || h.Story.URL != desk[0].url || h.Added != 2 {
		t.Errorf("headline change = %+v", h)
	}
	if c := six.Changes[0]; c.HeadlineChanged || c.OldHeadline != "" || c.Summary != "+1 −1 words; 1 paragraph changed" {
		t.Errorf("latest change = %+v; old_headline only when it differs", c)
	}
	for query, want := range map[string]string{
		"":                              "/stories/1/diff/4/5 /stories/1/diff/2/3 /stories/1/diff/1/2",
		"?hours=48":                     "/stories/1/diff/4/5 /stories/1/diff/2/3 /stories/1/diff/1/2 /stories/3/diff/1/2",
		"?hours=48&tag=politics":        "/stories/3/diff/1/2",
		"?hours=48&site=citypaper.test": "/stories/1/diff/4/5 /stories/1/diff/2/3 /stories/1/diff/1/2",
		"?hours=48&story=3":             "/stories/3/diff/1/2",
		"?hours=48&limit=1":             "/stories/1/diff/4/5",
		"?hours=0.5":                    "/stories/1/diff/4/5",
		"?hours=6&tag=nosuchtag":        "",
	} {
		if got := keys(get(query)); got != want {
			t.Errorf("GET /api/v1/changes%s = %q, want %q", query, got, want)
		}
	}
	if l := get("?hours=1&tag=nosuchtag"); l.Changes == nil {
		t.Error("no changes is null, want []")
	}
}

func TestAPI_changesBadInput(t *testing.T) {
	api := deskAPI(t, web.Access{})
	for _, tc := range []struct {
		query  string
		status int
		code   string
		want   string
	}{
		{"?hours=0", 400, "bad_request", `hours "0"`},
		{"?hours=-3", 400, "bad_request", `hours "-3"`},
		{"?hours=abc", 400, "bad_request", `hours "abc"`},
		{"?hours=NaN", 400, "bad_request", `hours "NaN"`},
		{"?hours=Inf", 400, "bad_request", `hours "Inf"`},
		{"?hours=100000", 400, "bad_request", `hours "100000"`},
		{"?limit=0", 400, "bad_request", `limit "0"`},
		{"?limit=5000", 400, "bad_request", `limit "5000"`},
		{"?story=x", 400, "bad_request", `story "x"`},
		{"?story=99", 404, "story_not_found", "99"},
	} {
		status, _, body := api.call(t, http.MethodGet, "/api/v1/changes"+tc.query, "", nil)
		var e web.ErrorBody
		if err := json.Unmarshal([]byte(body), &e); err != nil || status != tc.status || e.Code != tc.code || !strings.Contains(e.Error, tc.want) {
			t.Errorf("GET /api/v1/changes%s = %d %.300s; want %d %s naming %s", tc.query, status, body, tc.status, tc.code, tc.want)
		}
	}
}

// The new routes stand behind the same guard as the rest of the API.
func TestAPI_changesAndDiffNeedTokens(t *testing.T) {
	api := deskAPI(t, web.Access{ReadToken: "read-secret", WriteToken: "write-secret"})
	for _, path := range []string{"/api/v1/changes?hours=6", "/api/v1/stories/1/diff/prev/latest"} {
		for _, tc := range []struct {
			name   string
			header map[string]string
			status int
		}{
			{"no token", nil, http.StatusUnauthorized},
			{"wrong token", map[string]string{"Authorization": "Bearer nope"}, http.StatusUnauthorized},
			{"read token", map[string]string{"Authorization": "Bearer read-secret"}, http.StatusOK},
			{"write token", map[string]string{"Authorization": "Bearer write-secret"}, http.StatusOK},
			{"cross-site page", map[string]string{"Authorization": "Bearer read-secret", "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"rebound host", map[string]string{"Authorization": "Bearer read-secret", "Host": "attacker.test"}, http.StatusMisdirectedRequest},
		} {
			if status, _, body := api.call(t, http.MethodGet, path, "", tc.header); status != tc.status {
				t.Errorf("GET %s with %s = %d %.200s, want %d", path, tc.name, status, body, tc.status)
			}
		}
	}
}
