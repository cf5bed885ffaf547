package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// BenchmarkChanges10000 is the changes query and the feeds over 10,000
// stories of which 20 were edited twice in the last hours; the store is
// filled once for all three:
//
//   - RecentChanges: the Changes page's query of the last 6 hours; the
//     quiet stories must cost only their place in the story list.
//
//   - FeedNotModified: a feed reader's poll of the all-changes feed with
//     the ETag it already has, the price of "nothing new" paid every
//     minute by every reader.
//
//   - Feed: the full all-changes feed, 40 entries diffed and rendered.
//
//     go test -run '^$' -bench Changes10000 -benchtime 20x ./web/
func BenchmarkChanges10000(b *testing.B) {
	const n, moved = 10000, 20
	st := testutil.MustOpenStore(b)
	fixtures := make([]changeFixture, n)
	for i := range fixtures {
		f := changeFixture{url: fmt.Sprintf("http://127.0.0.1:1/news/story-%05d", i), tags: []string{"metro"}}
		f.versions = []fixtureVersion{{ago: 30 * time.Hour, art: article("Storm floods harbor", "The sea wall failed at dawn.")}}
		if i%(n/moved) == 0 {
			f.versions = append(f.versions,
				fixtureVersion{ago: 2 * time.Hour, art: article("Storm floods harbor", "The sea wall failed at dawn.", "Hundreds were evacuated.")},
				fixtureVersion{ago: time.Hour, art: article("Storm floods harbor district", "The sea wall failed at dawn.", "Thousands were evacuated.")})
		}
		fixtures[i] = f
	}
	fillStore(b, st, changeNow, fixtures)
	svc := &tracker.Service{Store: st}

	b.Run("RecentChanges", func(b *testing.B) {
		ctx := context.Background()
		since := changeNow.Add(-6 * time.Hour)
		b.ReportAllocs()
		for b.Loop() {
			items, err := web.RecentChanges(ctx, svc, since, web.ChangeFilter{Limit: 100})
			if err != nil {
				b.Fatal(err)
			}
			if len(items) != 2*moved {
				b.Fatalf("%d changes, want %d", len(items), 2*moved)
			}
		}
	})

	feeds, err := web.NewFeeds(svc, web.FeedOptions{})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	feeds.Restrict(web.Access{Hosts: []string{"127.0.0.1:8080"}}).Register(mux)
	get := func(etag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/feeds/changes.atom", nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		return w
	}
	first := get("")
	if entries := strings.Count(first.Body.String(), "<entry>"); first.Code != http.StatusOK || entries != 2*moved {
		b.Fatalf("feed: %d with %d entries: %.300s", first.Code, entries, first.Body)
	}
	for _, bc := range []struct {
		name, etag string
		status     int
	}{
		{"FeedNotModified", first.Header().Get("ETag"), http.StatusNotModified},
		{"Feed", "", http.StatusOK},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if w := get(bc.etag); w.Code != bc.status {
					b.Fatalf("poll: %d, want %d", w.Code, bc.status)
				}
			}
		})
	}
}
