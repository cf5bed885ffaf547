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
	pool, level := &c.small, zstd.SpeedDefault
	if len(dict) > largeDict {
		pool, level = &c.large, zstd.SpeedBetterCompression
	}
	enc, _ := pool.Get().(*zstd.Encoder)
	if enc == nil {
		var err error
		enc, err = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(level),
			zstd.WithEncoderDictRaw(dictID, dict))
		if err != nil {
			return nil, fmt.Errorf("zstd delta encoder: %w", err)
		}
	} else if err := enc.ResetWithOptions(nil, zstd.WithEncoderDictRaw(dictID, dict)); err != nil {
		return nil, fmt.Errorf("zstd set dictionary: %w", err)
	}
	out := enc.EncodeAll(src, dst)
	pool.Put(enc)
	return out, nil
}

// decompress reverses compress; dict must be the bytes compress was given.
func (c *codec) decompress(src, dict []byte, sizeHint int) ([]byte, error) {
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
		if err := dec.ResetWithOptions(nil, zstd.WithDecoderDictRaw(dictID, dict)); err != nil {
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
