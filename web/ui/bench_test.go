package ui

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
)

// BenchmarkStoriesPage10000 is the server time of one stories page over
// 10,000 stories (five statuses, a dozen sites and tags), the first page's
// 50 stories with 12 versions each for their strips: every story is read
// to filter and sort, only the 50 shown have their histories read.
//
//	go test -run '^$' -bench StoriesPage -benchtime 20x ./web/ui/
func BenchmarkStoriesPage10000(b *testing.B) {
	const n, versions = 10000, 12
	st := testutil.MustOpenStore(b)
	statuses := []redline.Status{redline.StatusActive, redline.StatusActive, redline.StatusFailing, redline.StatusGone, redline.StatusPaused}
	var recent []redline.StoryID
	for i := range n {
		s := redline.Story{
			URL:       fmt.Sprintf("http://127.0.0.1:1/site%02d/news/story-%05d", i%12, i),
			Tags:      []string{fmt.Sprintf("desk%d", i%12), "weather"},
			Status:    statuses[i%len(statuses)],
			AddedAt:   epoch.Add(-48 * time.Hour),
			NextCheck: epoch.Add(time.Duration(i) * time.Second),
			Headline:  fmt.Sprintf("Storm surge floods harbor district %d as sea wall fails", i),
			LastError: map[bool]string{true: "crawler: fetch: HTTP 503 Service Unavailable"}[i%5 == 2],
		}
		if i >= n-storiesPerPage {
			s.AddedAt = epoch.Add(-time.Duration(versions+1) * time.Hour)
		} else {
			s.LastChanged = epoch.Add(-time.Duration(n-i) * time.Minute).Add(-24 * time.Hour)
		}
		if err := st.AddStory(&s); err != nil {
			b.Fatal(err)
		}
		if i >= n-storiesPerPage {
			recent = append(recent, s.ID)
		}
	}
	body := make([]string, 40)
	for i := range body {
		body[i] = strings.Repeat(fmt.Sprintf("Paragraph %d of the storm story, with words enough to diff. ", i), 3)
	}
	for _, id := range recent {
		for v := range versions {
			body[v%len(body)] += " Update."
			art := redline.Article{Headline: fmt.Sprintf("Storm surge update %d", v), Paragraphs: append([]string(nil), body...), Developing: true}
			if _, err := st.SaveVersion(&redline.Version{StoryID: id, FetchedAt: epoch.Add(-time.Duration(versions-v) * time.Hour), Article: art}, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	h, err := New(Options{Service: &tracker.Service{Store: st}, Location: time.UTC, Now: func() time.Time { return epoch }})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Register(mux)
	for _, bc := range []struct {
		name, query string
		cold        bool // forget the version strips before each request
	}{
		{"first-page-cold", "/stories", true},
		{"first-page", "/stories", false},
		{"filtered", "/stories?tag=desk3&status=active&q=harbor", false},
		{"last-page", "/stories?page=200", false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080"+bc.query, nil)
			req = req.WithContext(withLocalAddr(req.Context()))
			rows := 0
			b.ReportAllocs()
			cpu0 := cpuTime(b)
			for b.Loop() {
				if bc.cold {
					h.strips = stripCache{}
				}
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d: %s", bc.query, w.Code, w.Body)
				}
				rows = strings.Count(w.Body.String(), `<tr id="story-`)
			}
			if rows == 0 {
				b.Fatalf("GET %s drew no rows", bc.query)
			}
			b.ReportMetric(float64(rows), "rows")
			// CPU time per request, beside the wall time: on a shared
			// machine the wall time also counts waiting for a core.
			b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// withLocalAddr gives a recorded request the local address a real
// connection has, which the guard compares the Host with.
func withLocalAddr(ctx context.Context) context.Context {
	return context.WithValue(ctx, http.LocalAddrContextKey, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
}

// cpuTime is the CPU the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
