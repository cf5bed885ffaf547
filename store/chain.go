package store

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// KeyframeEvery bounds a compression chain: at most this many records are
// decoded to read any one of them, because every KeyframeEvery-th record
// is compressed without a dictionary.
const KeyframeEvery = 16

// Record kinds, the first byte of every stored version or raw page. A
// shared keyframe starts a chain like a keyframe, compressed against a
// dictionary of its host (dict.go) instead of alone; its header's second
// number is that dictionary's ID where a delta's is its base.
const (
	kindKeyframe byte = 'K'
	kindDelta    byte = 'D'
	kindShared   byte = 'S'
	kindText     byte = 'T' // a page keyframe against its version too (text.go)
)

// errNoRecord is returned by readChained when the asked-for record is
// absent; callers turn it into the public not-found error for their case.
var errNoRecord = errors.New("no such record")

// record is the parsed header of one stored value. frame aliases bbolt's
// memory and is only valid inside the transaction that read it.
type record struct {
	delta    bool
	depth    uint64 // records since the keyframe; 0 for a keyframe
	base     uint64 // key of the dictionary record; 0 for a keyframe
	dict     uint64 // shared dictionary of a shared or text keyframe; else 0
	text     uint64 // the version a text keyframe's page holds; else 0
	plainLen uint64
	frame    []byte
}

func parseRecord(b []byte) (record, error) {
	if len(b) == 0 {
		return record{}, fmt.Errorf("%w: empty record", ErrCorrupt)
	}
	r := record{delta: b[0] == kindDelta}
	var fields []*uint64
	switch b[0] {
	case kindDelta, kindKeyframe:
		fields = []*uint64{&r.depth, &r.base, &r.plainLen}
	case kindShared:
		fields = []*uint64{&r.depth, &r.dict, &r.plainLen}
	case kindText:
		fields = []*uint64{&r.depth, &r.dict, &r.text, &r.plainLen}
	default:
		return record{}, fmt.Errorf("%w: unknown record kind %q", ErrCorrupt, b[0])
	}
	rest := b[1:]
	for _, dst := range fields {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return record{}, fmt.Errorf("%w: truncated record header", ErrCorrupt)
		}
		*dst, rest = v, rest[n:]
	}
	if r.delta != (r.depth > 0) || r.delta != (r.base > 0) || (b[0] == kindShared && r.dict == 0) || (b[0] == kindText) != (r.text > 0) {
		return record{}, fmt.Errorf("%w: inconsistent record header", ErrCorrupt)
	}
	r.frame = rest
	return r, nil
}

// recordHeader starts a stored record; second is a delta's base or a
// shared keyframe's dictionary. A small initial capacity keeps zstd from
// pre-allocating the whole input size for what is usually a few hundred
// bytes.
// A text keyframe's header has one number more, its version, after the
// dictionary: text is that number for kindText and omitted otherwise.
func recordHeader(kind byte, depth, second uint64, plainLen int, text ...uint64) []byte {
	out := make([]byte, 0, 512)
	out = append(out, kind)
	out = binary.AppendUvarint(out, depth)
	out = binary.AppendUvarint(out, second)
	for _, t := range text {
		out = binary.AppendUvarint(out, t)
	}
	return binary.AppendUvarint(out, uint64(plainLen))
}

// putChained stores plain under key n in b. It is compressed against the
// record at prevN (whose content is prevPlain) unless there is none or that
// chain is already KeyframeEvery long; a keyframe uses the dictionary of
// key, if it is set and pays (see keyframe), and text, the content of
// version n, when b holds pages and it is given. It returns the stored
// size.
func (s *Store) putChained(b span, n uint64, plain []byte, prevN uint64, prevPlain []byte, key dictKey, text []byte) (int, error) {
	var depth uint64
	if prevN > 0 && prevPlain != nil {
		prev, err := parseRecord(b.Get(u64(prevN)))
		if err != nil {
			return 0, fmt.Errorf("record %d: %w", prevN, err)
		}
		if prev.depth+1 < KeyframeEvery {
			depth = prev.depth + 1
		}
	}
	var out []byte
	var err error
	if depth > 0 {
		out, err = s.codec.compress(recordHeader(kindDelta, depth, prevN, len(plain)), plain, prevPlain)
	} else {
		out, err = s.keyframe(b.b.Tx(), plain, key, n, text)
	}
	if err != nil {
		return 0, fmt.Errorf("record %d: %w", n, err)
	}
	if err := b.Put(u64(n), out); err != nil {
		return 0, fmt.Errorf("record %d: %w", n, err)
	}
	return len(out), nil
}

// readChained returns the content of record n, decoding from the nearest
// keyframe. The result is a fresh slice, safe after the transaction ends.
func (s *Store) readChained(b span, n uint64) ([]byte, error) {
	v := b.Get(u64(n))
	if v == nil {
		return nil, errNoRecord
	}
	chain := make([]record, 0, KeyframeEvery)
	key := n
	for {
		r, err := parseRecord(v)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", key, err)
		}
		chain = append(chain, r)
		if !r.delta {
			break
		}
		// Bases always point backwards and chains are bounded; anything
		// else would loop, so it is corruption.
		if r.base >= key || len(chain) > KeyframeEvery {
			return nil, fmt.Errorf("%w: record %d has bad base %d", ErrCorrupt, key, r.base)
		}
		key = r.base
		if v = b.Get(u64(key)); v == nil {
			return nil, fmt.Errorf("%w: record %d missing from chain of %d", ErrCorrupt, key, n)
		}
	}
	var plain []byte
	for i := len(chain) - 1; i >= 0; i-- {
		var err error
		if plain, err = s.decodeRecord(b, chain[i], plain); err != nil {
			return nil, fmt.Errorf("record %d: %w", n, err)
		}
	}
	return plain, nil
}

// decodeRecord decompresses r, a record of b; prev is the previous
// record's content for a delta and ignored otherwise.
func (s *Store) decodeRecord(b span, r record, prev []byte) ([]byte, error) {
	if r.plainLen > maxDecoded {
		return nil, fmt.Errorf("%w: record claims %d bytes", ErrCorrupt, r.plainLen)
	}
	var plain []byte
	var err error
	switch {
	case r.text != 0:
		var dict []byte
		if dict, err = s.textDict(b, r); err != nil {
			return nil, err
		}
		plain, err = s.codec.decompressDict(r.frame, dict, textDictID, int(r.plainLen))
	case r.dict != 0:
		var dict []byte
		if dict, err = s.dictContent(b.b.Tx(), r.dict); err != nil {
			return nil, err
		}
		plain, err = s.codec.decompressShared(r.frame, dict, int(r.plainLen))
	case r.delta && prev == nil:
		return nil, fmt.Errorf("%w: delta without its base", ErrCorrupt)
	case r.delta:
		plain, err = s.codec.decompress(r.frame, prev, int(r.plainLen))
	default:
		plain, err = s.codec.decompress(r.frame, nil, int(r.plainLen))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if uint64(len(plain)) != r.plainLen {
		return nil, fmt.Errorf("%w: decoded %d bytes, header says %d", ErrCorrupt, len(plain), r.plainLen)
	}
	return plain, nil
}

// forEachChained calls fn with every record of b in key order, decoding
// each delta against the one before it instead of re-walking its chain.
func (s *Store) forEachChained(b span, fn func(n uint64, plain []byte) error) error {
	var prevKey uint64
	var prevPlain []byte
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		n, err := parseU64(k)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		r, err := parseRecord(v)
		if err != nil {
			return fmt.Errorf("record %d: %w", n, err)
		}
		var plain []byte
		if r.delta && (prevPlain == nil || r.base != prevKey) {
			plain, err = s.readChained(b, n)
		} else if plain, err = s.decodeRecord(b, r, prevPlain); err != nil {
			err = fmt.Errorf("record %d: %w", n, err)
		}
		if err != nil {
			return err
		}
		if err := fn(n, plain); err != nil {
			return err
		}
		prevKey, prevPlain = n, plain
	}
	return nil
}
