package newsroom

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// noise is everything on a page that changes between requests without
// being an edit. It is drawn in full before rendering so the templates only
// read fields and the draw order, hence the page, depends on nothing but the
// generator's seed.
type noise struct {
	Nonce       string
	CSRF        string
	Asset       string // cache-busting query value for CSS and JS URLs
	ConsentID   string
	PageviewID  string
	UpdatedAgo  string // "Updated 12 minutes ago"
	Comments    string // "1,234 comments"
	Views       string
	Weather     string
	MostRead    []string
	Recommended []teaser
	TopAd       adSlot
	SideAd      adSlot
	// LDModified is the JSON-LD dateModified: usually the real one, but
	// some CMSs stamp the render time there.
	LDModified time.Time
	// ShowCookieBanner varies because a real banner depends on a cookie.
	ShowCookieBanner bool
}

type teaser struct {
	Title string
	Image string
	Href  string
}

type adSlot struct {
	ID   string
	Unit string
	Size string
}

// block is one item of a rendered article body: a content paragraph or a
// piece of inline noise between paragraphs.
type block struct {
	Kind string // "p", "promo", "caps", "newsletter", "ad"
	Text string
	Href string
	Ad   adSlot
	Ago  string // a live blog's per-post relative time
}

func newNoise(rng *rand.Rand, modified time.Time) *noise {
	n := &noise{
		Nonce:      randHex(rng, 16),
		CSRF:       randHex(rng, 32),
		Asset:      randHex(rng, 8),
		ConsentID:  randHex(rng, 12),
		PageviewID: fmt.Sprintf("%d-%s", rng.IntN(1_000_000_000), randHex(rng, 6)),
		UpdatedAgo: relativeAgo(rng),
		Comments:   fmt.Sprintf("%s comments", thousands(rng.IntN(4000)+3)),
		Views:      fmt.Sprintf("%s views", thousands(rng.IntN(250_000)+500)),
		Weather:    fmt.Sprintf("%d°F", rng.IntN(25)+45),
		TopAd:      newAd(rng),
		SideAd:     newAd(rng),
		LDModified: modified,

		ShowCookieBanner: rng.IntN(4) != 0,
	}
	for _, i := range rng.Perm(len(mostReadPool))[:5] {
		n.MostRead = append(n.MostRead, mostReadPool[i])
	}
	for _, i := range rng.Perm(len(recommendedPool))[:3] {
		n.Recommended = append(n.Recommended, teaser{
			Title: recommendedPool[i],
			Image: fmt.Sprintf("/img/rec/%s.jpg?w=320&sig=%s", randHex(rng, 6), randHex(rng, 10)),
			Href:  fmt.Sprintf("/partner/click?cid=%d&pos=%d", rng.IntN(900_000)+100_000, len(n.Recommended)+1),
		})
	}
	if rng.IntN(3) == 0 {
		n.LDModified = modified.Add(time.Duration(rng.IntN(50)+1) * time.Minute)
	}
	return n
}

// interleave puts the paragraphs in order with one to three promos and one
// or two ads between them, never before the first paragraph, where an
// extractor would find them hardest to tell from the lede.
func interleave(rng *rand.Rand, paragraphs []string, siteName string) []block {
	extra := make(map[int][]block) // inserted after paragraph i
	gaps := len(paragraphs) - 1
	if gaps < 1 {
		gaps = 1
	}
	for range rng.IntN(3) + 1 {
		i := rng.IntN(gaps)
		extra[i] = append(extra[i], promo(rng, siteName))
	}
	for range rng.IntN(2) + 1 {
		i := rng.IntN(gaps)
		extra[i] = append(extra[i], block{Kind: "ad", Ad: newAd(rng)})
	}
	var out []block
	for i, p := range paragraphs {
		out = append(out, block{Kind: "p", Text: p, Ago: fmt.Sprintf("%d min ago", rng.IntN(90)+1)})
		out = append(out, extra[i]...)
	}
	return out
}

func promo(rng *rand.Rand, siteName string) block {
	switch rng.IntN(3) {
	case 0:
		return block{Kind: "promo", Text: "CLICK HERE TO READ MORE FROM " + strings.ToUpper(siteName), Href: "/?utm_source=inline&utm_campaign=" + randHex(rng, 4)}
	case 1:
		return block{Kind: "caps", Text: capsPromoPool[rng.IntN(len(capsPromoPool))], Href: fmt.Sprintf("/news/promo-%d?utm_source=inline", rng.IntN(90_000)+10_000)}
	default:
		return block{Kind: "newsletter", Text: newsletterPool[rng.IntN(len(newsletterPool))], Href: "/newsletters?src=" + randHex(rng, 4)}
	}
}

func newAd(rng *rand.Rand) adSlot {
	return adSlot{
		ID:   "div-gpt-ad-" + randHex(rng, 10),
		Unit: adUnits[rng.IntN(len(adUnits))],
		Size: adSizes[rng.IntN(len(adSizes))],
	}
}

func relativeAgo(rng *rand.Rand) string {
	switch n := rng.IntN(180) + 1; {
	case n == 1:
		return "Updated 1 minute ago"
	case n < 60:
		return fmt.Sprintf("Updated %d minutes ago", n)
	case n < 120:
		return "Updated 1 hour ago"
	default:
		return fmt.Sprintf("Updated %d hours ago", n/60)
	}
}

const hexDigits = "0123456789abcdef"

func randHex(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[rng.IntN(16)]
	}
	return string(b)
}

// thousands formats n with comma separators, as pages show counters.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
