package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// Version returns version n of a story, or an error wrapping
// redline.ErrVersionNotFound (or redline.ErrStoryNotFound).
func (s *Store) Version(id redline.StoryID, n int) (redline.Version, error) {
	var v redline.Version
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		v, err = s.version(tx, id, n)
		return err
	})
	if err != nil {
		return redline.Version{}, fmt.Errorf("store: story %d version %d: %w", id, n, err)
	}
	return v, nil
}

// LatestHash returns the number and article hash of a story's newest
// version without decompressing anything; n is 0 when it has none. The
// tracker compares a fresh extraction's Article.Hash against it to skip
// diffing unchanged pages.
func (s *Store) LatestHash(id redline.StoryID) (n int, hash string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		_, h, err := storyHead(tx, id)
		n, hash = int(h.n), h.hash
		return err
	})
	if err != nil {
		return 0, "", fmt.Errorf("store: latest hash of story %d: %w", id, err)
	}
	return n, hash, nil
}

// LatestVersion returns the newest version of a story, or an error
// wrapping redline.ErrVersionNotFound when it has none yet.
func (s *Store) LatestVersion(id redline.StoryID) (redline.Version, error) {
	var v redline.Version
	err := s.db.View(func(tx *bolt.Tx) error {
		_, h, err := storyHead(tx, id)
		if err != nil {
			return err
		}
		if h.n == 0 {
			return redline.ErrVersionNotFound
		}
		v, err = s.version(tx, id, int(h.n))
		return err
	})
	if err != nil {
		return redline.Version{}, fmt.Errorf("store: latest version of story %d: %w", id, err)
	}
	return v, nil
}

func (s *Store) version(tx *bolt.Tx, id redline.StoryID, n int) (redline.Version, error) {
	data, err := storyData(tx, id)
	if err != nil {
		return redline.Version{}, err
	}
	vb := data.versions
	if n < 1 {
		return redline.Version{}, redline.ErrVersionNotFound
	}
	plain, err := s.readChained(vb, uint64(n))
	if errors.Is(err, errNoRecord) {
		return redline.Version{}, redline.ErrVersionNotFound
	}
	if err != nil {
		return redline.Version{}, err
	}
	return decodeVersion(plain)
}

func decodeVersion(plain []byte) (redline.Version, error) {
	var v redline.Version
	if err := json.Unmarshal(plain, &v); err != nil {
		return redline.Version{}, fmt.Errorf("%w: decode version: %w", ErrCorrupt, err)
	}
	return v, nil
}

// Versions returns every version of a story in order, with full articles.
// A story without versions yields an empty slice.
func (s *Store) Versions(id redline.StoryID) ([]redline.Version, error) {
	var out []redline.Version
	err := s.db.View(func(tx *bolt.Tx) error {
		data, h, err := storyHead(tx, id)
		if err != nil {
			return err
		}
		out = make([]redline.Version, 0, h.n)
		return s.forEachChained(data.versions, func(_ uint64, plain []byte) error {
			v, err := decodeVersion(plain)
			out = append(out, v)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: versions of story %d: %w", id, err)
	}
	return out, nil
}

// RawHTML returns the page version n was extracted from. It returns nil
// and no error when the version was saved without its page, an error
// wrapping redline.ErrPageDropped when retention dropped it, and one
// wrapping redline.ErrVersionNotFound when there is no such version.
func (s *Store) RawHTML(id redline.StoryID, n int) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		data, err := storyData(tx, id)
		if err != nil {
			return err
		}
		vb := data.versions
		if n < 1 || vb.Get(u64(uint64(n))) == nil {
			return redline.ErrVersionNotFound
		}
		rb := data.pages
		out, err = s.readChained(rb, uint64(n))
		if errors.Is(err, errNoRecord) {
			if at, ok := droppedPage(data, uint64(n)); ok {
				return fmt.Errorf("%w on %s; the version's text is kept", redline.ErrPageDropped, at.Format(time.DateOnly))
			}
			out, err = nil, nil
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: raw html of story %d version %d: %w", id, n, err)
	}
	return out, nil
}
