package extract

import (
	"fmt"
	"strings"
)

// bigPage renders a story whose body is n plain paragraphs, the shape of a
// long report or a live blog that has run for days.
func bigPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour bridge stays shut | The Daily Example</title>
<meta property="og:title" content="Harbour bridge stays shut">
</head><body><header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article class="story"><h1>Harbour bridge stays shut</h1><div class="byline">By Jane Doe</div><div class="story-body">
`)
	for i := range n {
		fmt.Fprintf(&b, "<p>Update %d: %s</p>\n", i, storyParagraphs[i%(len(storyParagraphs)-1)])
	}
	b.WriteString(`</div></article></main><footer class="site-footer"><p>Copyright The Daily Example.</p></footer></body></html>`)
	return []byte(b.String())
}

// liveBlogPage renders live-blog posts, each with its time, a heading and
// two or three paragraphs, the way news sites lay out live coverage, until
// the page holds n paragraphs.
func liveBlogPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Live: harbour bridge closure | The Daily Example</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Live: harbour bridge closure","datePublished":"2024-03-07T09:30:00Z","dateModified":"2024-03-09T09:30:00Z"}</script>
</head><body><header class="site-header"><nav><a href="/">Home</a></nav></header>
<main><article class="live-blog"><h1>Live: harbour bridge closure</h1><div class="live-posts">
`)
	for i, paras := 0, 0; paras < n; i++ {
		fmt.Fprintf(&b, `<div class="live-post" id="post-%d"><time datetime="2024-03-07T%02d:%02d:00Z">%02d:%02d</time><h2>Post %d: engineers report on column %d</h2>`,
			i, i/60%24, i%60, i/60%24, i%60, i, i%11)
		for j := 0; j < 2+i%2 && paras < n; j++ {
			fmt.Fprintf(&b, "<p>%s (%d.%d)</p>", storyParagraphs[(i+j)%(len(storyParagraphs)-1)], i, j)
			paras++
		}
		b.WriteString("</div>\n")
	}
	b.WriteString(`</div></article></main><footer class="site-footer"><p>Copyright The Daily Example.</p></footer></body></html>`)
	return []byte(b.String())
}

// divPage is bigPage with every paragraph in a <div>, as some CMSs render
// them: nothing the cut for <p> elements bounds.
func divPage(n int) []byte {
	return []byte(strings.NewReplacer("<p>Update", "<div>Update", "</p>\n", "</div>\n").Replace(string(bigPage(n))))
}

// deepPage nests n <div> elements around the story.
func deepPage(n int) []byte {
	return []byte(strings.Replace(string(bigPage(20)), `<div class="story-body">`, `<div class="story-body">`+strings.Repeat("<div>", n), 1))
}

// brLinesPage is an old-style page: n lines of one story in a single <div>,
// parted by <br><br>, so no element marks a paragraph.
func brLinesPage(n int) []byte {
	var b strings.Builder
	b.WriteString("<html><head><title>Harbour bridge stays shut</title></head><body><div>")
	for i := range n {
		fmt.Fprintf(&b, "Line %d: %s<br><br>", i, storyParagraphs[i%(len(storyParagraphs)-1)])
	}
	b.WriteString("</div></body></html>")
	return []byte(b.String())
}
