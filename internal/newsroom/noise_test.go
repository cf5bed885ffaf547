package newsroom

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSite_Handler_NoiseVaries checks that the site is a meaningful test:
// two requests of the same round differ in every kind of noise while the
// content stays the same.
func TestSite_Handler_NoiseVaries(t *testing.T) {
	noiseMarkers := []struct {
		name string
		re   *regexp.Regexp
	}{
		{"nonce", regexp.MustCompile(`nonce="([0-9a-f]+)"`)},
		{"csrf", regexp.MustCompile(`csrf-token" content="([0-9a-f]+)"`)},
		{"asset", regexp.MustCompile(`site\.css\?v=([0-9a-f]+)`)},
		{"ad id", regexp.MustCompile(`div-gpt-ad-([0-9a-f]+)`)},
		{"recommended", regexp.MustCompile(`/partner/click\?cid=(\d+)`)},
	}
	site, srv := startSite(t, Options{Seed: 11})
	slug := site.Slugs()[0]
	site.SetRound(3)
	for _, tmpl := range []string{"classic", "divsoup", "jsonld", "liveblog", "split"} {
		t.Run(tmpl, func(t *testing.T) {
			seen := make(map[string]map[string]bool)
			var texts []string
			pages := make([][]byte, 4)
			for i := range pages {
				_, pages[i] = fetch(t, srv, "/t/"+tmpl+"/"+slug, nil)
				for _, m := range noiseMarkers {
					if seen[m.name] == nil {
						seen[m.name] = map[string]bool{}
					}
					if sub := m.re.FindSubmatch(pages[i]); sub != nil {
						seen[m.name][string(sub[1])] = true
					}
				}
				texts = append(texts, parsePage(t, pages[i]).text)
			}
			if bytes.Equal(pages[0], pages[1]) {
				t.Fatal("two requests of the same round returned identical pages")
			}
			for _, m := range noiseMarkers {
				if len(seen[m.name]) < 2 {
					t.Errorf("%s did not vary over %d requests: %v", m.name, len(pages), seen[m.name])
				}
			}
			if texts[0] == texts[1] && texts[1] == texts[2] {
				t.Error("visible text identical in three requests: promos, counters and most-read never moved")
			}
			want := site.Expected(slug)
			for i, text := range texts {
				for _, s := range want.Text() {
					if !strings.Contains(text, s) {
						t.Errorf("request %d lacks %q", i, s)
					}
				}
			}
		})
	}
}

// TestSite_Handler_Deterministic checks that the same seed and the same
// request sequence give byte-identical pages, and another seed does not.
func TestSite_Handler_Deterministic(t *testing.T) {
	paths := []string{"/news/", "/t/classic/council-budget-vote", "/t/amp/storm-surge-floods-harbor-district", "/news/harwick-street-bridge-closed"}
	run := func(seed int64) [][]byte {
		h := NewSite(Options{Seed: seed}).Handler()
		var out [][]byte
		for _, p := range paths {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://courier.test"+p, nil))
			out = append(out, rec.Body.Bytes())
		}
		return out
	}
	a, b, c := run(42), run(42), run(43)
	for i, p := range paths {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("%s: same seed and sequence gave different pages", p)
		}
		if bytes.Equal(a[i], c[i]) {
			t.Errorf("%s: different seeds gave identical pages", p)
		}
	}
}

func TestSite_Handler_InlinePromos(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 5})
	slug := site.Slugs()[0]
	promos := 0
	for range 10 {
		_, body := fetch(t, srv, "/t/brbr/"+slug, nil)
		text := parsePage(t, body).text
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "CLICK HERE TO READ MORE FROM") || slices.Contains(capsPromoPool, line) || slices.Contains(newsletterPool, line) {
				promos++
			}
		}
	}
	if promos < 10 {
		t.Errorf("%d inline promos in 10 pages, want at least one per page", promos)
	}
}
