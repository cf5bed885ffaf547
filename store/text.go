package store

import (
	"errors"
	"fmt"
)

// Text keyframes (schema 4). A page holds its article's words, and so
// does the version extracted from it, stored beside it under the same
// key: compressed alone or against the host's dictionary, a page
// keyframe pays for those words a second time, about two thirds of its
// size on the bench site. A text keyframe ('T') is a page keyframe
// compressed against the host's dictionary (if any) followed by the
// stored content of its version, so the words are stored once:
//
//	'T' depth=0 dict text plainLen frame
//
// where text is the version's key. Versions are never dropped while
// their story lives (retention drops pages, not versions), so the page
// can always be decoded; a version's record is never a text keyframe,
// which keeps a read from recursing.
//
// Only pages written with their version get one, and only when it is
// smaller than the keyframe hostKeyframe makes, so a page whose text the
// extractor missed costs no more than before.

// textDict returns the dictionary text keyframe r of pages span b was
// compressed against: the host's dictionary, then version r.text.
func (s *Store) textDict(b span, r record) ([]byte, error) {
	if b.versions {
		return nil, fmt.Errorf("%w: a version stored as a text keyframe", ErrCorrupt)
	}
	vs, err := b.sibling(bucketVersions)
	if err != nil {
		return nil, err
	}
	vs.versions = true
	text, err := s.readChained(vs, r.text)
	if errors.Is(err, errNoRecord) {
		return nil, fmt.Errorf("%w: version %d, which its page is compressed against, is missing", ErrCorrupt, r.text)
	}
	if err != nil {
		return nil, fmt.Errorf("version %d of a text keyframe: %w", r.text, err)
	}
	var host []byte
	if r.dict != 0 {
		if host, err = s.dictContent(b.b.Tx(), r.dict); err != nil {
			return nil, err
		}
	}
	return joinDict(host, text), nil
}

// joinDict puts text last, nearest the page, where zstd's offsets are
// shortest: the article's words are the page's longest matches.
func joinDict(host, text []byte) []byte {
	out := make([]byte, 0, len(host)+len(text))
	return append(append(out, host...), text...)
}
