package store

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestCodec_roundTrip(t *testing.T) {
	c, err := newCodec()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcdefgh ijklmnop\n<>"[r.IntN(20)]
		}
		return b
	}
	big := text(3 << 20) // a heavy page; the default level fails on these
	bigEdited := append(append(bytes.Clone(big[:1<<20]), "inserted"...), big[1<<20:]...)
	tests := []struct {
		name      string
		src, dict []byte
	}{
		{name: "empty keyframe", src: []byte{}},
		{name: "empty delta", src: []byte{}, dict: []byte("x")},
		{name: "one byte", src: []byte("a")},
		{name: "one byte dictionary", src: []byte("<p>x</p>"), dict: []byte("<")},
		{name: "identical to dictionary", src: []byte("same text"), dict: []byte("same text")},
		{name: "unrelated dictionary", src: text(5000), dict: text(5000)},
		{name: "large page edited", src: bigEdited, dict: big},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frame, err := c.compress(nil, tt.src, tt.dict)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.decompress(frame, tt.dict, len(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.src) {
				t.Fatalf("round trip of %d bytes gave %d bytes", len(tt.src), len(got))
			}
			if tt.dict != nil && len(tt.src) > 1<<20 && len(frame) > 1024 {
				t.Errorf("edit of a large page against its previous version took %d bytes", len(frame))
			}
		})
	}
}
