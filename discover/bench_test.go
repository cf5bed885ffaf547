package discover

import (
	"fmt"
	"strings"
	"testing"
)

// rssFeed builds a realistic RSS 2.0 feed with n items carrying dc and
// media extensions, HTML descriptions and tracking parameters.
func rssFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Bench</title><link>https://www.example-daily.com/</link><description>Bench feed</description>
`)
	for i := range n {
		title := fmt.Sprintf("Story number %d about the council&amp;#8217;s budget vote", i)
		if i%10 == 0 {
			title = fmt.Sprintf("Live: story number %d as it unfolds", i)
		}
		fmt.Fprintf(&b, `<item>
  <title>%s</title>
  <link>https://www.example-daily.com/news/2024/may/%02d/story-number-%d?utm_source=rss&amp;utm_medium=feed</link>
  <description>&lt;p&gt;Paragraph one of story %d, with &lt;a href="/x"&gt;a link&lt;/a&gt; and more words to read.&lt;/p&gt;</description>
  <dc:creator>Reporter %d</dc:creator>
  <category>News</category><category>Politics</category>
  <pubDate>Sun, 12 May 2024 %02d:%02d:00 GMT</pubDate>
  <guid isPermaLink="false">story-%d</guid>
  <media:content url="https://i.example-daily.com/img/%d.jpg" medium="image" width="1200"/>
</item>
`, title, i%28+1, i, i, i%7, i%24, i%60, i, i)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func BenchmarkParseFeed(b *testing.B) {
	body := rssFeed(200)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		items, _, err := ParseFeed(body, "https://www.example-daily.com/rss")
		if err != nil || len(items) != 200 {
			b.Fatalf("ParseFeed = %d items, %v", len(items), err)
		}
	}
}

func BenchmarkParseFeed_sitemap(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
	for i := range 1000 {
		fmt.Fprintf(&sb, `<url><loc>https://www.example-daily.com/news/2024/05/12/story-%d</loc><lastmod>2024-05-12T09:%02d:00Z</lastmod>`+
			`<news:news><news:publication><news:name>Daily</news:name><news:language>en</news:language></news:publication>`+
			`<news:publication_date>2024-05-12T08:00:00Z</news:publication_date><news:title>Story %d</news:title></news:news></url>`, i, i%60, i)
	}
	sb.WriteString(`</urlset>`)
	body := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		items, _, err := ParseFeed(body, "https://www.example-daily.com/sitemap-news.xml")
		if err != nil || len(items) != 1000 {
			b.Fatalf("ParseFeed = %d items, %v", len(items), err)
		}
	}
}

func BenchmarkParseSection(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html><body><nav>`)
	for i := range 50 {
		fmt.Fprintf(&sb, `<a href="/section-%d">Section %d</a>`, i, i)
	}
	sb.WriteString(`</nav><main>`)
	for i := range 300 {
		fmt.Fprintf(&sb, `<article><a href="/news/2024/05/12/story-number-%d?utm_source=home"><h3>Story %d</h3><p>Teaser</p></a><time datetime="2024-05-12T09:00:00Z">9am</time></article>`, i, i)
	}
	sb.WriteString(`</main></body></html>`)
	body := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		items, err := ParseSection(body, "https://www.example-daily.com/news", nil)
		if err != nil || len(items) != 300 {
			b.Fatalf("ParseSection = %d items, %v", len(items), err)
		}
	}
}

func BenchmarkMatcher_Developing(b *testing.B) {
	it := Item{
		Title:       "Council approves the budget after a long debate on developing countries",
		Description: "The vote was 7-2 after a four-hour meeting in which members debated spending.",
		Tags:        []string{"Politics", "Local"},
	}
	var m Matcher
	b.ReportAllocs()
	for b.Loop() {
		m.Developing(it)
	}
}
