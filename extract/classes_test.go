package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The pages in this file are one per class of issue 12 ("Fidelity on sites
// redline has never seen"): each renders the same story with furniture
// that moves with variant, and the article must come out the same on
// every render, on the full path and on the re-check path.

// classPage wraps body markup in a news page whose metadata is fixed.
func classPage(body string) []byte {
	return []byte(fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Daily Example</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"author":{"@type":"Person","name":"Jane Doe"},"datePublished":"2024-03-07T09:30:00Z"}</script>
</head><body><header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main id="main">%s</main>
<footer class="site-footer"><p>Copyright The Daily Example. All rights reserved.</p></footer></body></html>`,
		storyHeadline, storyHeadline, body))
}

// wantStory is the story's paragraphs as extracted: the first n
// paragraphs of storyParagraphs, normalized.
func wantStory(n int) []string {
	out := make([]string, n)
	for i, p := range storyParagraphs[:n] {
		out[i] = Normalize(p)
	}
	return out
}

// checkRenders extracts every render on both paths and compares the
// paragraphs with want.
func checkRenders(t *testing.T, e *Extractor, renders int, page func(v int) []byte, want []string) {
	t.Helper()
	hint := ""
	for v := range renders {
		p := page(v)
		a, err := e.Extract(p, storyURL)
		if err != nil {
			t.Fatalf("render %d: %v", v, err)
		}
		if !slices.Equal(a.Paragraphs, want) {
			t.Fatalf("render %d: Paragraphs =\n%q\nwant\n%q", v, a.Paragraphs, want)
		}
		hinted, h, err := e.ExtractWithHint(p, storyURL, hint)
		if err != nil {
			t.Fatalf("render %d, hint path: %v", v, err)
		}
		if !slices.Equal(hinted.Paragraphs, want) {
			t.Fatalf("render %d, hint path (%s): Paragraphs =\n%q\nwant\n%q", v, hinted.Extractor, hinted.Paragraphs, want)
		}
		hint = h
	}
}

// relatedHeadlines are other stories of the same site.
var relatedHeadlines = []string{
	"Ferry operators warn of long queues as bridge closure enters second week",
	"Council approves emergency fund for traders hit by harbour bridge closure after heated debate",
	"WHAT WE KNOW ABOUT THE CARGO SHIP THAT HIT THE BRIDGE",
	"Inside the control room where engineers keep watch over the city's oldest crossings day and night",
}

// Class 1: a related-story link between paragraphs, at another place on
// every request, in capitals or not, as long as a real headline; and a
// "Most read" list after the article that is not named as one.
func TestExtractor_Extract_relatedLinks(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<article><h1>` + storyHeadline + `</h1><div class="text">`)
		for i, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
			if i == v%6 {
				h := relatedHeadlines[v%len(relatedHeadlines)]
				fmt.Fprintf(&b, `<p><a href="/news/2024/03/0%d/story-%d">%s</a></p>`+"\n", v%9, v, h)
			}
			if i == (v+3)%6 {
				fmt.Fprintf(&b, `<p><strong><a href="https://www.dailyexample.com/news/x-%d">%s</a></strong></p>`+"\n", v, strings.ToUpper(relatedHeadlines[(v+1)%len(relatedHeadlines)]))
			}
		}
		b.WriteString(`<div class="list-block"><h3>Most read</h3><ol>`)
		for i := range 5 {
			h := relatedHeadlines[(i+v)%len(relatedHeadlines)]
			fmt.Fprintf(&b, `<li><a href="/news/most-%d">%s</a></li>`, (i+v)%7, h)
		}
		b.WriteString(`</ol></div></div></article>`)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 8, page, wantStory(7))
}

// Class 1, the headline of another tracked story of the host, printed as
// plain text between paragraphs: only the host's known headlines tell it
// from a short paragraph.
func TestExtractor_ExtractKnown_otherHeadline(t *testing.T) {
	other := "Bakery owner says sales have halved since the closure"
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<article><div class="text">`)
		for i, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
			if i == v%6 {
				fmt.Fprintf(&b, "<p>%s</p>\n", other)
			}
		}
		b.WriteString(`</div></article>`)
		return classPage(b.String())
	}
	e := mustNew(t, Options{})
	known := Known{Headlines: []string{other, storyHeadline}}
	hint := ""
	for v := range 6 {
		a, err := e.ExtractKnown(page(v), storyURL, known)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Paragraphs, wantStory(7)) {
			t.Fatalf("render %d: Paragraphs = %q", v, a.Paragraphs)
		}
		h, _, err := e.ExtractKnownWithHint(page(v), storyURL, hint, known)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(h.Paragraphs, wantStory(7)) {
			t.Fatalf("render %d, hint path: Paragraphs = %q", v, h.Paragraphs)
		}
	}
	// Without the set, the line is a paragraph: nothing says otherwise.
	a, err := e.Extract(page(0), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Paragraphs, other) {
		t.Errorf("without known headlines the short paragraph was dropped: %q", a.Paragraphs)
	}
}

// Class 2: a meta line inside the article element, laid out as one line,
// as spans, or with <br>s.
func TestExtractor_Extract_metaLines(t *testing.T) {
	metas := []string{
		`<p>Published 7:29 a.m. ET · Updated 4 hours ago · 235 comments</p>`,
		`<div class="info"><span>Published 7:29 a.m. ET</span> <span>Updated 4 hours ago</span> <span>235 Comments</span></div>`,
		`<p>Published 7:29 a.m. ET Mar. 7, 2024<br>Updated 12 minutes ago<br>1,204 views</p>`,
		`<p>Posted: Thursday, March 7, 2024 | Last updated: 9 minutes ago | 5 min read</p>`,
	}
	for i, m := range metas {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			page := func(v int) []byte {
				var b strings.Builder
				b.WriteString(`<article><h1>` + storyHeadline + `</h1>` + strings.ReplaceAll(m, "4 hours", fmt.Sprint(v+2)+" hours") + `<div class="text">`)
				for _, p := range storyParagraphs[:7] {
					fmt.Fprintf(&b, "<p>%s</p>\n", p)
				}
				b.WriteString(`</div></article>`)
				return classPage(b.String())
			}
			checkRenders(t, mustNew(t, Options{}), 3, page, wantStory(7))
		})
	}
}

// Class 3: blocks that are only a number, or a figure in bold, are text.
func TestExtractor_Extract_numbersKept(t *testing.T) {
	numbers := []string{"240", "1,204", "3.5%", "2024", "12 - 4"}
	var b strings.Builder
	b.WriteString(`<article><div class="text">`)
	for i, p := range storyParagraphs[:7] {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
		if i < len(numbers) {
			fmt.Fprintf(&b, "<p>%s</p>\n", numbers[i])
		}
	}
	b.WriteString(`<p><strong>More than 240 patients</strong></p></div></article>`)
	page := classPage(b.String())
	var want []string
	for i, p := range wantStory(7) {
		want = append(want, p)
		if i < len(numbers) {
			want = append(want, numbers[i])
		}
	}
	want = append(want, "More than 240 patients")
	checkRenders(t, mustNew(t, Options{}), 1, func(int) []byte { return page }, want)
}

func TestIsTimestampLine_numbers(t *testing.T) {
	for _, s := range []string{"240", "1,204", "2024", "12 - 4", "3.5", "More than 240 patients", "7 | 3"} {
		if isTimestampLine(s) {
			t.Errorf("isTimestampLine(%q) = true, want false", s)
		}
	}
	for _, s := range []string{"3 minutes ago", "2 hours ago", "March 12, 2026", "10:30 a.m. ET", "Updated 4 hours ago", "just now"} {
		if !isTimestampLine(s) {
			t.Errorf("isTimestampLine(%q) = false, want true", s)
		}
	}
}

// Class 4: a table row is one paragraph, cells joined by " | "; a custom
// inline element neither splits its paragraph nor loses its text.
func TestExtractor_Extract_tablesAndInline(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<article><div class="text">`)
	for i, p := range storyParagraphs[:7] {
		if i == 2 {
			p = strings.Replace(p, "told reporters", `told reporters <cite-tag data-src="7">(briefing transcript)</cite-tag>`, 1)
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
		if i == 3 {
			b.WriteString(`<table><thead><tr><th>Column</th><th>Status</th><th>Cracks</th></tr></thead><tbody>
<tr><td>East 1</td><td>Inspected</td><td>2</td></tr><tr><td>East 2</td><td>Inspected</td><td>0</td></tr></tbody></table>`)
		}
	}
	b.WriteString(`</div></article>`)
	page := classPage(b.String())
	want := wantStory(7)
	want[2] = strings.Replace(want[2], "told reporters", "told reporters (briefing transcript)", 1)
	want = slices.Insert(want, 4, "Column | Status | Cracks", "East 1 | Inspected | 2", "East 2 | Inspected | 0")
	checkRenders(t, mustNew(t, Options{}), 1, func(int) []byte { return page }, want)
}

// Class 4, fallback path: list items holding <strong> or <a> stay whole
// when the generic extractor's own text is used.
func TestWalker_listItemsWhole(t *testing.T) {
	doc := mustParse(t, `<ul><li><strong>Monday:</strong> the ship hits the bridge at <a href="/x">11 p.m.</a></li><li>Tuesday: <em>ferries</em> start</li></ul>`)
	var got []string
	for _, b := range newWalker().blocks(doc) {
		got = append(got, b.text)
	}
	want := []string{"Monday: the ship hits the bridge at 11 p.m.", "Tuesday: ferries start"}
	if !slices.Equal(got, want) {
		t.Errorf("blocks = %q, want %q", got, want)
	}
}

// Class 5: the body in chunks that are cousins, not siblings: each chunk
// sits in a row of its own, and ad and teaser rows between them move per
// request. A long chunk holds over 95% of the text, so locating the
// generic extractor's text picks it alone; the short chunks, before or
// after it, must still be read.
func TestExtractor_Extract_chunkedCousins(t *testing.T) {
	var paras, want []string
	for j := range 80 {
		p := fmt.Sprintf("%s, the spokeswoman added in account number %d, about the state of the harbour and its bridges.", strings.TrimSuffix(storyParagraphs[j%7][:70], " "), j+1)
		paras = append(paras, p)
		want = append(want, Normalize(p))
	}
	for _, shortFirst := range []bool{false, true} {
		t.Run(fmt.Sprint("short chunks first ", shortFirst), func(t *testing.T) {
			page := func(v int) []byte {
				cuts := []int{77 + v%2, 79, 80}
				if shortFirst {
					cuts = []int{1, 2 + v%2, 80}
				}
				var b strings.Builder
				b.WriteString(`<article><h1>` + storyHeadline + `</h1><div class="story-grid">`)
				prev := 0
				for i, c := range cuts {
					b.WriteString(`<div class="row"><div class="col-main"><div class="body-chunk">`)
					for _, p := range paras[prev:c] {
						fmt.Fprintf(&b, "<p>%s</p>\n", p)
					}
					prev = c
					b.WriteString(`</div></div></div>`)
					if i < len(cuts)-1 {
						fmt.Fprintf(&b, `<div class="row"><div class="col-main"><div class="dfp-slot" id="gpt-%d"><p>Advertisement</p></div></div></div>`, v*7+i)
						fmt.Fprintf(&b, `<div class="row"><div class="col-main"><div class="teaser-row"><a href="/news/x-%d"><img src="/i.jpg" alt=""><span>Ferry queues grow longer</span></a></div></div></div>`, v)
					}
				}
				b.WriteString(`</div></article>`)
				return classPage(b.String())
			}
			checkRenders(t, mustNew(t, Options{}), 4, page, want)
		})
	}
}

func mustParse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Class 4: list items holding <strong> or <a> are kept whole. The
// generic extractor's copy of them loses the space after the bold
// ("Monday:the ship"), which must not make them unknown text.
func TestExtractor_Extract_listItemsWithInline(t *testing.T) {
	items := []string{
		`<strong>Monday, 11 p.m.:</strong> the cargo ship strikes the eastern span of the bridge`,
		`<strong>Tuesday:</strong> <a href="/news/ferries">ferry services</a> double their crossings`,
		`<b>Thursday:</b> engineers report cracks in two of the columns on the eastern span`,
	}
	var b strings.Builder
	b.WriteString(`<article><div class="text">`)
	for i, p := range storyParagraphs[:7] {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
		if i == 3 {
			b.WriteString("<ul>")
			for _, it := range items {
				fmt.Fprintf(&b, "<li>%s</li>", it)
			}
			b.WriteString("</ul>\n")
		}
	}
	b.WriteString(`</div></article>`)
	page := classPage(b.String())
	want := slices.Insert(wantStory(7), 4,
		"Monday, 11 p.m.: the cargo ship strikes the eastern span of the bridge",
		"Tuesday: ferry services double their crossings",
		"Thursday: engineers report cracks in two of the columns on the eastern span")
	checkRenders(t, mustNew(t, Options{}), 1, func(int) []byte { return page }, want)
}

// Class 5, as a big newspaper of 2012 printed it: the first chunk is
// "article_body entry-content", the next ones "article_body", and a side
// rail with text of its own (teasers, a comment count) stands between
// them. The rail is not text; every chunk is.
func TestExtractor_Extract_chunksAroundRail(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<div id="article"><div id="article_body"><div class="article_body entry-content"><article>`)
		cut := 2 + v%2
		for _, p := range storyParagraphs[:cut] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		fmt.Fprintf(&b, `</article></div><div id="article-side-rail" class="module article-side-rail">
<p class="heading"><a href="/c">Comments</a></p><div class="module"><h4>Other news</h4><p>A history of storms has made the port one of the best prepared in the region (%d).</p></div></div>
<div class="article_body"><article>`, v)
		for _, p := range storyParagraphs[cut:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`</article></div></div></div>`)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 4, page, wantStory(7))
}

// A long comment thread is not the article, even when go-trafilatura
// takes it for one.
func TestInComments(t *testing.T) {
	doc := mustParse(t, `<div id="comments"><ol class="commentlist"><li id="comment-1049"><p id="x">Nice.</p></li></ol></div><div class="post no-comments"><p id="y">Story.</p></div>`)
	x := findFirst(doc, func(n *html.Node) bool { return attr(n, "id") == "x" })
	y := findFirst(doc, func(n *html.Node) bool { return attr(n, "id") == "y" })
	if !inComments(x) || inComments(y) {
		t.Errorf("inComments(comment) = %v, inComments(story) = %v; want true, false", inComments(x), inComments(y))
	}
}

// Class 4, --explain: a block left out because its place in the container
// is unlike the article's paragraphs is reported with that reason.
func TestExtractor_Explain_unseenBlocks(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<article><div class="text">`)
	for i, p := range storyParagraphs[:7] {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
		if i == 2 {
			b.WriteString(`<div class="pullquote-box"><span>The bridge opens when the engineers tell us it is safe.</span></div>`)
		}
	}
	b.WriteString(`</div></article>`)
	_, dropped, err := mustNew(t, Options{}).Explain(classPage(b.String()), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dropped {
		if d.Text == "The bridge opens when the engineers tell us it is safe." && strings.HasPrefix(d.Rule, "not in the article's blocks") {
			return
		}
	}
	t.Errorf("the pull quote is not explained; dropped = %q", dropped)
}

// A list of thousands of links costs time linear in its size: every item
// asks the link-list rule about its list.
func BenchmarkExtract_LinkList(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<article><div class="text">`)
	for _, p := range storyParagraphs[:7] {
		fmt.Fprintf(&sb, "<p>%s</p>\n", p)
	}
	sb.WriteString(`<ul>`)
	for i := range 3000 {
		fmt.Fprintf(&sb, `<li><a href="/news/%d">Another story about the harbour, number %d</a></li>`, i, i)
	}
	sb.WriteString(`</ul></div></article>`)
	page := classPage(sb.String())
	e := mustNew(b, Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Extract(page, storyURL); err != nil {
			b.Fatal(err)
		}
	}
}

// Class 1: teasers under a "Related posts" label after the article, each a
// linked headline and a line of summary, in another order per request.
func TestExtractor_Extract_relatedTeasers(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<article><div class="text">`)
		for _, p := range storyParagraphs[:7] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`<h3>Related posts</h3>`)
		for i := range 3 {
			h := relatedHeadlines[(i+v)%len(relatedHeadlines)]
			fmt.Fprintf(&b, `<p><a href="/news/t-%d">%s</a> The story so far, in a line.</p>`, (i+v)%5, h)
		}
		b.WriteString(`</div></article>`)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 4, page, wantStory(7))
}
