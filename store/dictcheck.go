package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// eachDictRef calls fn for every shared or text keyframe among the
// versions and pages that uses a dictionary, with its bucket, full key and
// dictionary ID. It reads headers only.
func eachDictRef(tx *bolt.Tx, fn func(kind string, key []byte, dict uint64)) error {
	for _, name := range [][]byte{bucketVersions, bucketPages} {
		b := tx.Bucket(name)
		if b == nil {
			return fmt.Errorf("%w: missing %q bucket", ErrCorrupt, name)
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(v) == 0 || (v[0] != kindShared && v[0] != kindText) {
				continue
			}
			r, err := parseRecord(v)
			if err != nil {
				return fmt.Errorf("%s %x: %w", name, k, err)
			}
			if r.dict != 0 {
				fn(string(name), k, r.dict)
			}
		}
	}
	return nil
}

// unusedDicts lists the dictionaries no record uses any more (their
// stories purged, their pages dropped or re-anchored) and the host keys
// that point at them.
func unusedDicts(tx *bolt.Tx) (dicts, hosts [][]byte, err error) {
	db, hb := tx.Bucket(bucketDicts), tx.Bucket(bucketDictHosts)
	if db == nil || hb == nil {
		return nil, nil, nil
	}
	used := map[uint64]bool{}
	if err := eachDictRef(tx, func(_ string, _ []byte, id uint64) { used[id] = true }); err != nil {
		return nil, nil, err
	}
	_ = db.ForEach(func(k, _ []byte) error {
		if id, err := parseU64(k); err == nil && !used[id] {
			dicts = append(dicts, append([]byte(nil), k...))
		}
		return nil
	})
	_ = hb.ForEach(func(k, v []byte) error {
		if id, err := parseU64(v); err == nil && !used[id] {
			hosts = append(hosts, append([]byte(nil), k...))
		}
		return nil
	})
	return dicts, hosts, nil
}

// pruneDicts deletes the unused dictionaries, and any host's pointer at
// them, so that host's next keyframe starts a fresh one. Only Compact
// calls it, holding the store exclusively: a concurrent save could
// otherwise pick a dictionary this is about to delete. It writes nothing
// when there is nothing to delete.
func (s *Store) pruneDicts() (int, error) {
	var dicts, hosts [][]byte
	err := s.db.db.View(func(tx *bolt.Tx) error {
		var err error
		dicts, hosts, err = unusedDicts(tx)
		return err
	})
	if err != nil || len(dicts)+len(hosts) == 0 {
		return 0, err
	}
	err = s.db.db.Update(func(tx *bolt.Tx) error {
		for _, k := range hosts {
			if err := tx.Bucket(bucketDictHosts).Delete(k); err != nil {
				return err
			}
		}
		for _, k := range dicts {
			if err := tx.Bucket(bucketDicts).Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return len(dicts), err
}

// dicts checks that every dictionary decodes to its stated length, that
// every host points at a dictionary of its own kind and host, and that
// every shared keyframe's dictionary exists. It reads the stored
// dictionaries, never the cache, which could hide a deleted one.
func (c *checker) dicts() {
	keys := c.storedDicts()
	err := eachDictRef(c.tx, func(kind string, k []byte, id uint64) {
		if _, ok := keys[id]; !ok && len(k) == 16 {
			c.report("%s of story %d, record %d: dictionary %d missing", kind,
				binary.BigEndian.Uint64(k[:8]), binary.BigEndian.Uint64(k[8:]), id)
		}
	})
	if err != nil {
		c.report("dictionary references: %w", err)
	}
}

// storedDicts checks the dictionary buckets themselves and returns the
// key of every dictionary that parses.
func (c *checker) storedDicts() map[uint64]dictKey {
	keys := map[uint64]dictKey{}
	db, hb := c.tx.Bucket(bucketDicts), c.tx.Bucket(bucketDictHosts)
	if db == nil || hb == nil {
		// A schema-2 file opened read-only has none, and needs none.
		if v, _, _ := readSchema(c.tx); v >= 3 {
			c.report("missing dictionary buckets")
		}
		return keys
	}
	_ = db.ForEach(func(k, v []byte) error {
		id, err := parseU64(k)
		if err != nil {
			c.report("dictionary key %x: %w", k, err)
			return nil
		}
		d, err := parseDict(v)
		if err != nil {
			c.report("dictionary %d: %w", id, err)
			return nil
		}
		keys[id] = d.key
		plain, err := c.s.codec.decompress(d.frame, nil, int(d.plainLen))
		if err != nil || uint64(len(plain)) != d.plainLen {
			c.report("dictionary %d of %c %s: decodes to %d bytes of %d (%v)", id, d.key.kind, d.key.host, len(plain), d.plainLen, err)
		}
		return nil
	})
	_ = hb.ForEach(func(k, v []byte) error {
		id, err := parseU64(v)
		key, ok := keys[id]
		switch {
		case err != nil:
			c.report("dictionary of host key %q: %w", k, err)
		case !ok:
			c.report("host key %q points at missing dictionary %d", k, id)
		case string(key.bytes()) != string(k):
			c.report("host key %q points at dictionary %d of %c %s", k, id, key.kind, key.host)
		}
		return nil
	})
	return keys
}
