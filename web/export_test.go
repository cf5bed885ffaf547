package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/web"
)

// exportAPI serves the API over a real store, crawler and extractor, with
// the simulated newsroom as the tracked site, and returns its address.
func exportAPI(t *testing.T) (apiURL string, site *newsroom.Site, siteURL string) {
	t.Helper()
	site = newsroom.NewSite(newsroom.Options{Seed: 3})
	siteSrv := httptest.NewServer(site.Handler())
	t.Cleanup(siteSrv.Close)
	return serveService(t, newService(t, true), web.Access{}).URL, site, siteSrv.URL
}

func TestClient_Export(t *testing.T) {
	apiURL, site, base := exportAPI(t)
	c := web.NewClient(apiURL)
	ctx := context.Background()
	for _, slug := range site.Slugs()[:2] {
		if _, err := c.Track(ctx, redline.TrackRequest{URL: site.StoryURL(base, slug)}); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := c.Crawl(ctx, redline.CrawlRequest{All: true}); err != nil {
			t.Fatal(err)
		}
		site.Advance()
	}
	stories, err := c.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, st := range stories {
		total += st.Versions
	}

	var buf bytes.Buffer
	sum, err := c.Export(ctx, redline.ExportRequest{Format: redline.FormatJSONL}, &buf)
	if err != nil || sum.Stories != 2 || sum.Versions != total {
		t.Fatalf("export jsonl: %+v, %v; want 2 stories, %d versions", sum, err, total)
	}
	dec := json.NewDecoder(&buf)
	for n := 0; n < total; n++ {
		var line web.ExportLine
		if err := dec.Decode(&line); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		v, err := c.Version(ctx, line.Story, line.N)
		if err != nil || line.Hash != v.Hash || line.Headline != v.Article.Headline {
			t.Errorf("line %d: story %d version %d hash %s; show has %s (%v)", n+1, line.Story, line.N, line.Hash, v.Hash, err)
		}
	}

	buf.Reset()
	sum, err = c.Export(ctx, redline.ExportRequest{Format: redline.FormatWARC, IDs: []redline.StoryID{2}, Gzip: true}, &buf)
	if err != nil || sum.Stories != 1 || sum.Pages != stories[1].Versions {
		t.Fatalf("export warc of story 2: %+v, %v", sum, err)
	}
	recs := testutil.ReadWARC(t, buf.Bytes(), true)
	if got, want := len(recs), 1+2*stories[1].Versions; got != want {
		t.Fatalf("%d records, want %d", got, want)
	}
	raw, err := c.RawHTML(ctx, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, payload, err := recs[1].HTTPResponse(); err != nil || !bytes.Equal(payload, raw) {
		t.Errorf("first response payload differs from the stored page (%v)", err)
	}
	if !strings.Contains(string(recs[0].Block), "redline/test") {
		t.Errorf("warcinfo does not name the daemon's version:\n%s", recs[0].Block)
	}

	buf.Reset()
	if _, err := c.Export(ctx, redline.ExportRequest{Format: redline.FormatJSONL, IDs: []redline.StoryID{1, 77}}, &buf); !errors.Is(err, redline.ErrStoryNotFound) || !strings.Contains(err.Error(), "77") {
		t.Errorf("unknown story: %v; want ErrStoryNotFound naming 77", err)
	}
	if buf.Len() != 0 {
		t.Errorf("a refused export wrote %d bytes", buf.Len())
	}
}

func TestAPI_exportTrailers(t *testing.T) {
	apiURL, _, _ := exportAPI(t)
	for _, tc := range []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/export.jsonl", http.StatusOK, ""},
		{"/api/v1/export.warc?gzip=true", http.StatusOK, ""},
		{"/api/v1/export.jsonl?ids=1,x", http.StatusBadRequest, "bad_request"},
		{"/api/v1/export.warc?gzip=maybe", http.StatusBadRequest, "bad_request"},
		{"/api/v1/export.warc?ids=5", http.StatusNotFound, "story_not_found"},
	} {
		resp, err := http.Get(apiURL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: %d, want %d\n%s", tc.path, resp.StatusCode, tc.status, body)
			continue
		}
		if tc.code != "" {
			var e web.ErrorBody
			if json.Unmarshal(body, &e) != nil || e.Code != tc.code {
				t.Errorf("GET %s: body %s, want code %s", tc.path, body, tc.code)
			}
			continue
		}
		if s := resp.Trailer.Get("X-Redline-Export-Summary"); !strings.Contains(s, `"stories":0`) {
			t.Errorf("GET %s: summary trailer %q, want one for an empty database", tc.path, s)
		}
	}
}

// A stream that ends without the summary trailer (the daemon died, the
// connection broke) is reported as incomplete, never as a finished export.
func TestClient_Export_incomplete(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		io.WriteString(w, `{"story":1,"n":1}`+"\n")
	}))
	defer srv.Close()
	var buf bytes.Buffer
	_, err := web.NewClient(srv.URL).Export(context.Background(), redline.ExportRequest{Format: redline.FormatJSONL}, &buf)
	if err == nil || !strings.Contains(err.Error(), "before the server said it was complete") {
		t.Errorf("export without trailers: err %v, want it reported incomplete", err)
	}
}
