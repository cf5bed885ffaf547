package extract

import (
	"encoding/base64"
	"encoding/binary"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// The hint path reads only the remembered container, so it cannot see
// text that appears beside it: an update box above or below the story, the
// story continued in a new wrapper. Such text needs a place that did not
// hold text before. The hint keeps every place around the container (in
// its parent, outside the container itself) that held text when the full
// path last looked, each place the path of tag and class steps from the
// root without sibling indexes, hashed; a page with a place outside that
// set goes to the full path. Furniture whose text rotates inside the same
// places leaves the set as it is, and the rest of the page (banners,
// recommendations, footers), whose furniture comes and goes, is not
// looked at: text that moved there leaves the container short, which the
// hint's shape test catches.

// maxPlaces bounds what one hint remembers. A page with more places than
// this keeps its current ones only.
const maxPlaces = 512

// textPlaces returns the sorted, distinct hashes of the places in the
// container's parent (in doc, with no container), outside the container,
// that hold text of their own, however short: with a length threshold a
// place came and went as "Updated 1 hour ago" became "Updated 47 minutes
// ago". Inside the container the hint's block signatures and known extras
// already send anything new to the full path.
func textPlaces(doc, container *html.Node) []uint32 {
	scope, at := doc, uint32(0)
	if container != nil && container.Parent != nil {
		scope = container.Parent
		at = pathHash(scope)
	}
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
				if n.Type == html.ElementNode && strings.TrimSpace(c.Data) != "" {
					out = append(out, parent)
				}
			}
		}
	}
	walk(scope, at)
	slices.Sort(out)
	return slices.Compact(out)
}

// pathHash is the place of n: placeStep from the root down to it.
func pathHash(n *html.Node) uint32 {
	var chain []*html.Node
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		chain = append(chain, n)
	}
	h := uint32(0)
	for i := len(chain) - 1; i >= 0; i-- {
		h = placeStep(h, chain[i])
	}
	return h
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
