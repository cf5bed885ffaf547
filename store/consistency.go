package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/redline-news/redline"
)

// ErrCorrupt is returned when stored data breaks the layout's invariants:
// a record that does not decode, an index entry without its story, a
// version chain with a gap.
var ErrCorrupt = errors.New("database is corrupt")

// maxProblems bounds Check's report; past this many the rest is noise.
const maxProblems = 50

// Check verifies the whole database: bbolt's own page consistency, then
// every invariant of this package's layout, decoding every version and page.
// It reads everything, so it is for tests and `redline db check`, not for
// every startup. Problems are returned joined, wrapping ErrCorrupt.
func (s *Store) Check() error {
	problems, err := s.Problems()
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: check %s: %w: %w", s.path, ErrCorrupt, errors.Join(problems...))
	}
	return nil
}

// Problems runs Check and returns its findings one by one (at most
// maxProblems), for a report that lists them; err is for a check that
// could not run at all.
func (s *Store) Problems() ([]error, error) {
	var problems []error
	report := func(format string, args ...any) {
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Errorf(format, args...))
		}
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			report("bbolt page check: %w", err)
		}
		if v, _, err := readSchema(tx); err != nil || v < oldestReadable || v > SchemaVersion {
			report("schema version %d, want %d to %d (%v)", v, oldestReadable, SchemaVersion, err)
			return nil
		}
		c := &checker{s: s, tx: tx, report: report}
		// bbolt panics on some damaged pages instead of returning an
		// error; that is a finding here, not a crash.
		defer func() {
			if r := recover(); r != nil {
				report("a damaged page stopped the walk over stories and URLs: %v", r)
			}
		}()
		c.stories()
		c.urls()
		c.hosts()
		c.dicts()
		c.outbox()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: check %s: %w", s.path, err)
	}
	return problems, nil
}

type checker struct {
	s      *Store
	tx     *bolt.Tx
	report func(format string, args ...any)
}

func (c *checker) stories() {
	ids := map[string]bool{}
	_ = c.tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
		ids[string(k)] = true
		id, err := parseU64(k)
		if err != nil {
			c.report("stories: %w", err)
			return nil
		}
		st, err := getStory(c.tx, redline.StoryID(id))
		if err != nil {
			c.report("story %d: %w", id, err)
			return nil
		}
		if uint64(st.ID) != id {
			c.report("story %d: record says ID %d", id, st.ID)
		}
		if got := c.tx.Bucket(bucketURLs).Get([]byte(st.URL)); string(got) != string(k) {
			c.report("story %d: url %s not indexed to it", id, st.URL)
		}
		c.history(st)
		return nil
	})
	if c.tx.Bucket(bucketData) != nil {
		c.report("schema 1's data bucket is still there: the migration did not finish; open the file read-write to resume it")
	}
	for _, name := range slices.Concat(historyBuckets, [][]byte{bucketSummaries}) {
		b := c.tx.Bucket(name)
		if b == nil && string(name) == string(bucketSummaries) {
			continue // files from before it
		}
		if b == nil {
			c.report("missing %q bucket", name)
			continue
		}
		// One pass over each kind finds records no story owns, which a
		// per-story walk cannot see.
		var last []byte
		_ = b.ForEach(func(k, _ []byte) error {
			switch {
			case len(k) < 8 || (string(name) == string(bucketHeads) && len(k) != 8):
				c.report("%s: malformed key %x", name, k)
			case string(k[:8]) == string(last):
			case !ids[string(k[:8])]:
				c.report("%s: record %x of no story", name, k)
			default:
				last = k[:8]
			}
			return nil
		})
	}
}

func (c *checker) urls() {
	_ = c.tx.Bucket(bucketURLs).ForEach(func(k, v []byte) error {
		id, err := parseU64(v)
		if err != nil {
			c.report("url %s: %w", k, err)
			return nil
		}
		st, err := getStory(c.tx, redline.StoryID(id))
		if err != nil {
			c.report("url %s: story %d: %w", k, id, err)
			return nil
		}
		if st.URL == string(k) {
			return nil
		}
		data, err := storyData(c.tx, st.ID)
		if err != nil || data.aliases.Get(k) == nil {
			c.report("url %s: not an alias of story %d", k, id)
		}
		return nil
	})
}

// history checks one story's records of every kind.
func (c *checker) history(st redline.Story) {
	id := st.ID
	data, err := storyData(c.tx, id)
	if err != nil {
		c.report("story %d: %w", id, err)
		return
	}
	vb, rb, hb := data.versions, data.pages, data.hashes
	h, err := readHead(data)
	if err != nil {
		c.report("story %d: %w", id, err)
	}
	var last redline.Version
	var lines []redline.VersionSummary
	count := 0
	err = c.s.forEachChained(vb, func(n uint64, plain []byte) error {
		count++
		v, err := decodeVersion(plain)
		lines = append(lines, v.Summary())
		switch {
		case err != nil:
			c.report("story %d version %d: %w", id, n, err)
		case n != uint64(count) || v.N != count:
			c.report("story %d: version key %d holds N=%d, want %d", id, n, v.N, count)
		case v.StoryID != id:
			c.report("story %d version %d: belongs to story %d", id, n, v.StoryID)
		case v.Hash != v.Article.Hash():
			c.report("story %d version %d: stored hash %s, article hashes to %s", id, n, v.Hash, v.Article.Hash())
		case hb.Get([]byte(v.Hash)) == nil:
			c.report("story %d version %d: hash not indexed", id, n)
		}
		last = v
		return nil
	})
	if err != nil {
		c.report("story %d versions: %w", id, err)
	}
	if h.n != uint64(count) || st.Versions != count || (count > 0 && h.hash != last.Hash) {
		c.report("story %d: head says %d versions (hash %s), story says %d, found %d (hash %s)",
			id, h.n, h.hash, st.Versions, count, last.Hash)
	}
	_ = hb.ForEach(func(k, v []byte) error {
		n, err := parseU64(v)
		if err != nil || n < 1 || n > uint64(count) {
			c.report("story %d: hash %s indexed to bad version %x", id, k, v)
		}
		return nil
	})
	err = c.s.forEachChained(rb, func(n uint64, _ []byte) error {
		if n < 1 || n > uint64(count) {
			c.report("story %d: page for missing version %d", id, n)
		}
		return nil
	})
	if err != nil {
		c.report("story %d pages: %w", id, err)
	}
	_ = data.drops.ForEach(func(k, v []byte) error {
		n, err := parseU64(k)
		switch {
		case err != nil || n < 1 || n > uint64(count):
			c.report("story %d: dropped page %x of no version", id, k)
		case len(v) != 16:
			c.report("story %d: drop record of page %d has %d bytes, want 16", id, n, len(v))
		case rb.Get(k) != nil:
			c.report("story %d: page %d both stored and marked dropped", id, n)
		}
		return nil
	})
	c.checks(id, data.checks)
	c.summaries(id, lines)
	_ = data.aliases.ForEach(func(k, _ []byte) error {
		if got := c.tx.Bucket(bucketURLs).Get(k); string(got) != string(idKey(id)) {
			c.report("story %d: alias %s not indexed to it", id, k)
		}
		return nil
	})
}

func (c *checker) checks(id redline.StoryID, cb span) {
	_ = cb.ForEach(func(k, v []byte) error {
		if _, err := parseU64(k); err != nil {
			c.report("story %d check key: %w", id, err)
		}
		var ch redline.Check
		if err := json.Unmarshal(v, &ch); err != nil {
			c.report("story %d check %x: %w", id, k, err)
		}
		return nil
	})
}

// summaries checks that a story's history lines, where it has them, are
// one per version and say what its versions say.
func (c *checker) summaries(id redline.StoryID, want []redline.VersionSummary) {
	sp, ok := summariesOf(c.tx, id)
	if !ok {
		return
	}
	got, err := readSummaries(sp, nil)
	switch {
	case err != nil:
		c.report("story %d: %w", id, err)
	case len(got) == 0:
	case len(got) != len(want):
		c.report("story %d: %d history lines for %d versions", id, len(got), len(want))
	default:
		for i := range got {
			g, w := got[i], want[i]
			same := g.FetchedAt.Equal(w.FetchedAt)
			g.FetchedAt, w.FetchedAt = time.Time{}, time.Time{}
			if !same || g != w {
				c.report("story %d: history line of version %d says %+v, the version %+v", id, i+1, got[i], want[i])
			}
		}
	}
}
