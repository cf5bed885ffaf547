package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

var bucketFeeds = []byte("feeds")

// FeedState is what discovery remembers about a feed between passes: its
// HTTP validators, so an unchanged feed costs a 304, and the item pages it
// has already looked into.
type FeedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastRead     time.Time `json:"last_read,omitzero"`
	// LastAttempt is the last read tried, answered or not; Error is its
	// failure. Kind, Items and Tracked are what the last read that returned
	// the feed found, which a 304 leaves standing.
	LastAttempt time.Time         `json:"last_attempt,omitzero"`
	Error       string            `json:"error,omitempty"`
	Kind        string            `json:"kind,omitempty"`
	Items       int               `json:"items,omitempty"`
	Tracked     []redline.StoryID `json:"tracked,omitempty"`
	// Probed are item URLs whose pages discovery already fetched to look
	// for a developing marker, oldest first.
	Probed []string `json:"probed,omitempty"`
}

// FeedState returns the remembered state of a feed URL; a feed never read
// has the zero state.
func (s *Store) FeedState(url string) (FeedState, error) {
	var st FeedState
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFeeds)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(url))
		if v == nil {
			return nil
		}
		return json.Unmarshal(v, &st)
	})
	if err != nil {
		return FeedState{}, fmt.Errorf("store: feed state of %s: %w", url, err)
	}
	return st, nil
}

// SaveFeedState records a feed's state; the caller sets LastRead, as only
// it knows whether the read got an answer.
func (s *Store) SaveFeedState(url string, st FeedState) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("store: feed state of %s: %w", url, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketFeeds)
		if err != nil {
			return err
		}
		return b.Put([]byte(url), data)
	})
	if err != nil {
		return fmt.Errorf("store: save feed state of %s: %w", url, err)
	}
	return nil
}
