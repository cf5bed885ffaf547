package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

// storyParagraphs is a made-up developing story used by the synthetic
// pages. It is long enough for the generic extractors to trust it.
var storyParagraphs = []string{
	"City officials said on Thursday that the harbour bridge would stay closed to traffic for at least two more weeks while engineers inspect the damaged support columns.",
	"The closure, which began after a cargo ship struck the structure on Monday night, has forced thousands of commuters onto ferries and a single detour road that runs through the old town.",
	"\"We are not going to take any chances with public safety,\" the transport commissioner, Maria Lindqvist, told reporters at a briefing outside the city hall. \"The bridge opens when the engineers tell us it is safe, and not a day earlier.\"",
	"Engineers have so far examined four of the eleven columns on the eastern span. Two showed cracks that will need to be repaired before any vehicles are allowed back on the deck, according to a preliminary report seen by this newspaper.",
	"The shipping company that operates the vessel said in a statement that it was cooperating fully with the investigation and that its crew had reported a steering failure minutes before the collision.",
	"Local businesses on both sides of the river said the closure was already hurting trade. The owner of a bakery near the western ramp said her morning sales had fallen by half since Tuesday.",
	"The city council will hold an emergency session on Friday to discuss compensation for affected businesses and extra ferry services during the evening rush hour.",
	"This is a developing story and will be updated with more information as it becomes available.",
}

// noisyPage renders a news page with the given paragraphs and headline,
// and page furniture that differs with variant: ad slot ids, a relative
// "updated" stamp, a rotating most-read list, promos between paragraphs,
// newsletter and share boxes, a comment counter.
func noisyPage(headline string, paras []string, variant int) []byte {
	var b strings.Builder
	mostRead := []string{"Mayor unveils new budget plan", "Storm warning for the coast", "Local team wins the cup", "Prices rise again at the pump", "Museum reopens after repairs"}
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Daily Example</title>
<meta property="og:title" content="%s">
<meta property="og:site_name" content="The Daily Example">
<meta name="description" content="The harbour bridge stays shut while engineers inspect the damage.">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"The Daily Example"},{"@type":"NewsArticle","headline":%q,"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],"datePublished":"2024-03-07T09:30:00Z","dateModified":"2024-03-07T1%d:15:00Z","description":"The harbour bridge stays shut while engineers inspect the damage."}]}</script>
<script>var adSlot = "slot-%d"; window.dataLayer = [{"pv": %d}];</script>
</head><body class="page page-%d">
<header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="ad-slot" id="ad-top-%d">Advertisement</div></header>
<main id="main">
<article class="story">
<h1 class="story-headline">%s</h1>
<div class="byline">By Jane Doe and John Roe</div>
<div class="timestamp">Updated %d minutes ago</div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="story-body">
`, headline, headline, headline, variant%10, variant*7919, variant*31, variant%3, variant*13, headline, 3+variant*5)
	for i, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
		switch {
		case i == 1:
			fmt.Fprintf(&b, `<div class="ad-container" id="div-gpt-ad-%d"><p class="ad-label">Advertisement</p><iframe src="https://ads.example/%d"></iframe></div>`+"\n", variant*977, variant)
		case i == 2 && variant%2 == 0:
			b.WriteString("<p><strong><a href=\"/opinion/putin\">WHAT IS VLADIMIR PUTIN AFRAID OF?</a></strong></p>\n")
		case i == 2:
			b.WriteString("<p><strong><a href=\"/news/ferries\">FERRY OPERATORS WARN OF LONG QUEUES THIS WEEKEND</a></strong></p>\n")
		case i == 4:
			b.WriteString("<p><a href=\"https://example.com/more\">CLICK HERE TO READ MORE FROM THE DAILY EXAMPLE</a></p>\n")
		case i == 5 && variant%3 == 1:
			b.WriteString("<p>READ MORE: Ferry timetable changes for the weekend</p>\n")
		}
	}
	fmt.Fprintf(&b, `</div>
<div class="newsletter-box"><p>Sign up for our morning newsletter to get the top stories in your inbox.</p><form><input type="email"><button>Subscribe</button></form></div>
<div class="comments-link"><a href="#comments">Comments (%d)</a></div>
</article>
<aside class="most-read"><h2>Most read</h2><ol>
`, 10+variant*3)
	for i := range 4 {
		fmt.Fprintf(&b, "<li><a href=\"/s/%d\">%s</a></li>\n", i, mostRead[(i+variant)%len(mostRead)])
	}
	b.WriteString(`</ol></aside>
</main>
<footer class="site-footer"><p>Copyright The Daily Example. All rights reserved.</p><p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>
</body></html>`)
	return []byte(b.String())
}

func mustNew(tb testing.TB, opts Options) *Extractor {
	tb.Helper()
	e, err := New(opts)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return e
}

// sameArticle compares two articles field by field, ignoring Extractor.
func sameArticle(tb testing.TB, got, want redline.Article) {
	tb.Helper()
	got.Extractor, want.Extractor = "", ""
	if got.Hash() != want.Hash() || !got.Published.Equal(want.Published) || !got.Modified.Equal(want.Modified) || got.Developing != want.Developing {
		tb.Errorf("articles differ:\n got: %+v\nwant: %+v", got, want)
	}
}
