package newsroom

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestSite_SetFault(t *testing.T) {
	const oversize = 1 << 20
	slug := "storm-surge-floods-harbor-district"
	tests := []struct {
		fault  Fault
		status int
		check  func(t *testing.T, resp *http.Response, body []byte, want Round)
	}{
		{FaultServerError, http.StatusInternalServerError, nil},
		{FaultGone, http.StatusGone, nil},
		{FaultNotFound, http.StatusNotFound, nil},
		{FaultUnavailable, http.StatusServiceUnavailable, func(t *testing.T, resp *http.Response, _ []byte, _ Round) {
			if got := resp.Header.Get("Retry-After"); got != "120" {
				t.Errorf("Retry-After = %q, want 120", got)
			}
		}},
		{FaultWindows1252, http.StatusOK, func(t *testing.T, resp *http.Response, body []byte, want Round) {
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=windows-1252" {
				t.Errorf("Content-Type = %q", ct)
			}
			if !bytes.Contains(body, []byte(`charset="windows-1252"`)) && !bytes.Contains(body, []byte("charset=windows-1252")) {
				t.Error("no windows-1252 meta charset")
			}
			if bytes.Contains(body, []byte("’")) {
				t.Error("body still holds UTF-8 curly quotes")
			}
			utf8, err := charmap.Windows1252.NewDecoder().Bytes(body)
			if err != nil {
				t.Fatalf("decode windows-1252: %v", err)
			}
			text := parsePage(t, utf8).text
			for _, s := range want.Text() {
				if !strings.Contains(text, s) {
					t.Errorf("decoded page lacks %q", s)
				}
			}
		}},
		{FaultPaywall, http.StatusOK, func(t *testing.T, _ *http.Response, body []byte, want Round) {
			text := parsePage(t, body).text
			if !strings.Contains(text, want.Paragraphs[0]) || strings.Contains(text, want.Paragraphs[1]) {
				t.Error("paywall page should show the first paragraph only")
			}
			if !strings.Contains(text, "Subscribe to keep reading") {
				t.Error("no subscription prompt")
			}
		}},
		{FaultConsentWall, http.StatusOK, func(t *testing.T, _ *http.Response, body []byte, want Round) {
			text := parsePage(t, body).text
			for _, p := range want.Paragraphs {
				if strings.Contains(text, p) {
					t.Errorf("consent wall shows article text %q", p)
				}
			}
		}},
		{FaultOversized, http.StatusOK, func(t *testing.T, resp *http.Response, body []byte, want Round) {
			if len(body) < oversize {
				t.Errorf("body %d bytes, want at least %d", len(body), oversize)
			}
			if resp.ContentLength != int64(len(body)) {
				t.Errorf("Content-Length %d, body %d", resp.ContentLength, len(body))
			}
			if !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")) {
				t.Error("padding broke the end of the document")
			}
			text := parsePage(t, body).text
			for _, p := range want.Paragraphs {
				if !strings.Contains(text, p) {
					t.Errorf("oversized page lacks %q", p)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.fault), func(t *testing.T) {
			site, srv := startSite(t, Options{Seed: 2, OversizeBytes: oversize})
			site.SetRound(4)
			if err := site.SetFault(slug, tt.fault); err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/news/" + slug, "/t/divsoup/" + slug} {
				resp, body := fetch(t, srv, path, nil)
				if resp.StatusCode != tt.status {
					t.Fatalf("%s: status %d, want %d", path, resp.StatusCode, tt.status)
				}
				if tt.check != nil {
					tt.check(t, resp, body, site.Expected(slug))
				}
			}
			if err := site.SetFault(slug, FaultNone); err != nil {
				t.Fatal(err)
			}
			if resp, _ := fetch(t, srv, "/news/"+slug, nil); resp.StatusCode != http.StatusOK {
				t.Errorf("after FaultNone: status %d", resp.StatusCode)
			}
		})
	}
}

func TestSite_SetFault_Errors(t *testing.T) {
	site := NewSite(Options{})
	if err := site.SetFault("no-such-story", FaultGone); !errors.Is(err, ErrUnknownStory) {
		t.Errorf("unknown slug: err = %v, want ErrUnknownStory", err)
	}
	if err := site.SetFault(site.Slugs()[0], Fault("on_fire")); err == nil {
		t.Error("unknown fault accepted")
	}
}

func TestSite_SetFault_Delists(t *testing.T) {
	site, srv := startSite(t, Options{})
	slug := site.Slugs()[1]
	for _, f := range []Fault{FaultGone, FaultNotFound} {
		if err := site.SetFault(slug, f); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/news/", "/feeds/latest.xml", "/sitemap-news.xml"} {
			if _, body := fetch(t, srv, path, nil); bytes.Contains(body, []byte(slug)) {
				t.Errorf("%s: %s still lists %s", f, path, slug)
			}
		}
	}
}

func TestSite_Rename(t *testing.T) {
	site, srv := startSite(t, Options{})
	old, renamed := "harwick-street-bridge-closed", "harwick-street-bridge-closed-six-weeks"
	if err := site.Rename(old, renamed); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path     string
		status   int
		location string
	}{
		{"/news/" + old, http.StatusMovedPermanently, "/news/" + renamed},
		{"/news/" + old + "?utm_source=rss", http.StatusMovedPermanently, "/news/" + renamed + "?utm_source=rss"},
		{"/t/brbr/" + old, http.StatusMovedPermanently, "/t/brbr/" + renamed},
		{"/news/" + renamed, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, _ := fetch(t, srv, tt.path, nil)
			if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
				t.Errorf("status %d Location %q, want %d %q", resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
			}
		})
	}
	if site.Expected(old).Headline == "" || site.Expected(old).Headline != site.Expected(renamed).Headline {
		t.Error("Expected does not follow the rename")
	}
	if _, body := fetch(t, srv, "/feeds/latest.xml", nil); !bytes.Contains(body, []byte("/news/"+renamed+"<")) {
		t.Error("feed does not list the new slug")
	}
	if err := site.Rename(renamed, "council-budget-vote"); !errors.Is(err, ErrSlugTaken) {
		t.Errorf("rename onto another story: err = %v, want ErrSlugTaken", err)
	}
	if err := site.Rename("no-such-story", "x"); !errors.Is(err, ErrUnknownStory) {
		t.Errorf("rename unknown: err = %v, want ErrUnknownStory", err)
	}
	if err := site.Rename(renamed, "Bad Slug"); err == nil {
		t.Error("invalid slug accepted")
	}
	// Renaming back ends the redirect from the original slug.
	if err := site.Rename(renamed, old); err != nil {
		t.Fatal(err)
	}
	if resp, _ := fetch(t, srv, "/news/"+old, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("after renaming back: status %d", resp.StatusCode)
	}
	if resp, _ := fetch(t, srv, "/news/"+renamed, nil); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("interim slug after renaming back: status %d, want 301", resp.StatusCode)
	}
}
