package extract

import (
	"encoding/base64"
	"encoding/binary"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// The hint path reads only the remembered container, so it cannot see
// text that appears somewhere else on the page: an update box above the
// story, the story continued in a new wrapper. Such text needs a place on
// the page that did not hold text before. The hint keeps every place that
// held text when the full path last looked (the path of tag and class
// steps from the root, without sibling indexes, hashed), and a page with a
// place outside that set goes to the full path. Furniture whose text
// rotates inside the same places (related links, ads, most-read lists)
// leaves the set as it is.
const (
	// placeMinBytes is the shortest text that gives its element a place:
	// labels and counters are too short to be an edit worth a full look.
	placeMinBytes = 20
	// maxPlaces bounds what one hint remembers. A page with more places
	// than this (a huge comment thread) keeps its current ones only.
	maxPlaces = 512
)

// textPlaces returns the sorted, distinct hashes of the places in doc,
// outside the container, that hold text of placeMinBytes or more. Inside
// the container the hint's block signatures and known extras already
// send anything new to the full path.
func textPlaces(doc, container *html.Node) []uint32 {
	var out []uint32
	var walk func(n *html.Node, parent uint32)
	walk = func(n *html.Node, parent uint32) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if skipTags[c.DataAtom] || c == container {
					continue
				}
				walk(c, placeStep(parent, c))
			case html.TextNode:
				if n.Type == html.ElementNode && len(strings.TrimSpace(c.Data)) >= placeMinBytes {
					out = append(out, parent)
				}
			}
		}
	}
	walk(doc, 0)
	slices.Sort(out)
	return slices.Compact(out)
}

// placeStep hashes one step below parent: the tag and, except on <html>
// and <body> (whose classes carry session state), the set of its classes
// without digits, in any order, as step() describes an element. FNV-1a
// is written out so the walk allocates nothing per element.
func placeStep(parent uint32, n *html.Node) uint32 {
	h := fnvWord(fnvOffset, parent)
	for i := 0; i < len(n.Data); i++ {
		h = fnvByte(h, n.Data[i])
	}
	if n.Data == "html" || n.Data == "body" {
		return h
	}
	var classes uint32
	cls := attr(n, "class")
	for i := 0; i < len(cls); {
		for i < len(cls) && isSpace(cls[i]) {
			i++
		}
		c, started := uint32(fnvOffset), false
		for ; i < len(cls) && !isSpace(cls[i]); i++ {
			if b := cls[i]; b < '0' || b > '9' {
				c, started = fnvByte(c, b), true
			}
		}
		if started {
			classes ^= c // order-free; a repeated class cancels, as step() drops it
		}
	}
	return fnvWord(h, classes)
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnvByte(h uint32, b byte) uint32 { return (h ^ uint32(b)) * fnvPrime }

func fnvWord(h, w uint32) uint32 {
	for range 4 {
		h, w = fnvByte(h, byte(w>>24)), w<<8
	}
	return h
}

// encodePlaces writes places for the hint's JSON.
func encodePlaces(places []uint32) string {
	b := make([]byte, 4*len(places))
	for i, p := range places {
		binary.BigEndian.PutUint32(b[4*i:], p)
	}
	return base64.RawStdEncoding.EncodeToString(b)
}

// decodePlaces reads encodePlaces; ok is false for a value it did not write.
func decodePlaces(s string) (places []uint32, ok bool) {
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil || len(b)%4 != 0 {
		return nil, false
	}
	places = make([]uint32, len(b)/4)
	for i := range places {
		places[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return places, slices.IsSorted(places)
}

// newPlaces reports whether current holds a place known does not.
func newPlaces(current, known []uint32) bool {
	for _, p := range current {
		if _, found := slices.BinarySearch(known, p); !found {
			return true
		}
	}
	return false
}

// mergePlaces is the union of two place sets, or current alone when the
// union is over maxPlaces.
func mergePlaces(current, known []uint32) []uint32 {
	all := slices.Concat(current, known)
	slices.Sort(all)
	all = slices.Compact(all)
	if len(all) > maxPlaces {
		return current
	}
	return all
}
