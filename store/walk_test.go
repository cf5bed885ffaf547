package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
)

// fetchedHeader is a response header like a news site's, varying per fetch
// the way real ones do (date, request ID, cache age).
func fetchedHeader(i int) http.Header {
	return http.Header{
		"Content-Type":              {"text/html; charset=utf-8"},
		"Date":                      {fmt.Sprintf("Sat, 14 Mar 2026 09:%02d:%02d GMT", i/60%60, i%60)},
		"Etag":                      {fmt.Sprintf(`W/"%08x"`, i*2654435761)},
		"Last-Modified":             {"Sat, 14 Mar 2026 08:59:00 GMT"},
		"Cache-Control":             {"max-age=60, public"},
		"Server":                    {"nginx"},
		"Vary":                      {"Accept-Encoding", "Cookie"},
		"X-Request-Id":              {fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)},
		"Age":                       {fmt.Sprint(i % 60)},
		"Set-Cookie":                {"edition=us; Path=/", fmt.Sprintf("ab=%d; Path=/; Max-Age=3600", i%7)},
		"X-Cache":                   {"HIT"},
		"Strict-Transport-Security": {"max-age=31536000"},
	}
}

func TestStore_EachVersion(t *testing.T) {
	s, _ := newStore(t)
	id := addStory(t, s, "https://news.example/walk")
	other := addStory(t, s, "https://news.example/other")
	g := newGen(42)
	a := g.article(300)
	// More versions than a chain holds, a page missing now and then, and
	// headers only on the later versions (as in a database from before
	// headers were stored).
	const total = 2*store.KeyframeEvery + 5
	for n := 1; n <= total; {
		a = g.edit(a)
		var raw []byte
		if n%5 != 0 {
			raw = page(a, fmt.Sprint(n))
		}
		v := redline.Version{StoryID: id, URL: "https://news.example/walk", HTTPStatus: 200, Article: a}
		if n > 10 {
			v.Header = fetchedHeader(n)
		}
		stored, err := s.SaveVersion(&v, raw)
		if err != nil {
			t.Fatal(err)
		}
		if stored {
			n++
		}
	}
	defer store.SetWalkBatchBytes(4 << 10)()

	for _, pages := range []bool{true, false} {
		t.Run(fmt.Sprintf("pages=%t", pages), func(t *testing.T) {
			n := 0
			err := s.EachVersion(id, pages, func(v redline.Version, raw []byte) error {
				n++
				want, err := s.Version(id, n)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(v, want) {
					t.Errorf("version %d = %+v, want %+v", n, v, want)
				}
				if (v.Header == nil) != (n <= 10) {
					t.Errorf("version %d header = %v, want one only after version 10", n, v.Header)
				}
				wantRaw, err := s.RawHTML(id, n)
				if err != nil {
					return err
				}
				if !pages {
					wantRaw = nil
				}
				if !bytes.Equal(raw, wantRaw) {
					t.Errorf("page %d: %d bytes, want %d", n, len(raw), len(wantRaw))
				}
				// fn runs outside any transaction, so writing here
				// neither deadlocks nor shows up in this walk.
				_, err = s.SaveVersion(&redline.Version{StoryID: other, Article: g.article(20)}, nil)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if n != total {
				t.Errorf("walked %d versions, want %d", n, total)
			}
		})
	}

	t.Run("snapshot at start", func(t *testing.T) {
		n := 0
		err := s.EachVersion(id, false, func(v redline.Version, _ []byte) error {
			n++
			_, err := s.SaveVersion(&redline.Version{StoryID: id, Article: g.edit(v.Article)}, nil)
			return err
		})
		if err != nil || n != total {
			t.Fatalf("walked %d versions (err %v), want the %d there at the start", n, err, total)
		}
	})
}

func TestStore_EachVersion_errors(t *testing.T) {
	s, _ := newStore(t)
	id := addStory(t, s, "https://news.example/e")
	empty := addStory(t, s, "https://news.example/empty")
	g := newGen(3)
	save(t, s, id, g.article(50), nil)
	save(t, s, id, g.article(50), nil)

	if err := s.EachVersion(99, true, func(redline.Version, []byte) error { return nil }); !errors.Is(err, redline.ErrStoryNotFound) {
		t.Errorf("unknown story: err = %v, want ErrStoryNotFound", err)
	}
	calls := 0
	if err := s.EachVersion(empty, true, func(redline.Version, []byte) error { calls++; return nil }); err != nil || calls != 0 {
		t.Errorf("story without versions: %d calls, err %v; want none", calls, err)
	}
	stop := errors.New("reader gave up")
	calls = 0
	err := s.EachVersion(id, true, func(redline.Version, []byte) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("fn error: got %v after %d calls, want fn's own error after 1", err, calls)
	}
}

// BenchmarkStore_SaveVersion_header is BenchmarkStore_SaveVersion with the
// response header stored on every version; the difference in version-B/op
// is what keeping headers costs.
func BenchmarkStore_SaveVersion_header(b *testing.B) {
	s, _ := newStore(b)
	id := addStory(b, s, "https://news.example/bench")
	g := newGen(1200)
	a := g.article(1200)
	save(b, s, id, a, page(a, "x"))
	arts := make([]redline.Article, b.N)
	for i := range arts {
		a.Paragraphs = append([]string(nil), a.Paragraphs...)
		j := i % len(a.Paragraphs)
		a.Paragraphs[j] = g.editParagraph(a.Paragraphs[j])
		arts[i] = a
	}
	before := stats(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		v := redline.Version{StoryID: id, Article: arts[i], Header: fetchedHeader(i)}
		if stored, err := s.SaveVersion(&v, nil); err != nil || !stored {
			b.Fatalf("SaveVersion = %v, %v", stored, err)
		}
	}
	b.StopTimer()
	after := stats(b, s)
	b.ReportMetric(float64(after.VersionBytes-before.VersionBytes)/float64(b.N), "version-B/op")
}
