package tracker_test

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/store"
)

// furniturePage serves one story whose body holds, between its real
// paragraphs, a plain-text paragraph drawn at random on every request from
// a pool: no link, no known headline, nothing the extractor can tell from
// text. Only fetching twice shows it is not the story's.
type furniturePage struct {
	furniture bool
	// failEven answers 500 to every second request of the story.
	failEven bool

	mu       sync.Mutex
	edited   bool
	requests int
	rng      *rand.Rand
	last     int
	pool     []string
}

var confirmBody = []string{
	"The harbour bridge was closed to all traffic on Thursday morning after engineers found storm damage to two of its supporting piers.",
	"Officials said the closure would last at least until the weekend, while divers inspect the foundations below the waterline.",
	"Commuters were directed to the ferry service, which the council said would run every fifteen minutes throughout the day.",
	"The bridge carries about forty thousand vehicles a day and was last repaired in 2019, according to the regional transport authority.",
}

// confirmEdit is the real edit: the second paragraph rewritten.
const confirmEdit = "Officials said the closure would last at least a fortnight, while divers inspect the foundations below the waterline."

func newFurniturePage(furniture, failEven bool) *furniturePage {
	p := &furniturePage{furniture: furniture, failEven: failEven, rng: rand.New(rand.NewPCG(12, 34)), last: -1}
	places := []string{"northern", "southern", "eastern", "western", "island", "estuary", "river", "bay"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	for i, place := range places {
		for j, day := range days {
			p.pool = append(p.pool, fmt.Sprintf("Tide tables for the %s coast were revised on %s to allow for a swell of %d centimetres expected over the coming weekend.",
				place, day, 20+7*i+j))
		}
	}
	return p
}

func (p *furniturePage) edit() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.edited = true
}

// storyRequests is how many times the story itself was asked for.
func (p *furniturePage) storyRequests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests
}

func (p *furniturePage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/news/bridge" {
		http.NotFound(w, r)
		return
	}
	p.mu.Lock()
	p.requests++
	fail := p.failEven && p.requests%2 == 0
	body := append([]string(nil), confirmBody...)
	if p.edited {
		body[1] = confirmEdit
	}
	if p.furniture {
		// Never the same twice in a row, so the test does not hang on
		// the seed: two fetches of the page always disagree.
		i := p.rng.IntN(len(p.pool))
		for i == p.last {
			i = p.rng.IntN(len(p.pool))
		}
		p.last = i
		body = append(body[:2:2], append([]string{p.pool[i]}, body[2:]...)...)
	}
	p.mu.Unlock()
	if fail {
		http.Error(w, "temporarily unavailable", http.StatusInternalServerError)
		return
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><meta charset="utf-8"><title>Harbour bridge closed after storm damage</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>Harbour bridge closed after storm damage</h1><p class="byline">By Ana Ruiz</p>
`)
	for _, para := range body {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(para))
	}
	b.WriteString("</article><footer><p>© 2026 Coast Courier</p></footer></body></html>")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, b.String())
}

// newPageEnv wires a tracker to a loopback server of h, with
// ConfirmChanges on unless noConfirm.
func newPageEnv(t testing.TB, h http.Handler, noConfirm bool) (*env, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	clk := clock.New(epoch)
	st := testutil.MustOpenStoreWith(t, store.Options{Now: clk.Now})
	cr, err := crawler.New(crawler.Options{HostDelay: -1, AllowPrivate: true, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("crawler: %v", err)
	}
	t.Cleanup(func() { cr.Close() })
	e := &env{srv: srv, store: st, crawler: cr, clock: clk, opts: envOptions{noConfirm: noConfirm}}
	e.tracker = e.newTracker(t, extract.Options{})
	return e, srv.URL + "/news/bridge"
}

// wantNoFurniture fails unless every version's body is real paragraphs.
func wantNoFurniture(t *testing.T, vs []redline.Version) {
	t.Helper()
	for _, v := range vs {
		for _, para := range v.Article.Paragraphs {
			if strings.HasPrefix(para, "Tide tables") {
				t.Errorf("version %d holds furniture %q", v.N, para)
			}
		}
	}
}

func TestTracker_ConfirmChanges_FurnitureMakesNoVersion(t *testing.T) {
	t.Parallel()
	const fetches = 20
	for _, tc := range []struct {
		name      string
		noConfirm bool
	}{{"confirm", false}, {"no confirm", true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, url := newPageEnv(t, newFurniturePage(true, false), tc.noConfirm)
			st := e.track(t, url)
			for range fetches {
				if r := e.check(t, st.ID); r.Result == redline.ResultFailed {
					t.Fatalf("check failed: %s", r.Error)
				}
			}
			vs := e.versions(t, st.ID)
			if tc.noConfirm {
				// Proves the page defeats the extractor alone, so the
				// confirming fetch is what keeps the history clean.
				if len(vs) < fetches/2 {
					t.Fatalf("without confirm: %d versions after %d fetches, want noise versions (at least %d)", len(vs), fetches, fetches/2)
				}
				return
			}
			if len(vs) != 1 {
				t.Fatalf("%d versions after %d fetches of an unedited page, want 1", len(vs), fetches)
			}
			if got := vs[0].Article.Paragraphs; !slices.Equal(got, confirmBody) {
				t.Errorf("version 1 paragraphs:\n%q\nwant\n%q", got, confirmBody)
			}
			noted := 0
			for _, c := range e.checks(t, st.ID)[1:] {
				if c.Result != redline.ResultUnchanged || c.Version != 1 {
					t.Errorf("check at %s: %q for version %d, want unchanged for version 1", c.At, c.Result, c.Version)
				}
				if strings.Contains(c.Note, "ignored 1 paragraphs that changed between two fetches") {
					noted++
				}
			}
			if noted != fetches-1 {
				t.Errorf("%d of %d re-checks note the ignored paragraph, want all", noted, fetches-1)
			}
		})
	}
}

func TestTracker_ConfirmChanges_EditOnFurniturePageStoredOnce(t *testing.T) {
	t.Parallel()
	page := newFurniturePage(true, false)
	e, url := newPageEnv(t, page, false)
	st := e.track(t, url)
	for range 3 {
		e.check(t, st.ID)
	}
	page.edit()
	wantResult(t, "check after the edit", e.check(t, st.ID), redline.ResultChanged)
	for range 5 {
		wantResult(t, "check after the edit was stored", e.check(t, st.ID), redline.ResultUnchanged)
	}
	vs := e.versions(t, st.ID)
	if len(vs) != 2 {
		t.Fatalf("%d versions, want 2 (the first and the edit)", len(vs))
	}
	want := append([]string(nil), confirmBody...)
	want[1] = confirmEdit
	if got := vs[1].Article.Paragraphs; !slices.Equal(got, want) {
		t.Errorf("edit version paragraphs:\n%q\nwant\n%q", got, want)
	}
	if vs[1].Removed == 0 || vs[1].Added == 0 {
		t.Errorf("edit version counts +%d −%d words, want both above 0", vs[1].Added, vs[1].Removed)
	}
	wantNoFurniture(t, vs)
}

func TestTracker_ConfirmChanges_OneExtraFetchPerChange(t *testing.T) {
	t.Parallel()
	page := newFurniturePage(false, false)
	e, url := newPageEnv(t, page, false)
	st := e.track(t, url)
	step := func(what string, want redline.CheckResult, fetches int) {
		t.Helper()
		before := page.storyRequests()
		wantResult(t, what, e.check(t, st.ID), want)
		if got := page.storyRequests() - before; got != fetches {
			t.Errorf("%s: %d requests of the story, want %d", what, got, fetches)
		}
	}
	step("first check", redline.ResultNew, 2)
	step("unchanged check", redline.ResultUnchanged, 1)
	page.edit()
	step("check of the edit", redline.ResultChanged, 2)
	step("check after the edit", redline.ResultUnchanged, 1)
	if vs := e.versions(t, st.ID); len(vs) != 2 || vs[1].Article.Paragraphs[1] != confirmEdit {
		t.Fatalf("%d versions, want 2 with the edit last", len(vs))
	}
}

func TestTracker_ConfirmChanges_FailedConfirmKeepsEdit(t *testing.T) {
	t.Parallel()
	page := newFurniturePage(false, true)
	e, url := newPageEnv(t, page, false)
	st := e.track(t, url)
	wantResult(t, "first check", e.check(t, st.ID), redline.ResultNew)
	page.edit()
	wantResult(t, "check of the edit", e.check(t, st.ID), redline.ResultChanged)
	vs := e.versions(t, st.ID)
	if len(vs) != 2 || vs[1].Article.Paragraphs[1] != confirmEdit {
		t.Fatalf("%d versions, want 2 with the edit last: %+v", len(vs), vs)
	}
	if n := page.storyRequests(); n != 4 {
		t.Errorf("%d requests of the story, want 4 (each check confirmed once, every confirm refused)", n)
	}
	if s := e.story(t, st.ID); s.Failures != 0 || s.Status != redline.StatusActive {
		t.Errorf("story after refused confirms: status %q, %d failures; want active, 0", s.Status, s.Failures)
	}
}

// A new ignore rule on a page with furniture is a re-reading, not an edit:
// re-reading the stored page must not bring its own furniture back.
func TestTracker_ConfirmChanges_RereadOnFurniturePage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		edit bool
		want []redline.CheckResult
	}{
		{"rule change only", false, []redline.CheckResult{redline.ResultReread}},
		{"rule change and edit", true, []redline.CheckResult{redline.ResultChanged}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			page := newFurniturePage(true, false)
			e, url := newPageEnv(t, page, false)
			st := e.track(t, url)
			for range 3 {
				e.check(t, st.ID)
			}
			e.tracker = e.newTracker(t, extract.Options{Ignore: []string{"^The bridge carries"}})
			if tc.edit {
				page.edit()
			}
			wantResult(t, "check under the new rule", e.check(t, st.ID), tc.want[0])
			for range 4 {
				wantResult(t, "later check", e.check(t, st.ID), redline.ResultUnchanged)
			}
			vs := e.versions(t, st.ID)
			want := append([]string(nil), confirmBody[:3]...)
			if tc.edit {
				want[1] = confirmEdit
			}
			if n := len(vs); n != 3-btoi(!tc.edit) {
				t.Fatalf("%d versions, want %d", n, 3-btoi(!tc.edit))
			}
			if !vs[1].Reread || !slices.Equal(vs[1].Article.Paragraphs, confirmBody[:3]) {
				t.Errorf("version 2: reread %v, paragraphs %q; want a re-read of the first three paragraphs", vs[1].Reread, vs[1].Article.Paragraphs)
			}
			if last := vs[len(vs)-1]; !slices.Equal(last.Article.Paragraphs, want) {
				t.Errorf("latest version paragraphs:\n%q\nwant\n%q", last.Article.Paragraphs, want)
			}
			wantNoFurniture(t, vs)
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkTracker_CheckStory_Furniture measures a re-check of an unedited
// page whose furniture rotates: the first fetch looks changed, so it costs
// the confirming fetch and extraction before it is recorded unchanged.
func BenchmarkTracker_CheckStory_Furniture(b *testing.B) {
	e, url := newPageEnv(b, newFurniturePage(true, false), false)
	st := e.track(b, url)
	if r := e.check(b, st.ID); r.Result != redline.ResultNew {
		b.Fatalf("first check: %+v", r)
	}
	b.ReportAllocs()
	for b.Loop() {
		cur, err := e.store.Story(st.ID)
		if err != nil {
			b.Fatal(err)
		}
		if r := e.tracker.CheckStory(context.Background(), cur); r.Result != redline.ResultUnchanged {
			b.Fatalf("re-check: %+v", r)
		}
	}
}
