package store

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// The check must see history lines that no longer say what the versions
// say, or a history page could show an edit that is not stored.
func TestCheck_summaries(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(sp span) error
		want    string
	}{
		{"a line that lies", func(sp span) error {
			var r summaryRecord
			if err := json.Unmarshal(sp.Get(u64(2)), &r); err != nil {
				return err
			}
			r.Words += 10
			v, _ := json.Marshal(r)
			return sp.Put(u64(2), v)
		}, "history line of version 2"},
		{"a line missing", func(sp span) error { return sp.Delete(u64(1)) }, "1 history lines for 2 versions"},
		{"a line that does not decode", func(sp span) error { return sp.Put(u64(1), []byte("{")) }, "summary"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "r.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			st := redline.Story{URL: "https://news.example/a"}
			if err := s.AddStory(&st); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"First words here.", "First words here, and more."} {
				v := redline.Version{StoryID: st.ID, Article: redline.Article{Headline: "H", Paragraphs: []string{p}}}
				if _, err := s.SaveVersion(&v, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Check(); err != nil {
				t.Fatalf("check before breaking: %v", err)
			}
			err = s.db.Update(func(tx *bolt.Tx) error {
				sp, _ := summariesOf(tx, st.ID)
				return tc.corrupt(sp)
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("check = %v, want a problem containing %q", err, tc.want)
			}
		})
	}
}
