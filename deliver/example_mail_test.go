package deliver_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/report"
)

func TestMain(m *testing.M) { os.Exit(testutil.RunBrowserTests(m)) }

// TestExampleMail renders the README's example: one mail through the
// outbox and a real SMTP server, kept as docs/report-mail.eml, and its
// HTML part as Chromium shows it, docs/screenshots/report-mail.png. With
// REDLINE_UPDATE_SCREENSHOTS=1 both are written into docs/; otherwise into
// a temporary directory, so the same code runs in every test run.
func TestExampleMail(t *testing.T) {
	f := newFixture(t)
	id := f.story("https://news.example.com/metro/harbour-bridge", "metro")
	f.save(id, article("Harbour Bridge closed after routine inspection",
		"The Harbour Bridge was closed on Tuesday after a routine inspection found cracks in two supports.",
		"Traffic is being diverted through the Old Town tunnel, and buses will run every ten minutes.",
		"The mayor's office said the bridge would reopen within a few days.",
		"The bridge, opened in 1932, carries about 160,000 vehicles a day."), t0.Add(-time.Hour), false)
	e := f.engine(deliver.Options{Subscribers: []report.Subscriber{sub(t, "standards@example.org", "immediate 0s", time.UTC, all)}})
	mustEnqueue(t, e, t0)
	f.save(id, article("Harbour Bridge closed indefinitely as inspectors find cracks in four supports",
		"The Harbour Bridge was closed on Tuesday night after an inspection found cracks in four supports.",
		"Traffic is being diverted through the Old Town tunnel, and buses will run every ten minutes.",
		"Engineers will assess the supports on Wednesday; the city has not said when the bridge will reopen.",
		"The bridge, opened in 1932, carries about 160,000 vehicles a day.",
		"Ferries will run through the night until further notice, the transport department said."), t0.Add(20*time.Minute), false)
	now := t0.Add(25 * time.Minute)
	mustEnqueue(t, e, now)
	if r := mustSend(t, e, now); r.Sent != 1 {
		t.Fatalf("send = %+v", r)
	}
	got := mailsTo(f.smtp, "standards@example.org")
	if len(got) != 1 {
		t.Fatalf("got %d mails", len(got))
	}
	_, ps := parts(t, got[0].Data)
	html := ps["text/html"]
	if html == "" || ps["text/plain"] == "" {
		t.Fatalf("mail parts %v, want text/plain and text/html", keys(ps))
	}
	for _, want := range []string{"line-through", "underline", "/stories/1/diff/1/2"} {
		if !strings.Contains(html, want) {
			t.Errorf("html part lacks %q", want)
		}
	}

	shots := testutil.ScreenshotDir(t)
	docs := shots
	if os.Getenv(testutil.UpdateScreenshotsEnv) == "1" {
		docs = filepath.Dir(shots)
	}
	if err := os.WriteFile(filepath.Join(docs, "report-mail.eml"), got[0].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(html))
	}))
	defer srv.Close()
	p := testutil.Browser(t)
	p.SetViewport(testutil.Viewport{Name: "mail", Width: 720, Height: 900, Scale: 1})
	p.Navigate(srv.URL, "table")
	if png := p.SaveScreenshot("report-mail"); png == "" {
		t.Fatal("no screenshot")
	}
}
