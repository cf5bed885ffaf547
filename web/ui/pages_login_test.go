package ui

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// TestStoryPages_login: the story, diff, evidence and changes pages of a
// crawled story need the login like every page; the read login reads
// them all, and a browser without one gets the login form, not the story.
func TestStoryPages_login(t *testing.T) {
	e := newEnv(t, envOptions{access: tokens})
	slug := e.site.Slugs()[0]
	st := e.track(t, slug)
	e.site.Advance()
	e.clock.Advance(time.Hour)
	if _, err := e.svc.Crawl(context.Background(), redline.CrawlRequest{IDs: []redline.StoryID{st.ID}}); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/", "/stories/1", "/stories/1/diff/1/2", "/stories/1/diff/1/2?view=side", "/stories/1/versions/2/evidence", "/stories/1/versions/2/evidence/raw"}
	for _, login := range []string{"", readToken, writeToken} {
		c := newClient(t, e.srv.URL)
		if login != "" {
			c.login(login)
		}
		for _, path := range paths {
			r := c.get(path)
			want := http.StatusOK
			if login == "" {
				want = http.StatusUnauthorized
			}
			if r.status != want {
				t.Errorf("GET %s (login %q): %d, want %d", path, login, r.status, want)
				continue
			}
			if login == "" && (!strings.Contains(r.body, `action="/login"`) || strings.Contains(r.body, st.Headline)) {
				t.Errorf("GET %s without login: no login form, or the story shows", path)
			}
		}
	}
}
