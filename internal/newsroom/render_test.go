package newsroom

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestSite_Handler_EveryTemplateEveryRound renders every round of every
// story in every template and checks the page against the ground truth:
// all current content present, content of other rounds absent.
func TestSite_Handler_EveryTemplateEveryRound(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 7})
	for _, st := range site.Stories() {
		for round := range st.Rounds {
			site.SetRound(round)
			want := site.Expected(st.Slug)
			stale := staleText(st, round)
			for _, tmpl := range Templates() {
				t.Run(fmt.Sprintf("%s/%d/%s", st.Slug, round, tmpl), func(t *testing.T) {
					resp, body := fetch(t, srv, "/t/"+tmpl+"/"+st.Slug, nil)
					if resp.StatusCode != http.StatusOK {
						t.Fatalf("round %d: status %d", round, resp.StatusCode)
					}
					if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
						t.Errorf("Content-Type = %q", ct)
					}
					p := parsePage(t, body)
					for _, text := range want.Text() {
						if !strings.Contains(p.text, text) {
							t.Errorf("round %d: page lacks %q", round, text)
						}
					}
					for _, text := range stale {
						if strings.Contains(p.text, text) {
							t.Errorf("round %d: page still shows %q", round, text)
						}
					}
					if !want.Developing && strings.Contains(p.text, DevelopingMarker) {
						t.Errorf("round %d: developing marker on a finished story", round)
					}
					if wantTitle := want.Headline + " | " + DefaultName; p.title != wantTitle {
						t.Errorf("title = %q, want %q", p.title, wantTitle)
					}
					if p.meta["og:title"] != want.Headline {
						t.Errorf("og:title = %q, want %q", p.meta["og:title"], want.Headline)
					}
					if c := p.links["canonical"]; c != srv.URL+"/t/"+tmpl+"/"+st.Slug {
						t.Errorf("canonical = %q", c)
					}
					for _, ld := range p.ldJSON {
						if typ := ld["@type"]; typ == "NewsArticle" || typ == "LiveBlogPosting" {
							if ld["headline"] != want.Headline {
								t.Errorf("JSON-LD headline = %v, want %q", ld["headline"], want.Headline)
							}
						}
					}
				})
			}
		}
	}
}

// staleText is text the story showed in some round but no longer shows in
// round n.
func staleText(st Story, n int) []string {
	now := map[string]bool{}
	for _, s := range st.Rounds[n].Text() {
		now[s] = true
	}
	var out []string
	for i, r := range st.Rounds {
		if i == n {
			continue
		}
		for _, s := range r.Text() {
			if !now[s] && !containsAny(st.Rounds[n].Text(), s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// containsAny reports whether s is a part of some current text, as a cut
// sentence's paragraph is part of the paragraph before the cut.
func containsAny(texts []string, s string) bool {
	for _, t := range texts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func TestSite_Handler_LiveBlogMarkup(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 3})
	slug := site.Slugs()[0]
	for _, round := range []int{0, site.LastRound()} {
		site.SetRound(round)
		want := site.Expected(slug)
		_, body := fetch(t, srv, "/t/liveblog/"+slug, nil)
		p := parsePage(t, body)
		var ld map[string]any
		for _, v := range p.ldJSON {
			if v["@type"] == "LiveBlogPosting" {
				ld = v
			}
		}
		if ld == nil {
			t.Fatalf("round %d: no LiveBlogPosting", round)
		}
		updates, _ := ld["liveBlogUpdate"].([]any)
		if len(updates) != len(want.Paragraphs) {
			t.Errorf("round %d: %d liveBlogUpdate entries, want %d", round, len(updates), len(want.Paragraphs))
		}
		_, ended := ld["coverageEndTime"]
		if ended == want.Developing {
			t.Errorf("round %d: coverageEndTime present = %v while developing = %v", round, ended, want.Developing)
		}
	}
}
