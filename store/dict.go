package store

import (
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Shared dictionaries (schema 3). A story's first page, and every
// KeyframeEvery-th after it, would otherwise be compressed alone, and
// almost all of a small file is those keyframes. Pages of one site share
// their template, navigation and scripts, and its versions their JSON
// shape and boilerplate, so a keyframe is compressed against a record of
// the same kind from the same host, stored once:
//
//	dicts       dictionary ID → kind, host, length, zstd frame (alone)
//	dict_hosts  kind + host → the ID new keyframes of that kind use
//
// A dictionary is immutable and its ID is never reused, so a decoded one
// can be cached for the Store's life.
var (
	bucketDicts     = []byte("dicts")
	bucketDictHosts = []byte("dict_hosts")
)

// Kinds of records a dictionary serves, the first byte of its host key.
const (
	dictVersions byte = 'v'
	dictPages    byte = 'p'
)

const (
	// maxDictSize caps a dictionary: a page's head, navigation and
	// scripts come first, and zstd stops finding matches far back in a
	// dictionary of about a megabyte anyway (see largeDict).
	maxDictSize = 256 << 10
	// minDictSource keeps tiny records from becoming dictionaries: they
	// cost as much stored once as they save.
	minDictSource = 1 << 10
	// dictMinSaving is the share of a keyframe's size the host's
	// dictionary must save; below it (a redesign, an odd first page) the
	// record becomes the host's new dictionary. That costs about what the
	// keyframe alone would have, since the record itself then costs
	// bytes, not kilobytes.
	dictMinSaving = 0.10
	// dictCacheBytes bounds the decoded dictionaries a Store keeps.
	dictCacheBytes = 16 << 20
)

// dictKey names the dictionary a keyframe may use; the zero value means
// none (a record of no known host).
type dictKey struct {
	kind byte
	host string
}

// dictKeyFor is the key of records of kind for a story at storyURL. The
// story's URL, not the fetch's, decides, so a story's keyframes keep one
// host across redirects.
func dictKeyFor(kind byte, storyURL string) dictKey {
	u, err := url.Parse(storyURL)
	if err != nil || u.Host == "" {
		return dictKey{}
	}
	return dictKey{kind: kind, host: strings.ToLower(u.Host)}
}

func (k dictKey) bytes() []byte { return append([]byte{k.kind}, k.host...) }

// keyframe returns the stored form of plain, record n, as a chain's first
// record: the smallest of plain alone, against the host's dictionary, and,
// when text (version n's content) is given, a text keyframe against the
// host's dictionary and text together (text.go). A record the host's
// dictionary shrinks by less than a tenth becomes the host's new
// dictionary when the host has none or the record is mostly what a
// dictionary can share (a redesign): with its article's words taken by
// its version, a page that is mostly those words would otherwise make
// itself a dictionary that costs more than it saves. The dictionary is
// written in tx, so it commits with the first record that uses it or not
// at all.
func (s *Store) keyframe(tx *bolt.Tx, plain []byte, key dictKey, n uint64, text []byte) ([]byte, error) {
	best, err := s.codec.compress(recordHeader(kindKeyframe, 0, 0, len(plain)), plain, nil)
	if err != nil || !tx.Writable() {
		return best, err
	}
	alone := len(best)
	withText := func(id uint64, dict []byte) error {
		if text == nil {
			return nil
		}
		t, err := s.codec.compressShared(recordHeader(kindText, 0, id, len(plain), n), plain, joinDict(dict, text), textDictID)
		if err == nil && len(t) < len(best) {
			best = t
		}
		return err
	}
	if err := withText(0, nil); err != nil || key.kind == 0 {
		return best, err
	}
	id, dict, err := s.hostDict(tx, key)
	if err != nil {
		return nil, err
	}
	if id != 0 {
		undict := len(best)
		shared, err := s.codec.compressShared(recordHeader(kindShared, 0, id, len(plain)), plain, dict, sharedDictID)
		if err != nil {
			return nil, err
		}
		if len(shared) < len(best) {
			best = shared
		}
		if err := withText(id, dict); err != nil {
			return nil, err
		}
		if float64(len(best)) <= float64(undict)*(1-dictMinSaving) || undict*2 < alone {
			return best, nil
		}
	}
	if len(plain) < minDictSource {
		return best, nil
	}
	dict = append([]byte(nil), plain[:min(len(plain), maxDictSize)]...)
	if id, err = s.putDict(tx, key, dict); err != nil {
		return nil, err
	}
	return s.codec.compressShared(recordHeader(kindShared, 0, id, len(plain)), plain, dict, sharedDictID)
}

// hostDict returns the dictionary new keyframes of key use, or ID 0.
func (s *Store) hostDict(tx *bolt.Tx, key dictKey) (uint64, []byte, error) {
	hb := tx.Bucket(bucketDictHosts)
	if hb == nil {
		return 0, nil, nil
	}
	v := hb.Get(key.bytes())
	if v == nil {
		return 0, nil, nil
	}
	id, err := parseU64(v)
	if err != nil {
		return 0, nil, fmt.Errorf("%w: dictionary of %c %s: %w", ErrCorrupt, key.kind, key.host, err)
	}
	dict, err := s.dictContent(tx, id)
	return id, dict, err
}

// putDict stores dict as a new dictionary and makes it key's current one.
func (s *Store) putDict(tx *bolt.Tx, key dictKey, dict []byte) (uint64, error) {
	db, hb := tx.Bucket(bucketDicts), tx.Bucket(bucketDictHosts)
	if db == nil || hb == nil {
		return 0, fmt.Errorf("%w: missing dictionary buckets", ErrCorrupt)
	}
	id, err := db.NextSequence()
	if err != nil {
		return 0, err
	}
	val := []byte{key.kind}
	val = binary.AppendUvarint(val, uint64(len(key.host)))
	val = append(val, key.host...)
	val = binary.AppendUvarint(val, uint64(len(dict)))
	if val, err = s.codec.compress(val, dict, nil); err != nil {
		return 0, fmt.Errorf("dictionary %d: %w", id, err)
	}
	db.FillPercent = appendFill
	if err := db.Put(u64(id), val); err != nil {
		return 0, fmt.Errorf("dictionary %d: %w", id, err)
	}
	if err := hb.Put(key.bytes(), u64(id)); err != nil {
		return 0, fmt.Errorf("dictionary %d: %w", id, err)
	}
	// The sequence, and so this ID, is handed out again if tx rolls back,
	// so the cache learns of the dictionary only once it is committed.
	tx.OnCommit(func() { s.dicts.put(id, dict) })
	return id, nil
}

// storedDict is a parsed dictionary record; frame aliases bbolt's memory.
type storedDict struct {
	key      dictKey
	plainLen uint64
	frame    []byte
}

func parseDict(v []byte) (storedDict, error) {
	if len(v) < 1 || (v[0] != dictVersions && v[0] != dictPages) {
		return storedDict{}, fmt.Errorf("%w: dictionary of unknown kind", ErrCorrupt)
	}
	d := storedDict{key: dictKey{kind: v[0]}}
	rest := v[1:]
	hostLen, n := binary.Uvarint(rest)
	if n <= 0 || hostLen > uint64(len(rest)-n) {
		return storedDict{}, fmt.Errorf("%w: truncated dictionary header", ErrCorrupt)
	}
	d.key.host, rest = string(rest[n:n+int(hostLen)]), rest[n+int(hostLen):]
	if d.plainLen, n = binary.Uvarint(rest); n <= 0 || d.plainLen > maxDictSize {
		return storedDict{}, fmt.Errorf("%w: bad dictionary length", ErrCorrupt)
	}
	d.frame = rest[n:]
	return d, nil
}

// dictContent returns dictionary id, decoded once and then cached. The
// result is shared and must not be modified.
func (s *Store) dictContent(tx *bolt.Tx, id uint64) ([]byte, error) {
	if d, ok := s.dicts.get(id); ok {
		return d, nil
	}
	var v []byte
	if db := tx.Bucket(bucketDicts); db != nil {
		v = db.Get(u64(id))
	}
	if v == nil {
		return nil, fmt.Errorf("%w: dictionary %d missing", ErrCorrupt, id)
	}
	d, err := parseDict(v)
	if err != nil {
		return nil, fmt.Errorf("dictionary %d: %w", id, err)
	}
	dict, err := s.codec.decompress(d.frame, nil, int(d.plainLen))
	if err != nil {
		return nil, fmt.Errorf("%w: dictionary %d: %w", ErrCorrupt, id, err)
	}
	if uint64(len(dict)) != d.plainLen {
		return nil, fmt.Errorf("%w: dictionary %d decoded to %d bytes, header says %d", ErrCorrupt, id, len(dict), d.plainLen)
	}
	if tx.Writable() {
		tx.OnCommit(func() { s.dicts.put(id, dict) })
	} else {
		s.dicts.put(id, dict)
	}
	return dict, nil
}
