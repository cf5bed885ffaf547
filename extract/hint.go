package extract

import (
	"encoding/json"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hintVersion is bumped whenever the walker, signatures or locator change
// meaning; an old hint then simply fails and the full path runs.
const hintVersion = 6

const (
	modeContainer = "c"
	modeJSONLD    = "j"
)

// hint is what ExtractWithHint remembers between checks of one story: where
// the article container is (an id anchor plus class path, free of sibling
// indexes so inserted ads do not move it), which block signatures inside it
// are article text, and the shape of the last result.
type hint struct {
	V     int      `json:"v"`
	Mode  string   `json:"m"`
	ID    string   `json:"id,omitempty"`  // id of the anchor element; "" = document root
	Path  []string `json:"p,omitempty"`   // steps from the anchor down to the container
	Nth   int      `json:"n,omitempty"`   // which match, when the path is ambiguous
	Sigs  []string `json:"s,omitempty"`   // article block signatures, sorted
	Paras int      `json:"np,omitempty"`  // paragraphs last time
	Words int      `json:"nw,omitempty"`  // body words last time
	Head  string   `json:"h,omitempty"`   // hash of the headline last time
	Path0 string   `json:"via,omitempty"` // the full path that made the hint
	// Extra are hashes of the container's blocks that are not article
	// text yet survive the noise rules (captions, asides): known, so only
	// a new one of them sends a re-check to the full path.
	Extra []string `json:"x,omitempty"`
	// Places are the places around the container that held text (see
	// textPlaces), as encodePlaces writes them: text in any other place
	// there sends a re-check to the full path.
	Places string `json:"tp,omitempty"`
}

func (h *hint) encode() string {
	if h == nil {
		return ""
	}
	h.V = hintVersion
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // signatures are full of ">"
	if err := enc.Encode(h); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func decodeHint(s string) (*hint, bool) {
	if s == "" {
		return nil, false
	}
	var h hint
	if err := json.Unmarshal([]byte(s), &h); err != nil || h.V != hintVersion {
		return nil, false
	}
	return &h, true
}

func headHash(s string) string {
	f := fnv.New32a()
	f.Write([]byte(s))
	return strconv.FormatUint(uint64(f.Sum32()), 36)
}

// stableID reports whether an element id is likely to survive a re-render:
// generated ids carry long digit runs.
func stableID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	run := 0
	for _, r := range id {
		if r >= '0' && r <= '9' {
			if run++; run >= 3 {
				return false
			}
		} else {
			run = 0
		}
	}
	return true
}

// pathStep is step() except for <html> and <body>, whose classes often
// carry session or A/B state.
func pathStep(n *html.Node) string {
	if n.DataAtom == atom.Html || n.DataAtom == atom.Body {
		return n.Data
	}
	return step(n)
}

// newContainerHint describes loc so that resolve finds the same container
// in a re-render. It returns nil when no description is unambiguous.
func newContainerHint(doc *html.Node, loc location) *hint {
	h := &hint{Mode: modeContainer}
	var steps []string
	n := loc.container
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		if id := attr(n, "id"); stableID(id) {
			h.ID = id
			break
		}
		steps = append(steps, pathStep(n))
	}
	slices.Reverse(steps)
	h.Path = steps
	for s := range loc.sigs {
		h.Sigs = append(h.Sigs, s)
	}
	slices.Sort(h.Sigs)
	matches := h.candidates(doc)
	i := slices.Index(matches, loc.container)
	if i < 0 {
		return nil
	}
	h.Nth = i
	return h
}

// candidates returns every element that fits the hint's anchor and path,
// in document order.
func (h *hint) candidates(doc *html.Node) []*html.Node {
	var cur []*html.Node
	if h.ID != "" {
		findAll(doc, func(n *html.Node) bool {
			if attr(n, "id") == h.ID {
				cur = append(cur, n)
			}
			return true
		})
	} else {
		cur = []*html.Node{doc}
	}
	for _, s := range h.Path {
		var next []*html.Node
		for _, p := range cur {
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && pathStep(c) == s {
					next = append(next, c)
				}
			}
		}
		if cur = next; len(cur) == 0 {
			return nil
		}
	}
	return cur
}

// resolve finds the hinted container in doc.
func (h *hint) resolve(doc *html.Node) (location, bool) {
	c := h.candidates(doc)
	if h.Nth >= len(c) {
		return location{}, false
	}
	sigs := make(map[string]bool, len(h.Sigs))
	for _, s := range h.Sigs {
		sigs[s] = true
	}
	return location{container: c[h.Nth], sigs: sigs}, true
}

// sameShape reports whether a hinted result resembles the last one closely
// enough to trust it; a jump means the page changed layout, so the full
// path must look again.
func (h *hint) sameShape(paras, words int, headline string) bool {
	if paras == 0 || headHash(headline) != h.Head {
		return false
	}
	if h.Words > 0 && (words*2 < h.Words || words > 2*h.Words+300) {
		return false
	}
	if h.Paras > 0 && (paras*2 < h.Paras || paras > 2*h.Paras+10) {
		return false
	}
	return true
}
