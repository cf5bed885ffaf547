package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// goTypeName matches what encoding/json puts in its errors: Go type and
// struct names, which mean nothing to an API user.
var goTypeName = regexp.MustCompile(`Go (struct|value)|\[\]string|uint64|web\.|redline\.|TrackRequest|CrawlRequest|json: `)

// TestAPI_requestBodies: oversized, glued or mistyped bodies and values
// beyond the limits are refused with messages in the API's own terms, and
// nothing is stored.
func TestAPI_requestBodies(t *testing.T) {
	api := serveAPI(t, web.Access{})
	story := api.site.StoryURL(api.siteURL, api.site.Slugs()[0])
	other := api.site.StoryURL(api.siteURL, api.site.Slugs()[1])
	// A story is tracked already, so a refused crawl that ran would show.
	if _, err := api.local.Tracker.Track(other, tracker.TrackOptions{}); err != nil {
		t.Fatal(err)
	}
	manyTags := make([]string, 60000)
	for i := range manyTags {
		manyTags[i] = fmt.Sprintf("%q", fmt.Sprint("t", i))
	}
	tests := []struct {
		name, path, body string
		status           int
		want             string // in the error message
	}{
		{"10 MB body", "/api/v1/stories", `{"url": "` + story + `", "tags": ["` + strings.Repeat("x", 10<<20) + `"]}`,
			http.StatusRequestEntityTooLarge, "over the 1024 KiB limit"},
		{"trailing garbage", "/api/v1/stories", `{"url": "` + story + `"} garbage`, http.StatusBadRequest, "more data after the JSON value"},
		{"two bodies glued", "/api/v1/crawl", `{"all": true}{"all": false}`, http.StatusBadRequest, "more data after the JSON value"},
		{"60,000 tags", "/api/v1/stories", `{"url": "` + story + `", "tags": [` + strings.Join(manyTags, ",") + `]}`,
			http.StatusBadRequest, "more than 32 tags"},
		{"33 tags in one comma list", "/api/v1/stories", `{"url": "` + story + `", "tags": ["` + commaTags(33) + `"]}`,
			http.StatusBadRequest, "more than 32 tags"},
		{"long tag", "/api/v1/stories", `{"url": "` + story + `", "tags": ["` + strings.Repeat("é", 65) + `"]}`,
			http.StatusBadRequest, "is 65 characters; the limit is 64"},
		{"tags not a list", "/api/v1/stories", `{"url": "` + story + `", "tags": "metro"}`, http.StatusBadRequest, `field "tags" must be a list of strings`},
		{"tag not a string", "/api/v1/stories", `{"url": "` + story + `", "tags": [1]}`, http.StatusBadRequest, `field "tags" must be a list of strings`},
		{"url not a string", "/api/v1/stories", `{"url": 5}`, http.StatusBadRequest, `field "url" must be a string`},
		{"body not an object", "/api/v1/stories", `["` + story + `"]`, http.StatusBadRequest, "the body must be a JSON object"},
		{"cut short", "/api/v1/stories", `{"url": "` + story, http.StatusBadRequest, "ends before the JSON value does"},
		{"negative budget", "/api/v1/crawl", `{"all": true, "budget": "-5m"}`, http.StatusBadRequest, "budget -5m0s must be between 0 (no limit) and 24h0m0s"},
		{"absurd budget", "/api/v1/crawl", `{"all": true, "budget": "9000h"}`, http.StatusBadRequest, "must be between 0"},
		{"budget not a duration", "/api/v1/crawl", `{"budget": "soon"}`, http.StatusBadRequest, `budget "soon" is not a duration`},
		{"negative story ID", "/api/v1/crawl", `{"ids": [-1]}`, http.StatusBadRequest, `field "ids" must be a list of whole numbers from 0`},
		{"all not a boolean", "/api/v1/crawl", `{"all": "yes"}`, http.StatusBadRequest, `field "all" must be true or false`},
		{"bad interval", "/api/v1/stories", `{"url": "` + story + `", "every": "often"}`, http.StatusBadRequest, `interval "often" is not a duration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := api.call(t, "POST", tt.path, tt.body, jsonBody)
			var e web.ErrorBody
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("%d, not an error body: %v: %.300s", status, err, body)
			}
			if status != tt.status || !strings.Contains(e.Error, tt.want) {
				t.Errorf("%d %.300s; want %d containing %q", status, e.Error, tt.status, tt.want)
			}
			if m := goTypeName.FindString(e.Error); m != "" {
				t.Errorf("message names Go internals (%q): %.300s", m, e.Error)
			}
		})
	}
	if got := api.stories(t); len(got) != 1 {
		t.Errorf("refused bodies tracked stories: %+v", got)
	}
	if checks, err := api.local.Store.Checks(1, 0); err != nil || len(checks) != 0 {
		t.Errorf("a refused crawl ran: %d checks, %v", len(checks), err)
	}

	// At the limits exactly, the story is tracked.
	status, _, body := api.call(t, "POST", "/api/v1/stories", `{"url": "`+story+`", "tags": ["`+commaTags(32)+`", "`+strings.Repeat("é", 64)+`"]}`, jsonBody)
	if status != http.StatusBadRequest || !strings.Contains(body, "more than 32 tags") {
		t.Errorf("32 tags plus one long one: %d %s; want 400, 33 tags", status, body)
	}
	status, _, body = api.call(t, "POST", "/api/v1/stories", `{"url": "`+story+`", "tags": ["`+commaTags(31)+`", "`+strings.Repeat("é", 64)+`"]}`+"\n", jsonBody)
	if status != http.StatusCreated {
		t.Errorf("32 tags, one of 64 characters, trailing newline: %d %s; want 201", status, body)
	}
}

// TestAPI_bodyWithoutLength: a streamed body with no Content-Length is
// cut at the limit too, not read to the end.
func TestAPI_bodyWithoutLength(t *testing.T) {
	api := serveAPI(t, web.Access{})
	big := io.MultiReader(strings.NewReader(`{"url": "`), bytes.NewReader(bytes.Repeat([]byte("x"), 10<<20)), strings.NewReader(`"}`))
	req, err := http.NewRequest("POST", api.URL+"/api/v1/stories", io.NopCloser(big))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if req.ContentLength != 0 || resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(data), `"too_large"`) {
		t.Errorf("chunked 10 MB (Content-Length %d): %d %s; want 413 too_large", req.ContentLength, resp.StatusCode, data)
	}
}

func commaTags(n int) string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = fmt.Sprint("tag", i)
	}
	return strings.Join(tags, ",")
}
