package ui

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-news/redline/web"
)

func get(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestStoriesPage_lists(t *testing.T) {
	e := newEnv(t, web.Access{})
	slugs := e.site.Slugs()
	st := e.track(t, slugs[0], "metro")
	resp, body := get(t, http.DefaultClient, e.srv.URL+"/stories")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /stories: %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{`href="/stories/1"`, st.Headline, `class="tag" href="/stories?tag=metro"`, `<svg class="strip"`} {
		if !strings.Contains(body, strings.ReplaceAll(want, "'", "&#39;")) {
			t.Errorf("stories page lacks %q", want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); csp != pageCSP {
		t.Errorf("CSP %q, want %q", csp, pageCSP)
	}
}
