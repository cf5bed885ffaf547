package newsroom

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestDemoStories_Validate(t *testing.T) {
	seen := map[string]bool{}
	for _, st := range DemoStories() {
		t.Run(st.Slug, func(t *testing.T) {
			if err := st.Validate(); err != nil {
				t.Fatal(err)
			}
			if seen[st.Slug] {
				t.Fatalf("duplicate slug %q", st.Slug)
			}
			seen[st.Slug] = true
			if got := st.Rounds[0].Edit.Kind; got != EditPublished {
				t.Errorf("round 0 kind = %q, want %q", got, EditPublished)
			}
		})
	}
}

// TestDemoStories_CoverEveryKind checks the promise the end-to-end test
// relies on: one story of at least eight rounds uses every edit kind.
func TestDemoStories_CoverEveryKind(t *testing.T) {
	for _, st := range DemoStories() {
		if len(st.Rounds) < 8 {
			continue
		}
		kinds := map[EditKind]bool{}
		for _, r := range st.Rounds[1:] {
			kinds[r.Edit.Kind] = true
		}
		missing := slices.DeleteFunc(EditKinds(), func(k EditKind) bool { return kinds[k] })
		if len(missing) == 0 {
			return
		}
		t.Logf("%s lacks %v", st.Slug, missing)
	}
	t.Fatal("no demo story of 8+ rounds covers every edit kind")
}

// TestStory_EditRounds checks that every scripted round changes exactly
// what its declared kind says, judged from the data alone.
func TestStory_EditRounds(t *testing.T) {
	for _, st := range DemoStories() {
		for _, er := range st.EditRounds() {
			prev, cur := st.Rounds[er.Round-1], st.Rounds[er.Round]
			t.Run(st.Slug+"/"+string(er.Edit.Kind), func(t *testing.T) {
				if er.Edit.Description == "" {
					t.Error("edit has no description")
				}
				if err := checkEdit(er.Edit.Kind, prev, cur, er.Fields); err != "" {
					t.Errorf("round %d: %s (fields %v)", er.Round, err, er.Fields)
				}
			})
		}
	}
}

var digits = regexp.MustCompile(`[0-9,]+`)

func checkEdit(kind EditKind, prev, cur Round, fields []Field) string {
	only := func(f Field) bool { return slices.Equal(fields, []Field{f}) }
	changed := changedParagraphs(prev, cur)
	switch kind {
	case EditNone:
		if len(fields) != 0 {
			return "a none round changes content"
		}
	case EditHeadlineChanged:
		if !only(FieldHeadline) {
			return "want only the headline changed"
		}
	case EditBylineAdded:
		if !only(FieldByline) || prev.Byline != "" || cur.Byline == "" {
			return "want a byline where there was none"
		}
	case EditCorrectionAppended:
		if !only(FieldNotes) || len(cur.Notes) != len(prev.Notes)+1 || !strings.HasPrefix(cur.Notes[len(cur.Notes)-1], "Correction: ") {
			return "want one appended Correction: note"
		}
	case EditDevelopingRemoved:
		if !only(FieldDeveloping) || !prev.Developing || cur.Developing {
			return "want developing to go from true to false"
		}
	case EditParagraphAdded:
		if !only(FieldParagraphs) || len(cur.Paragraphs) != len(prev.Paragraphs)+1 || !isSubsequence(prev.Paragraphs, cur.Paragraphs) {
			return "want one paragraph inserted, the rest unchanged"
		}
	case EditParagraphRemoved:
		if !only(FieldParagraphs) || len(cur.Paragraphs) != len(prev.Paragraphs)-1 || !isSubsequence(cur.Paragraphs, prev.Paragraphs) {
			return "want one paragraph deleted, the rest unchanged"
		}
	case EditParagraphsReordered:
		a, b := slices.Sorted(slices.Values(prev.Paragraphs)), slices.Sorted(slices.Values(cur.Paragraphs))
		if !only(FieldParagraphs) || !slices.Equal(a, b) {
			return "want the same paragraphs in another order"
		}
	case EditNumberChanged:
		if !only(FieldParagraphs) || len(changed) != 1 ||
			digits.ReplaceAllString(prev.Paragraphs[changed[0]], "#") != digits.ReplaceAllString(cur.Paragraphs[changed[0]], "#") {
			return "want one paragraph whose only change is a number"
		}
	case EditTypoFixed:
		if !only(FieldParagraphs) || len(changed) != 1 {
			return "want one paragraph changed"
		}
		a, b := strings.Fields(prev.Paragraphs[changed[0]]), strings.Fields(cur.Paragraphs[changed[0]])
		if len(a) != len(b) || countDiff(a, b) != 1 {
			return "want exactly one word respelled"
		}
	case EditSentenceRemoved:
		if !only(FieldParagraphs) || len(changed) != 1 {
			return "want one paragraph changed"
		}
		old, now := prev.Paragraphs[changed[0]], cur.Paragraphs[changed[0]]
		i := commonPrefix(old, now)
		cut := old[i : i+len(old)-len(now)]
		if len(now) >= len(old) || old[:i]+old[i+len(cut):] != now || !strings.HasSuffix(strings.TrimSpace(cut), ".") {
			return "want one whole sentence cut from one paragraph"
		}
	default:
		return "unknown kind"
	}
	return ""
}

func changedParagraphs(prev, cur Round) []int {
	if len(prev.Paragraphs) != len(cur.Paragraphs) {
		return nil
	}
	var out []int
	for i := range prev.Paragraphs {
		if prev.Paragraphs[i] != cur.Paragraphs[i] {
			out = append(out, i)
		}
	}
	return out
}

func isSubsequence(short, long []string) bool {
	i := 0
	for _, s := range long {
		if i < len(short) && short[i] == s {
			i++
		}
	}
	return i == len(short)
}

func countDiff(a, b []string) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// TestDemoStories_NoiseIsDistinct keeps the noise pools and the stories
// apart: no story sentence may appear in noise, and no story paragraph may
// look like an all-caps promo an extractor is expected to drop.
func TestDemoStories_NoiseIsDistinct(t *testing.T) {
	var pools []string
	pools = append(pools, mostReadPool...)
	pools = append(pools, recommendedPool...)
	pools = append(pools, capsPromoPool...)
	pools = append(pools, newsletterPool...)
	for _, st := range DemoStories() {
		for i, r := range st.Rounds {
			for _, text := range r.Text() {
				if text == strings.ToUpper(text) {
					t.Errorf("%s round %d: all-caps text %q", st.Slug, i, text)
				}
				for _, n := range pools {
					if strings.Contains(text, n) || strings.Contains(n, text) {
						t.Errorf("%s round %d: %q overlaps noise %q", st.Slug, i, text, n)
					}
				}
			}
		}
	}
}

func TestStory_Validate(t *testing.T) {
	good := Round{Headline: "h", Paragraphs: []string{"p"}}
	tests := []struct {
		name    string
		story   Story
		wantErr bool
	}{
		{"ok", Story{Slug: "a-b-1", Rounds: []Round{good}}, false},
		{"uppercase slug", Story{Slug: "A-b", Rounds: []Round{good}}, true},
		{"slash in slug", Story{Slug: "a/b", Rounds: []Round{good}}, true},
		{"empty slug", Story{Rounds: []Round{good}}, true},
		{"no rounds", Story{Slug: "a"}, true},
		{"no headline", Story{Slug: "a", Rounds: []Round{good, {Paragraphs: []string{"p"}}}}, true},
		{"no paragraphs", Story{Slug: "a", Rounds: []Round{{Headline: "h"}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.story.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "newsroom") {
				t.Errorf("error %q does not name the package", err)
			}
		})
	}
}

// TestRound_Article checks the contract with redline.Article.Hash: every
// content edit changes the hash, a none round does not. A round that only
// clears Developing keeps the hash, because Hash leaves Developing out.
func TestRound_Article(t *testing.T) {
	for _, st := range DemoStories() {
		for _, er := range st.EditRounds() {
			t.Run(st.Slug+"/"+string(er.Edit.Kind), func(t *testing.T) {
				prev := st.Rounds[er.Round-1].Article(DefaultStart(), DefaultStart())
				cur := st.Rounds[er.Round].Article(DefaultStart(), DefaultStart())
				bodyEdit := slices.ContainsFunc(er.Fields, func(f Field) bool { return f != FieldDeveloping })
				if got := prev.Hash() != cur.Hash(); got != bodyEdit {
					t.Errorf("hash changed = %v, want %v (fields %v)", got, bodyEdit, er.Fields)
				}
				if er.HashChanged != bodyEdit {
					t.Errorf("HashChanged = %v, want %v (fields %v)", er.HashChanged, bodyEdit, er.Fields)
				}
				if cur.Developing != st.Rounds[er.Round].Developing {
					t.Errorf("Developing = %v, want %v", cur.Developing, st.Rounds[er.Round].Developing)
				}
			})
		}
	}
}
