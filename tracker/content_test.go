package tracker_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
)

// cafeStory has the characters windows-1252 encodes differently from
// UTF-8: accented letters, the euro sign and typographic quotes.
func cafeStory() newsroom.Story {
	return newsroom.Story{Slug: "harbor-cafe-reopens", Section: "Business", Rounds: []newsroom.Round{{
		Headline: "Harbor café reopens with €2 coffee after the flood",
		Byline:   "Renée Dufresne",
		Paragraphs: []string{
			"The Quay Street café that took on three feet of water during Tropical Storm Imelda reopened Monday, selling coffee for €2 to anyone who helped bail out the block.",
			"“We’re not fancy, but we’re open,” said owner José Marchetti, who spent the week drying out the espresso machine and repainting the counter.",
			"Neighbors said the café had become a meeting point during the cleanup, with volunteers trading shifts over the only working kettle on the street.",
		},
	}}}
}

// TestTracker_CheckStory_Windows1252: the same page served in windows-1252
// reads as the same article, so the switch of encoding is no edit, and the
// text is decoded correctly (é, € and the curly quotes, kept as published).
func TestTracker_CheckStory_Windows1252(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{site: newsroom.Options{Stories: []newsroom.Story{cafeStory()}}})
	const slug = "harbor-cafe-reopens"
	st := e.track(t, e.storyURL(slug))
	wantResult(t, "utf-8 page", e.check(t, st.ID), redline.ResultNew)
	if err := e.site.SetFault(slug, newsroom.FaultWindows1252); err != nil {
		t.Fatal(err)
	}
	wantResult(t, "windows-1252 page", e.check(t, st.ID), redline.ResultUnchanged)

	// A story first seen in windows-1252 must read the same as the truth.
	other := e.track(t, e.templateURL("jsonld", slug))
	wantResult(t, "first windows-1252 check", e.check(t, other.ID), redline.ResultNew)
	vs := e.versions(t, other.ID)
	got, want := vs[0].Article, normalized(e.site.ExpectedArticle(slug))
	if got.Headline != want.Headline || strings.Join(got.Paragraphs, "\n") != strings.Join(want.Paragraphs, "\n") {
		t.Errorf("windows-1252 article\n got: %q %q\nwant: %q %q", got.Headline, got.Paragraphs, want.Headline, want.Paragraphs)
	}
	for _, s := range []string{"café", "€2", "“We’re not fancy, but we’re open,”", "José"} {
		if !strings.Contains(got.Headline+"\n"+got.Text(), s) {
			t.Errorf("decoded article lacks %q", s)
		}
	}
}

// TestTracker_CheckStory_Refused: pages the crawler refuses (too large, not
// HTML, forbidden by robots.txt) are failed checks and never versions.
func TestTracker_CheckStory_Refused(t *testing.T) {
	t.Parallel()
	pdf := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/reports/storm-damage.pdf" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"))
	}))
	t.Cleanup(pdf.Close)

	for _, tc := range []struct {
		name string
		opts envOptions
		// url picks the story to track; nil tracks the storm story.
		url     func(e *env) string
		fault   newsroom.Fault
		wantErr error
	}{
		{
			name:    "oversized",
			opts:    envOptions{site: newsroom.Options{OversizeBytes: 2 << 20}, maxBody: 1 << 20},
			fault:   newsroom.FaultOversized,
			wantErr: redline.ErrTooLarge,
		},
		{
			name:    "not html",
			url:     func(*env) string { return pdf.URL + "/reports/storm-damage.pdf" },
			wantErr: redline.ErrNotHTML,
		},
		{
			name:    "robots disallow",
			opts:    envOptions{site: newsroom.Options{Disallow: []string{"/news/storm-"}}},
			wantErr: redline.ErrRobotsDisallowed,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tc.opts)
			url := e.storyURL(stormSlug)
			if tc.url != nil {
				url = tc.url(e)
			}
			st := e.track(t, url)
			if tc.fault != newsroom.FaultNone {
				// A good version first, so a refusal must not touch it.
				wantResult(t, "good page", e.check(t, st.ID), redline.ResultNew)
				if err := e.site.SetFault(stormSlug, tc.fault); err != nil {
					t.Fatal(err)
				}
			}
			before := len(e.versions(t, st.ID))
			got := e.check(t, st.ID)
			wantResult(t, "refused page", got, redline.ResultFailed)
			if !strings.Contains(got.Error, tc.wantErr.Error()) {
				t.Errorf("error %q does not say %q", got.Error, tc.wantErr)
			}
			if after := len(e.versions(t, st.ID)); after != before {
				t.Errorf("%d versions after the refused page, want %d", after, before)
			}
			if s := e.story(t, st.ID); s.Failures != 1 || s.LastError == "" {
				t.Errorf("story failures %d, last error %q; want 1 and the error", s.Failures, s.LastError)
			}
			if tc.wantErr == redline.ErrRobotsDisallowed {
				if n := e.site.Hits("/news/" + stormSlug); n != 0 {
					t.Errorf("disallowed page was requested %d times", n)
				}
				if e.site.Hits("/robots.txt") == 0 {
					t.Errorf("robots.txt was never read")
				}
			}
		})
	}
}

// TestTracker_CheckStory_Walls: a paywall or consent wall served in place
// of a story that had a good version is suspect, a check and not a
// version, until the same wall has been seen SuspectConfirmations times.
func TestTracker_CheckStory_Walls(t *testing.T) {
	t.Parallel()
	const confirm = 3
	for _, fault := range []newsroom.Fault{newsroom.FaultPaywall, newsroom.FaultConsentWall} {
		t.Run(string(fault), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{confirm: confirm})
			st := e.track(t, e.storyURL(stormSlug))
			wantResult(t, "good page", e.check(t, st.ID), redline.ResultNew)
			if err := e.site.SetFault(stormSlug, fault); err != nil {
				t.Fatal(err)
			}
			for i := 1; i < confirm; i++ {
				got := e.check(t, st.ID)
				wantResult(t, "wall", got, redline.ResultSuspect)
				if got.Version != 1 || got.Summary == "" {
					t.Errorf("suspect check %d: version %d, reason %q; want version 1 and a reason", i, got.Version, got.Summary)
				}
				if n := len(e.versions(t, st.ID)); n != 1 {
					t.Fatalf("suspect check %d made a version: %d versions", i, n)
				}
			}
			got := e.check(t, st.ID)
			wantResult(t, "wall seen for the confirming time", got, redline.ResultChanged)
			cs := e.checks(t, st.ID)
			if note := cs[len(cs)-1].Note; !strings.Contains(note, "accepted after") {
				t.Errorf("accepting check note %q, want it to say it was accepted after repeated suspects", note)
			}

			// The wall lifting is just the story again: a real change back.
			if err := e.site.SetFault(stormSlug, newsroom.FaultNone); err != nil {
				t.Fatal(err)
			}
			got = e.check(t, st.ID)
			wantResult(t, "wall lifted", got, redline.ResultChanged)
			if vs := e.versions(t, st.ID); vs[len(vs)-1].RevertOf != 1 {
				t.Errorf("version after the wall lifted reverts %d, want 1", vs[len(vs)-1].RevertOf)
			}
		})
	}
}

// TestTracker_CheckStory_WallBriefly: a wall that goes away before it is
// confirmed leaves no trace in the versions.
func TestTracker_CheckStory_WallBriefly(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{confirm: 3})
	st := e.track(t, e.storyURL(stormSlug))
	wantResult(t, "good page", e.check(t, st.ID), redline.ResultNew)
	if err := e.site.SetFault(stormSlug, newsroom.FaultPaywall); err != nil {
		t.Fatal(err)
	}
	wantResult(t, "paywall", e.check(t, st.ID), redline.ResultSuspect)
	if err := e.site.SetFault(stormSlug, newsroom.FaultNone); err != nil {
		t.Fatal(err)
	}
	wantResult(t, "paywall gone", e.check(t, st.ID), redline.ResultUnchanged)
	if s := e.story(t, st.ID); s.SuspectCount != 0 || s.SuspectHash != "" {
		t.Errorf("suspect state kept after a good check: count %d, hash %q", s.SuspectCount, s.SuspectHash)
	}
	if n := len(e.versions(t, st.ID)); n != 1 {
		t.Errorf("%d versions, want 1", n)
	}
}
