package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// SaveVersion stores v as the next version of story v.StoryID if its
// article hash differs from the latest version's. It returns true when it
// stored v and false, with nothing written, when the article is identical.
//
// On success it sets v.N and v.Hash, fills v.FetchedAt if zero, sets
// v.RevertOf when the article restores an earlier version exactly (unless
// the caller set it, or v is a Reread), and updates the story's Versions,
// LastChanged (not for a Reread, which is no edit), Headline and
// Developing fields in the same transaction. raw is the page
// the article came from, kept as evidence; it may be nil.
//
// Invalid UTF-8 in the article is replaced with U+FFFD before hashing, so
// the stored hash matches what reads back. An empty article is refused
// with an error wrapping redline.ErrEmptyArticle; an unknown story with
// redline.ErrStoryNotFound.
func (s *Store) SaveVersion(v *redline.Version, raw []byte) (bool, error) {
	if v == nil {
		return false, errors.New("store: save version: nil version")
	}
	id := v.StoryID
	cand := *v
	cand.Article = validUTF8(cand.Article)
	cand.URL = strings.ToValidUTF8(cand.URL, "\uFFFD")
	if cand.Article.IsEmpty() {
		return false, fmt.Errorf("store: save version of story %d: %w", id, redline.ErrEmptyArticle)
	}
	cand.Hash = cand.Article.Hash()
	if cand.FetchedAt.IsZero() {
		cand.FetchedAt = s.now()
	}
	stored := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		st, err := getStory(tx, id)
		if err != nil {
			return err
		}
		data, err := historyOf(tx, id)
		if err != nil {
			return err
		}
		h, err := readHead(data)
		if err != nil {
			return err
		}
		if h.n > 0 && h.hash == cand.Hash {
			return nil
		}
		text, err := s.appendVersion(data, h, &cand, dictKeyFor(dictVersions, st.URL))
		if err != nil {
			return err
		}
		if err := s.putSummaries(tx, data, cand); err != nil {
			return err
		}
		if len(raw) > 0 {
			if err := s.appendRaw(data, uint64(cand.N), raw, dictKeyFor(dictPages, st.URL), text); err != nil {
				return fmt.Errorf("raw html: %w", err)
			}
		}
		st.Versions = cand.N
		if !cand.Reread {
			st.LastChanged = cand.FetchedAt
		}
		st.Headline = cand.Article.Headline
		st.Developing = cand.Article.Developing
		if err := putStory(tx, &st); err != nil {
			return err
		}
		stored = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: save version of story %d: %w", id, err)
	}
	if stored {
		*v = cand
	}
	return stored, nil
}

// appendVersion numbers cand after h, stores it and moves the head; a
// keyframe uses the dictionary of key. It returns the stored content, for
// the page's keyframe to use.
func (s *Store) appendVersion(data history, h head, cand *redline.Version, key dictKey) ([]byte, error) {
	vb := data.versions
	hashes := data.hashes
	var err error
	var prev []byte
	if h.n > 0 {
		if prev, err = s.readChained(vb, h.n); err != nil {
			return nil, fmt.Errorf("read version %d: %w", h.n, err)
		}
	}
	n := h.n + 1
	cand.N = int(n)
	if earlier := hashes.Get([]byte(cand.Hash)); earlier != nil && cand.RevertOf == 0 && !cand.Reread {
		m, err := parseU64(earlier)
		if err != nil {
			return nil, fmt.Errorf("%w: hash index: %w", ErrCorrupt, err)
		}
		cand.RevertOf = int(m)
	}
	plain, err := json.Marshal(cand)
	if err != nil {
		return nil, fmt.Errorf("encode version %d: %w", n, err)
	}
	if _, err := s.putChained(vb, n, plain, h.n, prev, key, nil); err != nil {
		return nil, fmt.Errorf("version %d: %w", n, err)
	}
	if err := hashes.Put([]byte(cand.Hash), u64(n)); err != nil {
		return nil, err
	}
	return plain, writeHead(data, head{n: n, hash: cand.Hash})
}

// appendRaw stores raw as the evidence of version n, chained to the most
// recent earlier page (versions saved without HTML leave gaps); a keyframe
// uses the dictionary of key and text, version n's stored content.
func (s *Store) appendRaw(data history, n uint64, raw []byte, key dictKey, text []byte) error {
	rb := data.pages
	var err error
	var prevN uint64
	var prev []byte
	if k, _ := rb.Cursor().Last(); k != nil {
		if prevN, err = parseU64(k); err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		if prev, err = s.readChained(rb, prevN); err != nil {
			return fmt.Errorf("read page %d: %w", prevN, err)
		}
	}
	_, err = s.putChained(rb, n, raw, prevN, prev, key, text)
	return err
}

// validUTF8 replaces invalid UTF-8, which encoding/json would otherwise
// rewrite on the way in and so change the article's hash on the way out.
func validUTF8(a redline.Article) redline.Article {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	a.Headline, a.Byline, a.Dek, a.Extractor = fix(a.Headline), fix(a.Byline), fix(a.Dek), fix(a.Extractor)
	fixAll := func(in []string) []string {
		for i, s := range in {
			if f := fix(s); f != s {
				out := make([]string, len(in))
				copy(out, in)
				for j := i; j < len(in); j++ {
					out[j] = fix(in[j])
				}
				return out
			}
		}
		return in
	}
	a.Paragraphs, a.Notes = fixAll(a.Paragraphs), fixAll(a.Notes)
	return a
}
