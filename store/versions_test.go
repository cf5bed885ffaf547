package store_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

func TestStore_SaveVersion(t *testing.T) {
	s, clock := newStore(t)
	id := addStory(t, s, "https://news.example/fire")
	g := newGen(7)
	base := g.article(300)
	headline := base
	headline.Headline = "Fire spreads to second district"
	headline.Developing = false
	touched := headline
	touched.Modified = epoch.Add(time.Hour)
	touched.Extractor = "fallback"
	edited := g.edit(headline)
	for reflect.DeepEqual(edited.Paragraphs, headline.Paragraphs) {
		edited = g.edit(headline)
	}

	tests := []struct {
		name       string
		article    redline.Article
		wantStored bool
		wantN      int // expected latest version number afterwards
		wantRevert int
	}{
		{name: "first version", article: base, wantStored: true, wantN: 1},
		{name: "identical", article: base, wantStored: false, wantN: 1},
		{name: "headline only", article: headline, wantStored: true, wantN: 2},
		{name: "modified stamp and extractor only", article: touched, wantStored: false, wantN: 2},
		{name: "body edit", article: edited, wantStored: true, wantN: 3},
		{name: "revert to first", article: base, wantStored: true, wantN: 4, wantRevert: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Advance(10 * time.Minute)
			v, stored := save(t, s, id, tt.article, nil)
			if stored != tt.wantStored {
				t.Fatalf("SaveVersion stored = %v, want %v", stored, tt.wantStored)
			}
			st, err := s.Story(id)
			if err != nil {
				t.Fatal(err)
			}
			if st.Versions != tt.wantN {
				t.Errorf("story Versions = %d, want %d", st.Versions, tt.wantN)
			}
			if n, hash, err := s.LatestHash(id); err != nil || n != tt.wantN || (tt.wantStored && hash != tt.article.Hash()) {
				t.Errorf("LatestHash = %d, %s, %v; want %d", n, hash, err, tt.wantN)
			}
			if !tt.wantStored {
				if v.N != 0 || v.Hash != "" {
					t.Errorf("unstored version was numbered: N=%d Hash=%q", v.N, v.Hash)
				}
				return
			}
			if v.N != tt.wantN || v.Hash != tt.article.Hash() || v.RevertOf != tt.wantRevert {
				t.Errorf("saved N, Hash, RevertOf = %d, %s, %d; want %d, %s, %d",
					v.N, v.Hash, v.RevertOf, tt.wantN, tt.article.Hash(), tt.wantRevert)
			}
			if !v.FetchedAt.Equal(clock.Now()) || !st.LastChanged.Equal(clock.Now()) {
				t.Errorf("FetchedAt %v, LastChanged %v; want %v", v.FetchedAt, st.LastChanged, clock.Now())
			}
			if st.Headline != tt.article.Headline || st.Developing != tt.article.Developing {
				t.Errorf("story Headline, Developing = %q, %v; want %q, %v",
					st.Headline, st.Developing, tt.article.Headline, tt.article.Developing)
			}
			latest, err := s.LatestVersion(id)
			if err != nil || !reflect.DeepEqual(latest, v) {
				t.Errorf("LatestVersion = %+v, %v; want %+v", latest, err, v)
			}
		})
	}
}

// A reread records how redline now reads an unedited page: it must not
// look like an edit to the scheduler (LastChanged) or like an editor
// restoring an earlier text (RevertOf).
func TestStore_SaveVersion_reread(t *testing.T) {
	s, clock := newStore(t)
	id := addStory(t, s, "https://news.example/fire")
	g := newGen(3)
	first := g.article(200)
	save(t, s, id, first, nil)
	edited := first
	edited.Headline = "Fire spreads to second district"
	clock.Advance(time.Hour)
	save(t, s, id, edited, nil)
	changed := clock.Now()

	clock.Advance(time.Hour)
	v := redline.Version{StoryID: id, URL: "https://news.example/story", Article: first, Reread: true, Charset: "windows-1252"}
	if stored, err := s.SaveVersion(&v, []byte("<html>page</html>")); err != nil || !stored {
		t.Fatalf("SaveVersion(reread) = %v, %v", stored, err)
	}
	st, err := s.Story(id)
	if err != nil {
		t.Fatal(err)
	}
	if !st.LastChanged.Equal(changed) || st.Versions != 3 {
		t.Errorf("story LastChanged, Versions = %v, %d; want %v, 3", st.LastChanged, st.Versions, changed)
	}
	got, err := s.LatestVersion(id)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Reread || got.RevertOf != 0 || got.Charset != "windows-1252" {
		t.Errorf("stored Reread, RevertOf, Charset = %v, %d, %q; want true, 0, windows-1252", got.Reread, got.RevertOf, got.Charset)
	}
}

func TestStore_SaveVersion_errors(t *testing.T) {
	s, _ := newStore(t)
	id := addStory(t, s, "https://news.example/a")
	tests := []struct {
		name    string
		v       *redline.Version
		wantErr error
	}{
		{name: "empty article", v: &redline.Version{StoryID: id, Article: redline.Article{Paragraphs: []string{" "}}},
			wantErr: redline.ErrEmptyArticle},
		{name: "unknown story", v: &redline.Version{StoryID: 99, Article: redline.Article{Headline: "x"}},
			wantErr: redline.ErrStoryNotFound},
		{name: "nil version", v: nil, wantErr: errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, err := s.SaveVersion(tt.v, []byte("<html></html>"))
			if stored || err == nil || (tt.wantErr != errAny && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("SaveVersion = %v, %v; want false, %v", stored, err, tt.wantErr)
			}
		})
	}
	if _, err := s.LatestVersion(id); !errors.Is(err, redline.ErrVersionNotFound) {
		t.Errorf("LatestVersion after failed saves = %v, want ErrVersionNotFound", err)
	}
	if n, hash, err := s.LatestHash(id); err != nil || n != 0 || hash != "" {
		t.Errorf("LatestHash after failed saves = %d, %q, %v; want 0, \"\", nil", n, hash, err)
	}
	if _, _, err := s.LatestHash(99); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("LatestHash(unknown) = %v, want ErrStoryNotFound", err)
	}
}

func TestStore_Version(t *testing.T) {
	s, clock := newStore(t)
	id := addStory(t, s, "https://news.example/a")
	empty := addStory(t, s, "https://news.example/empty")
	a := redline.Article{
		Headline:   "Quake hits <coast> & \"inland\"",
		Byline:     "By A. Reporter",
		Dek:        "Rescue teams are on the way.",
		Published:  epoch.Add(-2 * time.Hour),
		Modified:   epoch.Add(-time.Hour),
		Paragraphs: []string{"First  paragraph,\twith odd   spacing.", "", "Ünïcödé — “quotes” 🚨", "Line\nbreak"},
		Notes:      []string{"Correction: the magnitude was 6.1, not 6.4."},
		Developing: true,
		Extractor:  "trafilatura",
	}
	want := redline.Version{StoryID: id, FetchedAt: epoch, URL: "https://news.example/a?x=1", HTTPStatus: 203,
		Article: a, Added: 12, Removed: 3}
	if _, err := s.SaveVersion(&want, nil); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	tests := []struct {
		name    string
		id      redline.StoryID
		n       int
		wantErr error
	}{
		{name: "stored", id: id, n: 1},
		{name: "zero", id: id, n: 0, wantErr: redline.ErrVersionNotFound},
		{name: "negative", id: id, n: -1, wantErr: redline.ErrVersionNotFound},
		{name: "past latest", id: id, n: 2, wantErr: redline.ErrVersionNotFound},
		{name: "story without versions", id: empty, n: 1, wantErr: redline.ErrVersionNotFound},
		{name: "unknown story", id: 99, n: 1, wantErr: redline.ErrStoryNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Version(tt.id, tt.n)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Version(%d, %d) = %v, want %v", tt.id, tt.n, err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("Version(%d, %d) =\n%+v\nwant\n%+v", tt.id, tt.n, got, want)
			}
		})
	}
	if _, err := s.LatestVersion(empty); !errors.Is(err, redline.ErrVersionNotFound) {
		t.Errorf("LatestVersion(no versions) = %v, want ErrVersionNotFound", err)
	}
	if vs, err := s.Versions(empty); err != nil || len(vs) != 0 {
		t.Errorf("Versions(no versions) = %v, %v; want empty", vs, err)
	}
}

func TestStore_SaveVersion_invalidUTF8(t *testing.T) {
	s, _ := newStore(t)
	id := addStory(t, s, "https://news.example/a")
	v, stored := save(t, s, id, redline.Article{Headline: "Bad \xff byte", Paragraphs: []string{"ok", "also \xc3\x28 bad"}}, nil)
	if !stored {
		t.Fatal("not stored")
	}
	got, err := s.Version(id, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ok", "also \uFFFD( bad"}
	if !reflect.DeepEqual(got.Article.Paragraphs, want) || got.Article.Headline != "Bad \uFFFD byte" {
		t.Errorf("read back %q / %q, want %q", got.Article.Headline, got.Article.Paragraphs, want)
	}
	if got.Hash != got.Article.Hash() || got.Hash != v.Hash {
		t.Errorf("hash %s does not match article read back (%s) or saved (%s)", got.Hash, got.Article.Hash(), v.Hash)
	}
	if _, again := save(t, s, id, got.Article, nil); again {
		t.Error("re-saving the sanitised article made a new version")
	}
}

// TestStore_Versions_chain saves 40 versions with random edits, so chains
// cross several keyframes, and reads every one back both ways.
func TestStore_Versions_chain(t *testing.T) {
	s, clock := newStore(t)
	id := addStory(t, s, "https://news.example/live")
	g := newGen(40)
	a := g.article(1200)
	var want []redline.Version
	var pages [][]byte
	for len(want) < 40 {
		clock.Advance(time.Minute)
		var raw []byte
		if len(want)%7 != 3 { // some versions arrive without HTML
			raw = page(a, g.sentence(6))
		}
		v, stored := save(t, s, id, a, raw)
		if stored {
			want = append(want, v)
			pages = append(pages, raw)
		}
		a = g.edit(a)
	}
	for i, w := range want {
		got, err := s.Version(id, i+1)
		if err != nil {
			t.Fatalf("Version(%d): %v", i+1, err)
		}
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("Version(%d) differs from what was saved", i+1)
		}
		raw, err := s.RawHTML(id, i+1)
		if err != nil {
			t.Fatalf("RawHTML(%d): %v", i+1, err)
		}
		if !bytes.Equal(raw, pages[i]) {
			t.Fatalf("RawHTML(%d) = %d bytes, want %d", i+1, len(raw), len(pages[i]))
		}
	}
	all, err := s.Versions(id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, want) {
		t.Fatalf("Versions() differs from what was saved (%d vs %d versions)", len(all), len(want))
	}
	if _, err := s.RawHTML(id, 41); !errors.Is(err, redline.ErrVersionNotFound) {
		t.Errorf("RawHTML past latest = %v, want ErrVersionNotFound", err)
	}
}
