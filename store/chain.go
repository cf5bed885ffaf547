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

// Record kinds, the first byte of every stored version or raw page.
const (
	kindKeyframe byte = 'K'
	kindDelta    byte = 'D'
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
	plainLen uint64
	frame    []byte
}

func parseRecord(b []byte) (record, error) {
	if len(b) == 0 {
		return record{}, fmt.Errorf("%w: empty record", ErrCorrupt)
	}
	r := record{delta: b[0] == kindDelta}
	if b[0] != kindDelta && b[0] != kindKeyframe {
		return record{}, fmt.Errorf("%w: unknown record kind %q", ErrCorrupt, b[0])
	}
	rest := b[1:]
	for _, dst := range []*uint64{&r.depth, &r.base, &r.plainLen} {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return record{}, fmt.Errorf("%w: truncated record header", ErrCorrupt)
		}
		*dst, rest = v, rest[n:]
	}
	if r.delta != (r.depth > 0) || r.delta != (r.base > 0) {
		return record{}, fmt.Errorf("%w: inconsistent record header", ErrCorrupt)
	}
	r.frame = rest
	return r, nil
}

// putChained stores plain under key n in b. It is compressed against the
// record at prevN (whose content is prevPlain) unless there is none or that
// chain is already KeyframeEvery long. It returns the stored size.
func (s *Store) putChained(b span, n uint64, plain []byte, prevN uint64, prevPlain []byte) (int, error) {
	var hdr record
	if prevN > 0 && prevPlain != nil {
		prev, err := parseRecord(b.Get(u64(prevN)))
		if err != nil {
			return 0, fmt.Errorf("record %d: %w", prevN, err)
		}
		if prev.depth+1 < KeyframeEvery {
			hdr = record{delta: true, depth: prev.depth + 1, base: prevN}
		}
	}
	kind := kindKeyframe
	var dict []byte
	if hdr.delta {
		kind, dict = kindDelta, prevPlain
	}
	// A small initial capacity keeps zstd from pre-allocating the whole
	// input size for what is usually a few hundred bytes.
	out := make([]byte, 0, 512)
	out = append(out, kind)
	out = binary.AppendUvarint(out, hdr.depth)
	out = binary.AppendUvarint(out, hdr.base)
	out = binary.AppendUvarint(out, uint64(len(plain)))
	out, err := s.codec.compress(out, plain, dict)
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
		if plain, err = s.decodeRecord(chain[i], plain); err != nil {
			return nil, fmt.Errorf("record %d: %w", n, err)
		}
	}
	return plain, nil
}

// decodeRecord decompresses r; dict is the previous record's content for
// a delta and ignored for a keyframe.
func (s *Store) decodeRecord(r record, dict []byte) ([]byte, error) {
	if !r.delta {
		dict = nil
	} else if dict == nil {
		return nil, fmt.Errorf("%w: delta without its base", ErrCorrupt)
	}
	if r.plainLen > maxDecoded {
		return nil, fmt.Errorf("%w: record claims %d bytes", ErrCorrupt, r.plainLen)
	}
	plain, err := s.codec.decompress(r.frame, dict, int(r.plainLen))
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
		} else if plain, err = s.decodeRecord(r, prevPlain); err != nil {
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
