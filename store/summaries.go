package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// bucketSummaries: story ID + version number → the version's line in the
// story's history, so a history (redline log, the story page, the stories
// page's strips) reads a few hundred bytes a version instead of decoding
// every article. It is created by the first version saved with it; files
// from before it, and stories whose history predates it, fall back to the
// versions themselves until the story's next save writes the lines of its
// whole history.
var bucketSummaries = []byte("summaries")

// summaryRecord is a VersionSummary as stored, with short keys.
type summaryRecord struct {
	N          int       `json:"n"`
	FetchedAt  time.Time `json:"t"`
	Hash       string    `json:"h"`
	Headline   string    `json:"hl,omitempty"`
	Words      int       `json:"w"`
	Added      int       `json:"a,omitempty"`
	Removed    int       `json:"r,omitempty"`
	Developing bool      `json:"d,omitempty"`
	RevertOf   int       `json:"rv,omitempty"`
	Reread     bool      `json:"rr,omitempty"`
	URL        string    `json:"u,omitempty"`
}

func toRecord(s redline.VersionSummary) summaryRecord { return summaryRecord(s) }

func (r summaryRecord) summary() redline.VersionSummary { return redline.VersionSummary(r) }

// summariesOf is story id's span of the summaries bucket, and false when
// the file has none yet.
func summariesOf(tx *bolt.Tx, id redline.StoryID) (span, bool) {
	b := tx.Bucket(bucketSummaries)
	if b == nil {
		return span{}, false
	}
	return span{b: b, prefix: idKey(id)}, true
}

// putSummaries writes the line of version v and, when the story's earlier
// versions have none (they were saved before the bucket existed), the
// lines of its whole history from data, so every story read after its
// next save is complete.
func (s *Store) putSummaries(tx *bolt.Tx, data history, v redline.Version) error {
	b, err := tx.CreateBucketIfNotExists(bucketSummaries)
	if err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketSummaries, err)
	}
	sp := span{b: b, prefix: idKey(data.id)}
	put := func(sum redline.VersionSummary) error {
		val, err := json.Marshal(toRecord(sum))
		if err != nil {
			return err
		}
		return sp.Put(u64(uint64(sum.N)), val)
	}
	if v.N > 1 && sp.Get(u64(uint64(v.N-1))) == nil {
		err := s.forEachChained(data.versions, func(n uint64, plain []byte) error {
			if n >= uint64(v.N) {
				return nil
			}
			old, err := decodeVersion(plain)
			if err != nil {
				return err
			}
			return put(old.Summary())
		})
		if err != nil {
			return fmt.Errorf("summaries of earlier versions: %w", err)
		}
	}
	return put(v.Summary())
}

// Summaries returns the line of every version of a story in order, without
// decoding the articles when the story's summaries are complete.
func (s *Store) Summaries(id redline.StoryID) ([]redline.VersionSummary, error) {
	var out []redline.VersionSummary
	err := s.db.View(func(tx *bolt.Tx) error {
		data, h, err := storyHead(tx, id)
		if err != nil {
			return err
		}
		out = make([]redline.VersionSummary, 0, h.n)
		if sp, ok := summariesOf(tx, id); ok {
			if out, err = readSummaries(sp, out); err != nil {
				return err
			}
			if uint64(len(out)) == h.n {
				return nil
			}
		}
		out = out[:0]
		return s.forEachChained(data.versions, func(_ uint64, plain []byte) error {
			v, err := decodeVersion(plain)
			out = append(out, v.Summary())
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: summaries of story %d: %w", id, err)
	}
	return out, nil
}

func readSummaries(sp span, out []redline.VersionSummary) ([]redline.VersionSummary, error) {
	c := sp.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var r summaryRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return out, fmt.Errorf("%w: summary %x: %w", ErrCorrupt, k, err)
		}
		out = append(out, r.summary())
	}
	return out, nil
}
