package redline_test

import (
	"testing"

	"github.com/redline-news/redline"
)

// Hashes are stored with every version and compared with every fetch, so
// the bytes they are made of must never change: a new hash for the same
// article would turn every tracked story into an edit.
func TestArticle_Hash_stable(t *testing.T) {
	a := redline.Article{
		Headline:   "Harbour bridge to stay closed “for weeks”",
		Byline:     "Jane Doe",
		Dek:        "Engineers inspect the damage.",
		Paragraphs: []string{"City officials said on Thursday that the bridge would stay closed.", "", "The ﬁrst ferry leaves at 6 a.m. — weather permitting."},
		Notes:      []string{"Correction: an earlier version misstated the date."},
	}
	const want = "a3de7520f4badcedd6a95bd9e0630e43" // as every release before wrote it
	if got := a.Hash(); got != want {
		t.Errorf("Hash() = %s, want %s", got, want)
	}
}
