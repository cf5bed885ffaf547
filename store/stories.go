package store

import (
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// AddStory starts tracking st.URL. It assigns st.ID, and st.AddedAt and
// st.Status (active) when they are zero. When the URL, or an alias of it,
// is already tracked it returns an error wrapping redline.ErrStoryExists
// and sets st.ID to the existing story's ID so callers can report it.
func (s *Store) AddStory(st *redline.Story) error {
	if st == nil {
		return errors.New("store: add story: nil story")
	}
	if st.URL == "" {
		return fmt.Errorf("store: add story: %w: empty URL", redline.ErrBadURL)
	}
	cand := *st
	if cand.AddedAt.IsZero() {
		cand.AddedAt = s.now()
	}
	if cand.Status == "" {
		cand.Status = redline.StatusActive
	}
	var existing redline.StoryID
	err := s.db.Update(func(tx *bolt.Tx) error {
		urls := tx.Bucket(bucketURLs)
		if v := urls.Get([]byte(cand.URL)); v != nil {
			id, err := parseU64(v)
			if err != nil {
				return fmt.Errorf("%w: url index: %w", ErrCorrupt, err)
			}
			existing = redline.StoryID(id)
			return fmt.Errorf("%w as story %d", redline.ErrStoryExists, id)
		}
		seq, err := tx.Bucket(bucketStories).NextSequence()
		if err != nil {
			return err
		}
		cand.ID = redline.StoryID(seq)
		if err := urls.Put([]byte(cand.URL), idKey(cand.ID)); err != nil {
			return err
		}
		return putStory(tx, &cand)
	})
	if existing != 0 {
		st.ID = existing
	}
	if err != nil {
		return fmt.Errorf("store: add story %s: %w", st.URL, err)
	}
	*st = cand
	return nil
}

// Story returns the story with the given ID, or an error wrapping
// redline.ErrStoryNotFound.
func (s *Store) Story(id redline.StoryID) (redline.Story, error) {
	var st redline.Story
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, err = getStory(tx, id)
		return err
	})
	if err != nil {
		return redline.Story{}, fmt.Errorf("store: story %d: %w", id, err)
	}
	return st, nil
}

// StoryByURL returns the story whose URL or alias is exactly url, or an
// error wrapping redline.ErrStoryNotFound. Callers normalise URLs first.
func (s *Store) StoryByURL(url string) (redline.Story, error) {
	var st redline.Story
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketURLs).Get([]byte(url))
		if v == nil {
			return redline.ErrStoryNotFound
		}
		id, err := parseU64(v)
		if err != nil {
			return fmt.Errorf("%w: url index: %w", ErrCorrupt, err)
		}
		st, err = getStory(tx, redline.StoryID(id))
		if errors.Is(err, redline.ErrStoryNotFound) {
			return fmt.Errorf("%w: url index points at missing story %d", ErrCorrupt, id)
		}
		return err
	})
	if err != nil {
		return redline.Story{}, fmt.Errorf("store: story with url %s: %w", url, err)
	}
	return st, nil
}

// Stories returns every story in ID order.
func (s *Store) Stories() ([]redline.Story, error) {
	var out []redline.Story
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
			var st redline.Story
			if err := json.Unmarshal(v, &st); err != nil {
				return fmt.Errorf("%w: story %x: %w", ErrCorrupt, k, err)
			}
			out = append(out, st)
			if len(out)%scanRelease == 0 {
				releaseMapped(tx)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: list stories: %w", err)
	}
	return out, nil
}

// UpdateStory applies fn to the stored story and saves the result in one
// transaction, so concurrent updates never lose each other's fields. An
// error from fn aborts the update and is returned wrapped. fn must not
// change the ID; when it changes the URL, the new URL must be free and the
// old one stays as an alias, so re-discovering it finds this story.
func (s *Store) UpdateStory(id redline.StoryID, fn func(*redline.Story) error) (redline.Story, error) {
	var st redline.Story
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		st, err = updateStory(tx, id, fn)
		return err
	})
	if err != nil {
		return redline.Story{}, fmt.Errorf("store: update story %d: %w", id, err)
	}
	return st, nil
}

// updateStory is UpdateStory inside the caller's transaction.
func updateStory(tx *bolt.Tx, id redline.StoryID, fn func(*redline.Story) error) (redline.Story, error) {
	st, err := getStory(tx, id)
	if err != nil {
		return st, err
	}
	oldURL := st.URL
	if err := fn(&st); err != nil {
		return st, err
	}
	if st.ID != id {
		return st, fmt.Errorf("story ID cannot change (to %d)", st.ID)
	}
	if st.URL == "" {
		return st, fmt.Errorf("%w: empty URL", redline.ErrBadURL)
	}
	if st.URL != oldURL {
		if err := addURL(tx, id, st.URL); err != nil {
			return st, err
		}
		if err := addURL(tx, id, oldURL); err != nil {
			return st, err
		}
	}
	return st, putStory(tx, &st)
}

// AddAlias makes url find story id, e.g. the final URL after a redirect or
// slug change. Adding an alias the story already has is a no-op; one that
// belongs to another story is an error wrapping redline.ErrStoryExists.
func (s *Store) AddAlias(id redline.StoryID, url string) error {
	if url == "" {
		return fmt.Errorf("store: alias for story %d: %w: empty URL", id, redline.ErrBadURL)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := getStory(tx, id); err != nil {
			return err
		}
		return addURL(tx, id, url)
	})
	if err != nil {
		return fmt.Errorf("store: alias %s for story %d: %w", url, id, err)
	}
	return nil
}

// Aliases returns the URLs other than its current URL that find a story,
// in byte order.
func (s *Store) Aliases(id redline.StoryID) ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := getStory(tx, id)
		if err != nil {
			return err
		}
		data, err := storyData(tx, id)
		if err != nil {
			return err
		}
		ab := data.aliases
		return ab.ForEach(func(k, _ []byte) error {
			if string(k) != st.URL {
				out = append(out, string(k))
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: aliases of story %d: %w", id, err)
	}
	return out, nil
}

// addURL points url at id in the index and records it as an alias so
// DeleteStory can find it. The story's own URL is recorded too; that is
// harmless and keeps the old URL after a URL change.
func addURL(tx *bolt.Tx, id redline.StoryID, url string) error {
	urls := tx.Bucket(bucketURLs)
	if v := urls.Get([]byte(url)); v != nil {
		other, err := parseU64(v)
		if err != nil {
			return fmt.Errorf("%w: url index: %w", ErrCorrupt, err)
		}
		if redline.StoryID(other) != id {
			return fmt.Errorf("%s: %w as story %d", url, redline.ErrStoryExists, other)
		}
	}
	if err := urls.Put([]byte(url), idKey(id)); err != nil {
		return err
	}
	data, err := storyData(tx, id)
	if err != nil {
		return err
	}
	ab := data.aliases
	return ab.Put([]byte(url), nil)
}

// DeleteStory removes a story with its versions, pages, checks and every
// URL that found it. It returns an error wrapping redline.ErrStoryNotFound
// for an unknown ID.
func (s *Store) DeleteStory(id redline.StoryID) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		st, err := getStory(tx, id)
		if err != nil {
			return err
		}
		urls := tx.Bucket(bucketURLs)
		dropURL := func(u []byte) error {
			if v := urls.Get(u); v != nil {
				if other, err := parseU64(v); err == nil && redline.StoryID(other) != id {
					return nil
				}
			}
			return urls.Delete(u)
		}
		if err := dropURL([]byte(st.URL)); err != nil {
			return err
		}
		data, err := historyOf(tx, id)
		if err != nil {
			return err
		}
		if err := data.aliases.ForEach(func(k, _ []byte) error { return dropURL(k) }); err != nil {
			return err
		}
		// A story is a key range in each kind's bucket, so deleting it is
		// a range delete per bucket.
		for _, p := range data.all() {
			if err := p.clear(); err != nil {
				return err
			}
		}
		if sp, ok := summariesOf(tx, id); ok {
			if err := sp.clear(); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketStories).Delete(idKey(id))
	})
	if err != nil {
		return fmt.Errorf("store: delete story %d: %w", id, err)
	}
	return nil
}

func getStory(tx *bolt.Tx, id redline.StoryID) (redline.Story, error) {
	v := tx.Bucket(bucketStories).Get(idKey(id))
	if v == nil {
		return redline.Story{}, redline.ErrStoryNotFound
	}
	var st redline.Story
	if err := json.Unmarshal(v, &st); err != nil {
		return redline.Story{}, fmt.Errorf("%w: decode story: %w", ErrCorrupt, err)
	}
	return st, nil
}

func putStory(tx *bolt.Tx, st *redline.Story) error {
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("encode story: %w", err)
	}
	return tx.Bucket(bucketStories).Put(idKey(st.ID), b)
}

// eachStoryID calls fn with the ID of every tracked story, in order.
func eachStoryID(tx *bolt.Tx, fn func(redline.StoryID) error) error {
	return tx.Bucket(bucketStories).ForEach(func(k, _ []byte) error {
		id, err := parseU64(k)
		if err != nil {
			return fmt.Errorf("%w: story key: %w", ErrCorrupt, err)
		}
		return fn(redline.StoryID(id))
	})
}

// scanRelease is how many records a scan of a whole bucket reads between
// releases of the file's mapping (releaseMapped): a few leaf pages, so the
// scan keeps a few of fault-around's 64 KiB spans mapped, not the file.
const scanRelease = 16
