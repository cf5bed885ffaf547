package store_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// sitePage is a page of one site: the same head, navigation, scripts and
// footer around every story, as a newsroom's template gives them, and
// large enough that the template dominates it as it does on real sites.
func sitePage(site string, a redline.Article, noise string) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>" + a.Headline + " | " + site + "</title>")
	for i := range 40 {
		fmt.Fprintf(&b, `<script src="/static/%s/bundle-%d.js" integrity="sha384-%x" defer></script>`+"\n", site, i, sha256.Sum256([]byte(site+fmt.Sprint(i))))
	}
	b.WriteString("</head><body><nav>")
	for i := range 60 {
		fmt.Fprintf(&b, `<a class="nav-item nav-%d" href="https://%s/section/%d">Section %d of %s</a>`+"\n", i, site, i, i, site)
	}
	b.WriteString("</nav>")
	b.Write(page(a, noise))
	fmt.Fprintf(&b, "<footer>%s</footer></body></html>", strings.Repeat("© "+site+" — all rights reserved. ", 20))
	return []byte(b.String())
}

// rawRecords reads a backup of s with bbolt directly: the first byte of
// every record of kind ("versions" or "pages"), keyed by story and
// number, and how many dictionaries the file holds.
func rawRecords(t *testing.T, s *store.Store, kind string) (kinds map[string]byte, sizes map[string]int, dicts int) {
	t.Helper()
	db := openCopy(t, s)
	kinds, sizes = map[string]byte{}, map[string]int{}
	_ = db.View(func(tx *bolt.Tx) error {
		_ = tx.Bucket([]byte(kind)).ForEach(func(k, v []byte) error {
			key := fmt.Sprintf("%d/%d", bytesID(k[:8]), bytesID(k[8:]))
			kinds[key], sizes[key] = v[0], len(v)
			return nil
		})
		if b := tx.Bucket([]byte("dicts")); b != nil {
			dicts = b.Stats().KeyN
		}
		return nil
	})
	return kinds, sizes, dicts
}

func bytesID(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}

// aloneSize is what plain costs as a keyframe compressed alone, as every
// keyframe was before shared dictionaries.
func aloneSize(t *testing.T, plain []byte) int {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return len(enc.EncodeAll(plain, nil))
}

type siteStory struct {
	id    redline.StoryID
	pages [][]byte
	vers  []redline.Version
}

// fillSites tracks perSite stories on each site, giving the first one of
// every site more than KeyframeEvery versions so its chain restarts.
func fillSites(t *testing.T, s *store.Store, sites []string, perSite int) []*siteStory {
	t.Helper()
	g := newGen(7)
	var out []*siteStory
	for _, site := range sites {
		for i := range perSite {
			st := &siteStory{id: addStory(t, s, fmt.Sprintf("https://%s/2026/story-%d", site, i))}
			versions := 2
			if i == 0 {
				versions = store.KeyframeEvery + 3
			}
			a := g.article(300)
			for range versions {
				raw := sitePage(site, a, g.sentence(5))
				v, stored := save(t, s, st.id, a, raw)
				if !stored {
					t.Fatal("edit not stored")
				}
				st.pages, st.vers = append(st.pages, raw), append(st.vers, v)
				a = g.edit(a)
			}
			out = append(out, st)
		}
	}
	return out
}

// readBack fails unless every version and page of stories reads back
// byte-identical through every read path.
func readBack(t *testing.T, s *store.Store, stories []*siteStory) {
	t.Helper()
	for _, st := range stories {
		vs, err := s.Versions(st.id)
		if err != nil || len(vs) != len(st.vers) {
			t.Fatalf("story %d: %d versions, %v; want %d", st.id, len(vs), err, len(st.vers))
		}
		for i, want := range st.vers {
			one, err := s.Version(st.id, want.N)
			if err != nil || one.Hash != want.Hash || vs[i].Hash != want.Hash || !one.FetchedAt.Equal(want.FetchedAt) {
				t.Errorf("story %d version %d: %v, %v", st.id, want.N, one.Hash, err)
			}
			raw, err := s.RawHTML(st.id, want.N)
			if err != nil || !bytes.Equal(raw, st.pages[i]) {
				t.Errorf("story %d page %d: %d bytes, %v; want the %d stored", st.id, want.N, len(raw), err, len(st.pages[i]))
			}
		}
		i := 0
		err = s.EachVersion(st.id, true, func(v redline.Version, raw []byte) error {
			if v.Hash != st.vers[i].Hash || !bytes.Equal(raw, st.pages[i]) {
				t.Errorf("EachVersion story %d #%d differs", st.id, i+1)
			}
			i++
			return nil
		})
		if err != nil {
			t.Errorf("EachVersion story %d: %v", st.id, err)
		}
	}
}

// TestStore_SharedDict_roundTrip: keyframes of versions and pages are
// compressed against one dictionary per site and kind (pages with their
// version's text too), read back byte-identical (also from a fresh
// process, with nothing cached), and a story's page costs a fraction of a
// keyframe compressed alone.
func TestStore_SharedDict_roundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "redline.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sites := []string{"127.0.0.2:8080", "127.0.0.3:8080"}
	stories := fillSites(t, s, sites, 4)
	readBack(t, s, stories)
	for _, kind := range []string{"versions", "pages"} {
		kinds, _, dicts := rawRecords(t, s, kind)
		if dicts != 2*len(sites) {
			t.Errorf("%d dictionaries, want one per site and kind (%d)", dicts, 2*len(sites))
		}
		for key, k := range kinds {
			n := key[strings.IndexByte(key, '/')+1:]
			want := map[bool]byte{true: 'S', false: 'D'}[n == "1" || n == fmt.Sprint(store.KeyframeEvery+1)]
			// A page keyframe is a text keyframe, except the one that
			// became its site's dictionary.
			source := key == fmt.Sprintf("%d/1", stories[0].id) || key == fmt.Sprintf("%d/1", stories[4].id)
			if kind == "pages" && want == 'S' && !source {
				want = 'T'
			}
			if k != want {
				t.Errorf("%s record %s has kind %q, want %q", kind, key, k, want)
			}
		}
	}
	_, sizes, _ := rawRecords(t, s, "pages")
	for _, st := range stories[1:4] {
		got, alone := sizes[fmt.Sprintf("%d/1", st.id)], aloneSize(t, st.pages[0])
		if got*2 > alone {
			t.Errorf("story %d's first page takes %d bytes against its site's dictionary, %d alone; want under half", st.id, got, alone)
		}
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	readBack(t, s, stories)
}

// TestStore_SharedDict_smallAndUnlike: a record too small to be worth a
// dictionary is a keyframe alone, and one that the site's dictionary
// does not help (a redesign) becomes the site's new dictionary, with the
// old one kept for the records that use it.
func TestStore_SharedDict_smallAndUnlike(t *testing.T) {
	s, _ := newStore(t)
	g := newGen(3)
	small := addStory(t, s, "https://127.0.0.4/tiny")
	a := g.article(20)
	save(t, s, small, a, []byte("<p>"+a.Headline+"</p>"))
	kinds, _, dicts := rawRecords(t, s, "pages")
	// The version is under 1 KiB too; the page, all headline, is cheapest
	// against its version's text.
	if kinds[fmt.Sprintf("%d/1", small)] != 'T' || dicts != 0 {
		t.Errorf("tiny page: kind %q with %d dictionaries; want 'T' and none", kinds[fmt.Sprintf("%d/1", small)], dicts)
	}
	first := addStory(t, s, "https://127.0.0.4/a")
	b := g.article(300)
	save(t, s, first, b, sitePage("old.design", b, "x"))
	redesigned := addStory(t, s, "https://127.0.0.4/b")
	c := g.article(300)
	newPage := []byte(strings.Repeat(g.paragraph()+"\n", 40))
	save(t, s, redesigned, c, newPage)
	later := addStory(t, s, "https://127.0.0.4/c")
	save(t, s, later, c, append([]byte("<!-- c -->"), newPage...))
	kinds, sizes, dicts := rawRecords(t, s, "pages")
	if dicts != 3 { // the versions', the old design's, the new one's
		t.Errorf("%d dictionaries after a redesign, want 3", dicts)
	}
	if k := kinds[fmt.Sprintf("%d/1", later)]; k != 'S' || sizes[fmt.Sprintf("%d/1", later)] > 200 {
		t.Errorf("page after the redesign: kind %q, %d bytes; want 'S' and a few bytes against the new design",
			k, sizes[fmt.Sprintf("%d/1", later)])
	}
	for id, want := range map[redline.StoryID][]byte{first: sitePage("old.design", b, "x"), redesigned: newPage} {
		if raw, err := s.RawHTML(id, 1); err != nil || !bytes.Equal(raw, want) {
			t.Errorf("story %d page: %d bytes, %v", id, len(raw), err)
		}
	}
}

// TestStore_SharedDict_purgeAndCompact: purging the story whose page is
// its site's dictionary keeps the dictionary for the others, and so does
// compact; once no record uses it, compact drops it, and the site's next
// page starts a new one.
func TestStore_SharedDict_purgeAndCompact(t *testing.T) {
	s, _ := newStore(t)
	stories := fillSites(t, s, []string{"127.0.0.5", "127.0.0.6"}, 3)
	if err := s.DeleteStory(stories[0].id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	readBack(t, s, stories[1:])
	if _, _, dicts := rawRecords(t, s, "pages"); dicts != 4 {
		t.Errorf("%d dictionaries after purging their first story, want all 4 kept", dicts)
	}
	for _, st := range stories[1:3] {
		if err := s.DeleteStory(st.id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check after purging a site: %v", err)
	}
	if _, err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if _, _, dicts := rawRecords(t, s, "pages"); dicts != 2 {
		t.Errorf("%d dictionaries after compact, want the purged site's 2 dropped", dicts)
	}
	readBack(t, s, stories[3:])
	again := fillSites(t, s, []string{"127.0.0.5"}, 1)
	readBack(t, s, again)
	if _, _, dicts := rawRecords(t, s, "pages"); dicts != 4 {
		t.Errorf("%d dictionaries after the site came back, want 4", dicts)
	}
}

// TestStore_SharedDict_retention: dropping old pages, the dictionary's
// own source among them, keeps every remaining page readable; the page
// re-anchored as a keyframe uses the dictionary and its version too.
func TestStore_SharedDict_retention(t *testing.T) {
	s, clk := newStore(t)
	stories := fillSites(t, s, []string{"127.0.0.7"}, 2)
	clk.Advance(time.Hour)
	res, err := s.DropPagesBefore(clk.Now())
	if err != nil || res.Pages != len(stories[0].pages)-1+len(stories[1].pages)-1 {
		t.Fatalf("DropPagesBefore = %+v, %v", res, err)
	}
	kinds, _, dicts := rawRecords(t, s, "pages")
	if len(kinds) != 2 || dicts != 2 {
		t.Fatalf("%d pages and %d dictionaries left, want 2 and 2", len(kinds), dicts)
	}
	for _, st := range stories {
		n := len(st.pages)
		if k := kinds[fmt.Sprintf("%d/%d", st.id, n)]; k != 'T' {
			t.Errorf("story %d's kept page is kind %q, want a text keyframe", st.id, k)
		}
		if raw, err := s.RawHTML(st.id, n); err != nil || !bytes.Equal(raw, st.pages[n-1]) {
			t.Errorf("story %d newest page: %d bytes, %v", st.id, len(raw), err)
		}
		if _, err := s.RawHTML(st.id, 1); !errors.Is(err, redline.ErrPageDropped) {
			t.Errorf("story %d page 1: %v, want ErrPageDropped", st.id, err)
		}
	}
}

// TestStore_Check_missingDict: a file whose dictionary is gone fails
// Check naming the record and the dictionary, and reading the record is
// a corruption error, not wrong bytes.
func TestStore_Check_missingDict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "redline.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stories := fillSites(t, s, []string{"127.0.0.8"}, 2)
	s.Close()
	rawUpdateFile(t, path, func(tx *bolt.Tx) error {
		// Dictionaries are numbered in creation order: the version's,
		// then the page's.
		return tx.Bucket([]byte("dicts")).Delete([]byte{0, 0, 0, 0, 0, 0, 0, 2})
	})
	s, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Check()
	want := fmt.Sprintf("pages of story %d, record 1: dictionary 2 missing", stories[1].id)
	if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), want) {
		t.Errorf("Check() = %v; want ErrCorrupt saying %q", err, want)
	}
	if _, err := s.RawHTML(stories[1].id, 1); !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), "dictionary 2 missing") {
		t.Errorf("RawHTML with its dictionary gone = %v, want ErrCorrupt naming it", err)
	}
	if v, err := s.Version(stories[1].id, 1); err != nil || v.Hash != stories[1].vers[0].Hash {
		t.Errorf("version of that story, whose dictionary is intact: %v, %v", v.Hash, err)
	}
}

// TestOpen_Schema2 opens a file made by the schema-2 release: read-only it
// reads as it is without a write; read-write it moves to schema 3 with
// every record byte-identical, and new keyframes then use dictionaries
// while the old records read back unchanged.
func TestOpen_Schema2(t *testing.T) {
	path, want := schema2File(t)
	before, _ := os.ReadFile(path)
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open(schema 2 file) = %v", err)
	}
	compareFixture(t, ro, want)
	if err := ro.Check(); err != nil {
		t.Errorf("Check() of a schema-2 file read-only: %v", err)
	}
	ro.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a read-only open changed the file")
	}

	s, err := store.Open(path, store.Options{KeepChecks: fixtureKeep})
	if err != nil {
		t.Fatalf("Open(schema 2 file) = %v", err)
	}
	compareFixture(t, s, want)
	if err := s.Check(); err != nil {
		t.Errorf("Check() after the schema step: %v", err)
	}
	s.Close()
	compareRecords(t, path, want)

	readsBesideNewRecords(t, path, want, "schema-2")
}
