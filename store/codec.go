package store

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// dictID marks frames compressed against the previous record. It must not
// be 0: the decoder applies dictionary 0 to every frame without an ID,
// which would corrupt keyframes decoded by a reused decoder.
const dictID = 1

// sharedDictID marks frames compressed against a host's shared
// dictionary, textDictID those against a host's dictionary and a version
// (text.go). Pooled coders hold whichever dictionary they were last given
// under each ID, so the kinds must not share one.
const (
	sharedDictID = 2
	textDictID   = 3
)

// maxDecoded caps what one frame may expand to, so a corrupt record cannot
// make a read allocate without bound. Raw pages are capped far below this
// by the crawler.
const maxDecoded = 256 << 20

// largeDict is the dictionary size above which deltas use zstd's "better"
// level: the default level stops finding matches in dictionaries of about
// a megabyte, and a big page then costs as much as a keyframe.
const largeDict = 256 << 10

// codec compresses records. zstd encoders and decoders are expensive to
// build, so they are pooled; a pooled one is re-pointed at a new dictionary
// with ResetWithOptions and used by one goroutine at a time, because that
// reset mutates it.
type codec struct {
	plain *zstd.Encoder // keyframes; EncodeAll is safe for concurrent use
	small sync.Pool     // *zstd.Encoder for deltas against a small dictionary
	large sync.Pool     // *zstd.Encoder for deltas against a large dictionary
	decs  sync.Pool     // *zstd.Decoder

	// sharedMu guards shared, the encoder of keyframes against a host's
	// dictionary. It is kept rather than pooled: a pool loses it at every
	// other GC, and building one at the better level allocates ~7 MB.
	// Writes are serialised by bbolt, so one is enough.
	sharedMu sync.Mutex
	shared   *zstd.Encoder
}

func newCodec() (*codec, error) {
	plain, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)))
	if err != nil {
		return nil, fmt.Errorf("zstd encoder: %w", err)
	}
	return &codec{plain: plain}, nil
}

// compress returns the zstd frame of src, appended to dst, using dict as a
// raw dictionary when it is non-nil.
func (c *codec) compress(dst, src, dict []byte) ([]byte, error) {
	if dict == nil {
		return c.plain.EncodeAll(src, dst), nil
	}
	return c.compressDict(dst, src, dict, dictID, len(dict) > largeDict)
}

// compressShared compresses a keyframe against dict, marked id: a host's
// dictionary, or that and a version (text.go). It uses the better level
// whatever the dictionary's size: keyframes are a sixteenth of the
// writes, and it saved a tenth of their size on the bench site's pages.
func (c *codec) compressShared(dst, src, dict []byte, id uint32) ([]byte, error) {
	c.sharedMu.Lock()
	defer c.sharedMu.Unlock()
	opt := zstd.WithEncoderDictRaw(id, dict)
	if c.shared == nil {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(zstd.SpeedBetterCompression), opt)
		if err != nil {
			return nil, fmt.Errorf("zstd shared-dictionary encoder: %w", err)
		}
		c.shared = enc
	} else if err := c.shared.ResetWithOptions(nil, opt); err != nil {
		return nil, fmt.Errorf("zstd set shared dictionary: %w", err)
	}
	return c.shared.EncodeAll(src, dst), nil
}

func (c *codec) compressDict(dst, src, dict []byte, id uint32, better bool) ([]byte, error) {
	pool, level := &c.small, zstd.SpeedDefault
	if better {
		pool, level = &c.large, zstd.SpeedBetterCompression
	}
	enc, _ := pool.Get().(*zstd.Encoder)
	if enc == nil {
		var err error
		enc, err = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(level),
			zstd.WithEncoderDictRaw(id, dict))
		if err != nil {
			return nil, fmt.Errorf("zstd dictionary encoder: %w", err)
		}
	} else if err := enc.ResetWithOptions(nil, zstd.WithEncoderDictRaw(id, dict)); err != nil {
		return nil, fmt.Errorf("zstd set dictionary: %w", err)
	}
	out := enc.EncodeAll(src, dst)
	pool.Put(enc)
	return out, nil
}

// decompress reverses compress; dict must be the bytes compress was given.
func (c *codec) decompress(src, dict []byte, sizeHint int) ([]byte, error) {
	return c.decompressDict(src, dict, dictID, sizeHint)
}

// decompressShared reverses compressShared.
func (c *codec) decompressShared(src, dict []byte, sizeHint int) ([]byte, error) {
	return c.decompressDict(src, dict, sharedDictID, sizeHint)
}

func (c *codec) decompressDict(src, dict []byte, id uint32, sizeHint int) ([]byte, error) {
	dec, _ := c.decs.Get().(*zstd.Decoder)
	if dec == nil {
		var err error
		dec, err = zstd.NewReader(nil,
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderMaxMemory(maxDecoded))
		if err != nil {
			return nil, fmt.Errorf("zstd decoder: %w", err)
		}
	}
	if dict != nil {
		if err := dec.ResetWithOptions(nil, zstd.WithDecoderDictRaw(id, dict)); err != nil {
			return nil, fmt.Errorf("zstd set dictionary: %w", err)
		}
	}
	out, err := dec.DecodeAll(src, make([]byte, 0, sizeHint))
	c.decs.Put(dec)
	if err != nil {
		return nil, fmt.Errorf("zstd decode: %w", err)
	}
	return out, nil
}
