package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketHosts holds one record per host the tracker has seen fail. It is
// created on first write rather than by a schema step, so databases of
// schema 1 open read-only as before and simply have no host records.
var bucketHosts = []byte("hosts")

// HostRecord is what the tracker remembers about a failing host between
// passes and processes, so a cron crawl respects a pause set by the run
// before it.
type HostRecord struct {
	Host string `json:"host"`
	// Failures counts the host's consecutive pauses, for the doubling.
	Failures int       `json:"failures"`
	Until    time.Time `json:"until,omitzero"`
	Reason   string    `json:"reason,omitempty"`
	// Streak holds the distinct stories whose 5xx answers, with no success
	// from the host in between, began at StreakSince.
	Streak      []uint64  `json:"streak,omitempty"`
	StreakSince time.Time `json:"streak_since,omitzero"`
}

// Hosts returns every host record in host order.
func (s *Store) Hosts() ([]HostRecord, error) {
	var out []HostRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketHosts)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var h HostRecord
			if err := json.Unmarshal(v, &h); err != nil {
				return fmt.Errorf("%w: host %q: %w", ErrCorrupt, k, err)
			}
			out = append(out, h)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: list hosts: %w", err)
	}
	return out, nil
}

// PutHost stores h under h.Host, replacing any earlier record.
func (s *Store) PutHost(h HostRecord) error {
	if h.Host == "" {
		return fmt.Errorf("store: put host: empty host name")
	}
	b, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("store: put host %s: encode: %w", h.Host, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		hb, err := tx.CreateBucketIfNotExists(bucketHosts)
		if err != nil {
			return err
		}
		return hb.Put([]byte(h.Host), b)
	})
	if err != nil {
		return fmt.Errorf("store: put host %s: %w", h.Host, err)
	}
	return nil
}

// DeleteHost forgets a host; deleting one never stored is a no-op.
func (s *Store) DeleteHost(host string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		hb := tx.Bucket(bucketHosts)
		if hb == nil {
			return nil
		}
		return hb.Delete([]byte(host))
	})
	if err != nil {
		return fmt.Errorf("store: delete host %s: %w", host, err)
	}
	return nil
}

// hosts checks that every host record decodes and is filed under its name.
func (c *checker) hosts() {
	hb := c.tx.Bucket(bucketHosts)
	if hb == nil {
		return
	}
	_ = hb.ForEach(func(k, v []byte) error {
		var h HostRecord
		if err := json.Unmarshal(v, &h); err != nil {
			c.report("host %q: %v", k, err)
		} else if h.Host != string(k) {
			c.report("host record %q filed under %q", h.Host, k)
		}
		return nil
	})
}
