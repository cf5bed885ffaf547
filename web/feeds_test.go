package web_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// feedServer is the feeds and the API on 127.0.0.1 over a real store.
type feedServer struct {
	*testAPI
	store    *store.Store
	versions *atomic.Int64 // versions read by the service, i.e. diffs made
}

// versionCounter is the real service, counting the versions read.
type versionCounter struct {
	redline.Service
	n *atomic.Int64
}

func (v versionCounter) Version(ctx context.Context, id redline.StoryID, n int) (redline.Version, error) {
	v.n.Add(1)
	return v.Service.Version(ctx, id, n)
}

func serveFeeds(t *testing.T, acc web.Access, o web.FeedOptions, fixtures []changeFixture) *feedServer {
	t.Helper()
	st := testutil.MustOpenStore(t)
	fillStore(t, st, changeNow, fixtures)
	counter := versionCounter{Service: &tracker.Service{Store: st}, n: new(atomic.Int64)}
	feeds, err := web.NewFeeds(counter, o)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	web.NewAPI(counter, web.Health{Version: "test", DB: st.Path(), Role: "daemon"}, nil).Restrict(acc).Register(mux)
	feeds.Restrict(acc).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &feedServer{testAPI: &testAPI{URL: srv.URL}, store: st, versions: counter.n}
}

// strictFeed is what a strict XML reader finds in the document, decoded
// apart from gofeed so the two parsers must agree.
type strictFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// getFeed fetches a feed and parses it twice: with gofeed's Atom parser,
// and with encoding/xml in strict mode over every token, failing the test
// on anything either refuses or on a missing required element.
func (fs *feedServer) getFeed(t *testing.T, path string, header map[string]string) (*atom.Feed, strictFeed, http.Header) {
	t.Helper()
	status, h, body := fs.call(t, http.MethodGet, path, "", header)
	if status != http.StatusOK || h.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("GET %s = %d %s: %.300s", path, status, h.Get("Content-Type"), body)
	}
	parsed, err := (&atom.Parser{}).Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("gofeed refuses %s: %v\n%s", path, err, body)
	}
	dec := xml.NewDecoder(strings.NewReader(body))
	dec.Strict = true
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("strict XML refuses %s: %v", path, err)
		}
	}
	var sf strictFeed
	if err := xml.Unmarshal([]byte(body), &sf); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	// RFC 4287 4.1.1: a feed has id, title, updated and an author (here
	// on the feed, covering every entry); 4.1.2: entries id, title, updated.
	if sf.ID == "" || sf.Title == "" || sf.Author == "" || parsed.UpdatedParsed == nil {
		t.Errorf("%s lacks a required feed element: %+v", path, sf)
	}
	for i, e := range parsed.Entries {
		if e.ID == "" || e.Title == "" || e.UpdatedParsed == nil || e.Content == nil || e.Content.Type != "html" {
			t.Errorf("%s entry %d lacks a required element: %+v", path, i, e)
		}
	}
	return parsed, sf, h
}

func linkOf(links []*atom.Link, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func TestFeeds_allChanges(t *testing.T) {
	fs := serveFeeds(t, web.Access{}, web.FeedOptions{}, desk)
	f, _, _ := fs.getFeed(t, "/feeds/changes.atom", nil)
	var got []string
	for _, e := range f.Entries {
		got = append(got, linkOf(e.Links, "alternate"))
	}
	want := []string{
		fs.URL + "/stories/1/diff/4/5", fs.URL + "/stories/1/diff/2/3",
		fs.URL + "/stories/1/diff/1/2", fs.URL + "/stories/3/diff/1/2",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("entries link to %v, want %v", got, want)
	}
	if linkOf(f.Links, "self") != fs.URL+"/feeds/changes.atom" || linkOf(f.Links, "alternate") != fs.URL+"/" {
		t.Errorf("feed links = self %s, alternate %s", linkOf(f.Links, "self"), linkOf(f.Links, "alternate"))
	}
	if !f.UpdatedParsed.Equal(changeNow.Add(-10 * time.Minute)) {
		t.Errorf("feed updated %v, want the newest change's time", f.UpdatedParsed)
	}
	e := f.Entries[1]
	if e.Title != "Fire downtown kills one — headline changed; +2 −0 words" || e.Summary != "headline changed; +2 −0 words" {
		t.Errorf("headline change entry: title %q, summary %q", e.Title, e.Summary)
	}
	if !e.UpdatedParsed.Equal(changeNow.Add(-time.Hour)) || !strings.HasPrefix(e.ID, "urn:uuid:") || len(e.ID) != len("urn:uuid:")+36 {
		t.Errorf("entry updated %v, id %q", e.UpdatedParsed, e.ID)
	}
	if len(e.Categories) != 1 || e.Categories[0].Term != "metro" || linkOf(e.Links, "related") != desk[0].url {
		t.Errorf("entry categories %+v, related %q", e.Categories, linkOf(e.Links, "related"))
	}
	// The diff, with inline styles for readers that drop style sheets and
	// the marks' decoration as well as their colour.
	c := e.Content.Value
	for _, want := range []string{`<ins class="rl-ins" style="`, "text-decoration:underline", "> kills one</ins>", "Read the redline", "version 2 → 3"} {
		if !strings.Contains(c, want) {
			t.Errorf("content lacks %q:\n%s", want, c)
		}
	}
	if d := f.Entries[0].Content.Value; !strings.Contains(d, `<del class="rl-del" style="`) || !strings.Contains(d, ">Two</del>") || !strings.Contains(d, ">Three</ins>") {
		t.Errorf("edit after the re-read lacks its marks:\n%s", d)
	}
}

func TestFeeds_storyAndTag(t *testing.T) {
	fs := serveFeeds(t, web.Access{}, web.FeedOptions{}, desk)
	for _, tc := range []struct {
		path, self, title string
		entries           int
	}{
		{"/feeds/stories/1.atom", "/feeds/stories/1.atom", "redline: Fire downtown kills one", 3},
		{"/feeds/stories/3.atom", "/feeds/stories/3.atom", "redline: Budget passes", 1},
		{"/feeds/stories/2.atom", "/feeds/stories/2.atom", "redline: Vote tonight", 0},
		{"/feeds/tags/politics.atom", "/feeds/tags/politics.atom", "redline: changes tagged politics", 1},
		{"/feeds/tags/Metro.atom", "/feeds/tags/metro.atom", "redline: changes tagged metro", 4},
		{"/feeds/tags/nobody-uses.atom", "/feeds/tags/nobody-uses.atom", "redline: changes tagged nobody-uses", 0},
	} {
		f, _, _ := fs.getFeed(t, tc.path, nil)
		if len(f.Entries) != tc.entries || f.Title != tc.title || linkOf(f.Links, "self") != fs.URL+tc.self {
			t.Errorf("GET %s: %d entries, title %q, self %s; want %d, %q, %s", tc.path, len(f.Entries), f.Title, linkOf(f.Links, "self"), tc.entries, tc.title, tc.self)
		}
	}
	// A story without changes is updated when it was added.
	f, _, h := fs.getFeed(t, "/feeds/stories/2.atom", nil)
	if added := changeNow.Add(-72 * time.Hour); !f.UpdatedParsed.Equal(added) || h.Get("Last-Modified") != added.Format(http.TimeFormat) {
		t.Errorf("empty story feed updated %v, Last-Modified %q; want %v", f.UpdatedParsed, h.Get("Last-Modified"), added)
	}
}

func TestFeeds_badInput(t *testing.T) {
	fs := serveFeeds(t, web.Access{}, web.FeedOptions{}, desk)
	for _, tc := range []struct {
		method, path string
		status       int
		code, want   string
	}{
		{"GET", "/feeds/stories/99.atom", 404, "story_not_found", "99"},
		{"GET", "/feeds/stories/abc.atom", 400, "bad_request", `"abc.atom"`},
		{"GET", "/feeds/stories/0.atom", 400, "bad_request", `"0.atom"`},
		{"GET", "/feeds/stories/1.rss", 404, "not_found", "/feeds/stories/1.rss"},
		{"GET", "/feeds/tags/.atom", 400, "bad_request", `".atom"`},
		{"GET", "/feeds/tags/a%2Cb.atom", 400, "bad_request", `"a,b.atom"`},
		{"GET", "/feeds/tags/" + strings.Repeat("x", 65) + ".atom", 400, "bad_request", "at most 64"},
		{"GET", "/feeds/tags/metro", 404, "not_found", "end in .atom"},
		{"GET", "/feeds/tags/" + strings.Repeat("é", 64) + ".atom", 200, "", ""},
	} {
		status, _, body := fs.call(t, tc.method, tc.path, "", nil)
		if tc.status == http.StatusOK {
			if status != tc.status {
				t.Errorf("%s %s = %d %.300s; want 200", tc.method, tc.path, status, body)
			}
			continue
		}
		var e web.ErrorBody
		if err := json.Unmarshal([]byte(body), &e); err != nil || status != tc.status || e.Code != tc.code || !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s %s = %d %.300s; want %d %s naming %s", tc.method, tc.path, status, body, tc.status, tc.code, tc.want)
		}
	}
	if status, _, _ := fs.call(t, http.MethodPost, "/feeds/changes.atom", "{}", jsonBody); status != http.StatusMethodNotAllowed {
		t.Errorf("POST a feed = %d, want 405", status)
	}
	if _, err := web.NewFeeds(nil, web.FeedOptions{BaseURL: "javascript:alert(1)"}); err == nil || !strings.Contains(err.Error(), "javascript:alert(1)") {
		t.Errorf("bad base URL: %v, want an error naming it", err)
	}
}
