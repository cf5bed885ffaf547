package tracker_test

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
	"github.com/redline-news/redline/internal/newsroom"
)

// TestTracker_Once_CatchesEveryEditOnce walks every demo story through all
// its scripted rounds in every page template, checking two or three times
// per round. A round that changes the content must make exactly one new
// version, on its first check; every other check, including the whole of a
// noise-only round, must make none. Each new version must hold the site's
// ground truth, and for the edit kinds with a precise expectation its diff
// against the previous version must show exactly the edited words.
func TestTracker_Once_CatchesEveryEditOnce(t *testing.T) {
	t.Parallel()
	var fetches atomic.Int64
	t.Run("templates", func(t *testing.T) {
		for _, tmpl := range newsroom.Templates() {
			t.Run(tmpl, func(t *testing.T) {
				t.Parallel()
				fetches.Add(int64(walkEdits(t, tmpl)))
			})
		}
	})
	if n := fetches.Load(); n < 200 {
		t.Errorf("only %d noisy fetches, want at least 200", n)
	}
}

// walkedStory is one story's progress through the walk.
type walkedStory struct {
	story    newsroom.Story
	edits    []newsroom.EditRound // edits[r-1] is round r
	id       redline.StoryID
	versions int
	// broken stops checking a story after its first mismatch, so one
	// extraction bug is reported once instead of on every later round.
	broken bool
}

// walkEdits runs the walk for one template and returns how many fetches it
// made.
func walkEdits(t *testing.T, tmpl string) int {
	e := newEnv(t, envOptions{site: newsroom.Options{Seed: 11}})
	var stories []*walkedStory
	for _, s := range e.site.Stories() {
		st := e.track(t, e.templateURL(tmpl, s.Slug))
		stories = append(stories, &walkedStory{story: s, edits: s.EditRounds(), id: st.ID})
	}
	fetches := 0
	for round := 0; round <= e.site.LastRound(); round++ {
		if round > 0 {
			e.site.Advance()
			e.clock.Advance(newsroom.DefaultRoundEvery)
		}
		for _, ws := range stories {
			if ws.broken || round >= len(ws.story.Rounds) {
				continue
			}
			changes := round == 0 || ws.edits[round-1].ChangesContent()
			what := fmt.Sprintf("%s round %d (%s)", ws.story.Slug, round, ws.story.Rounds[round].Edit.Kind)
			wantV := ws.versions
			if changes {
				wantV++
			}
			for i := range 2 + round%2 {
				got := e.check(t, ws.id)
				fetches++
				want := redline.ResultUnchanged
				switch {
				case i == 0 && round == 0:
					want = redline.ResultNew
				case i == 0 && changes:
					want = redline.ResultChanged
				}
				if got.Result != want || got.Version != wantV {
					t.Errorf("%s, check %d: result %q version %d (error %q, summary %q), want %q version %d",
						what, i+1, got.Result, got.Version, got.Error, got.Summary, want, wantV)
					ws.broken = true
					break
				}
			}
			if ws.broken || !changes {
				continue
			}
			ws.versions++
			vs := e.versions(t, ws.id)
			if len(vs) != ws.versions {
				t.Errorf("%s: %d versions stored, want %d", what, len(vs), ws.versions)
				ws.broken = true
				continue
			}
			if !matchesExpected(t, what, vs[len(vs)-1].Article, e.site.ExpectedArticle(ws.story.Slug)) {
				ws.broken = true
				continue
			}
			if round > 0 {
				d := diff.Compare(vs[len(vs)-2].Article, vs[len(vs)-1].Article)
				checkEditDiff(t, what, ws.story.Rounds[round-1], ws.story.Rounds[round], d)
			}
		}
	}
	for _, ws := range stories {
		if ws.broken {
			continue
		}
		want := 1
		for _, er := range ws.edits {
			if er.ChangesContent() {
				want++
			}
		}
		if got := len(e.versions(t, ws.id)); got != want {
			t.Errorf("%s: %d versions after the walk, want %d", ws.story.Slug, got, want)
		}
	}
	return fetches
}

// matchesExpected compares the stored article with the site's ground truth
// after normalization: the page shows the developing marker as the last
// paragraph while the story is developing, and it is article text.
func matchesExpected(t *testing.T, what string, got, exp redline.Article) bool {
	t.Helper()
	want := normalized(exp)
	ok := true
	if got.Headline != want.Headline {
		t.Errorf("%s: headline %q, want %q", what, got.Headline, want.Headline)
		ok = false
	}
	if !slices.Equal(got.Paragraphs, want.Paragraphs) {
		t.Errorf("%s: paragraphs differ from the page's article\n got: %q\nwant: %q", what, got.Paragraphs, want.Paragraphs)
		ok = false
	}
	return ok
}

// checkEditDiff asserts what the diff of one edit must show, for the edit
// kinds whose effect on the text is exact.
func checkEditDiff(t *testing.T, what string, prev, cur newsroom.Round, d diff.Diff) {
	t.Helper()
	p, c := normalizedRound(prev), normalizedRound(cur)
	switch cur.Edit.Kind {
	case newsroom.EditNumberChanged, newsroom.EditTypoFixed:
		wantChanged(t, what, d, diff.FieldBody)
		i := slices.IndexFunc(p.Paragraphs, func(s string) bool { return !slices.Contains(c.Paragraphs, s) })
		j := slices.IndexFunc(c.Paragraphs, func(s string) bool { return !slices.Contains(p.Paragraphs, s) })
		if i < 0 || j < 0 {
			t.Fatalf("%s: script has no edited paragraph", what)
		}
		wantDel, wantIns := wordsOnlyIn(p.Paragraphs[i], c.Paragraphs[j]), wordsOnlyIn(c.Paragraphs[j], p.Paragraphs[i])
		body, _ := d.Field(diff.FieldBody)
		gotDel, gotIns := segmentWords(body, diff.Delete), segmentWords(body, diff.Insert)
		if !slices.Equal(gotDel, wantDel) || !slices.Equal(gotIns, wantIns) {
			t.Errorf("%s: body diff deletes %q and inserts %q, want exactly %q → %q", what, gotDel, gotIns, wantDel, wantIns)
		}
	case newsroom.EditHeadlineChanged:
		wantChanged(t, what, d, diff.FieldHeadline)
		f, _ := d.Field(diff.FieldHeadline)
		if f.Old() != p.Headline || f.New() != c.Headline {
			t.Errorf("%s: headline diff %q → %q, want %q → %q", what, f.Old(), f.New(), p.Headline, c.Headline)
		}
	case newsroom.EditBylineAdded:
		wantChanged(t, what, d, diff.FieldByline)
		f, _ := d.Field(diff.FieldByline)
		if f.Old() != "" || f.New() != c.Byline {
			t.Errorf("%s: byline diff %q → %q, want \"\" → %q", what, f.Old(), f.New(), c.Byline)
		}
	case newsroom.EditCorrectionAppended:
		wantChanged(t, what, d, diff.FieldNotes)
		f, _ := d.Field(diff.FieldNotes)
		added := c.Notes[len(c.Notes)-1]
		want := words(added)
		slices.Sort(want)
		if got := segmentWords(f, diff.Insert); !slices.Equal(got, want) {
			t.Errorf("%s: notes diff inserts %q, want the correction %q", what, got, added)
		}
		if got := segmentWords(f, diff.Delete); len(got) > 0 {
			t.Errorf("%s: notes diff deletes %q, want nothing", what, got)
		}
	case newsroom.EditParagraphAdded:
		wantChanged(t, what, d, diff.FieldBody)
		added := c.Paragraphs[slices.IndexFunc(c.Paragraphs, func(s string) bool { return !slices.Contains(p.Paragraphs, s) })]
		var inserted []string
		for _, pd := range d.Paragraphs {
			switch pd.Op {
			case diff.ParagraphEqual:
			case diff.ParagraphInsert:
				inserted = append(inserted, joinSegments(pd.Segments))
			default:
				t.Errorf("%s: paragraph %d/%d is %s, want only one insert", what, pd.Old, pd.New, pd.Op)
			}
		}
		if len(inserted) != 1 || inserted[0] != added {
			t.Errorf("%s: inserted paragraphs %q, want exactly %q", what, inserted, added)
		}
		if d.Removed != 0 {
			t.Errorf("%s: %d words removed, want 0", what, d.Removed)
		}
	case newsroom.EditDevelopingRemoved:
		wantChanged(t, what, d, diff.FieldBody, diff.FieldDeveloping)
		var deleted []string
		for _, pd := range d.Paragraphs {
			if pd.Op != diff.ParagraphEqual {
				deleted = append(deleted, pd.Op.String()+": "+joinSegments(pd.Segments))
			}
		}
		if want := []string{"delete: " + newsroom.DevelopingMarker}; !slices.Equal(deleted, want) {
			t.Errorf("%s: paragraph changes %q, want %q", what, deleted, want)
		}
	default:
		if !d.Changed() {
			t.Errorf("%s: diff of a new version shows no change", what)
		}
	}
}

// wantChanged fails unless exactly the named fields changed.
func wantChanged(t *testing.T, what string, d diff.Diff, fields ...string) {
	t.Helper()
	var got []string
	for _, f := range d.Fields {
		if f.Changed {
			got = append(got, f.Field)
		}
	}
	if !slices.Equal(got, fields) {
		t.Errorf("%s: changed fields %q, want %q (summary %q)", what, got, fields, d.Summary())
	}
}

func joinSegments(segs []diff.Segment) string {
	var s string
	for _, seg := range segs {
		s += seg.Text
	}
	return s
}
