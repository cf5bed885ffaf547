package extract

import "testing"

// Issue 12, class 8: a headline read from og:title or <title> is the part
// of it the page prints as its heading, in any language and whatever the
// title's separators; the heading never replaces a JSON-LD headline, a
// site name or a headline the title does not end at a separator.
func TestExtract_printedHeadline(t *testing.T) {
	tests := []struct {
		name, head, lead, want string
	}{
		{"headline, section and site",
			`<title>x</title><meta property="og:title" content="Bridge stays shut after crash | Local News | The Daily Example"><meta property="og:site_name" content="The Daily Example">`,
			`<h1>Bridge stays shut after crash</h1>`,
			"Bridge stays shut after crash"},
		{"french title with an undeclared site",
			`<meta property="og:title" content="L'État promet de rouvrir le pont du port - Le Courrier du Soir">`,
			`<h1>L’État promet de rouvrir le pont du port</h1>`,
			"L’État promet de rouvrir le pont du port"},
		{"japanese brackets and full-width bar",
			`<meta property="og:title" content="【速報】東京で大雪、首都圏の交通に乱れ｜毎日ニュース">`,
			`<h1>東京で大雪、首都圏の交通に乱れ</h1>`,
			"東京で大雪、首都圏の交通に乱れ"},
		{"chinese underscores in the document title",
			`<title>台风登陆广东沿海 数十万人紧急转移_新闻_示例网</title>`,
			`<h1>台风登陆广东沿海 数十万人紧急转移</h1>`,
			"台风登陆广东沿海 数十万人紧急转移"},
		{"typography as printed",
			`<meta property="og:title" content="Isis - &quot;Streetcleaner&quot; (Godflesh Cover) - Music Blog">`,
			`<h1>Isis – “Streetcleaner” (Godflesh Cover)</h1>`,
			"Isis – “Streetcleaner” (Godflesh Cover)"},
		{"post title in an h2 of the article",
			`<meta property="og:title" content="Pumpkin ravioli with roasted broccoli » A Vegan Kitchen Diary">`,
			`<h2>Pumpkin ravioli with roasted broccoli</h2>`,
			"Pumpkin ravioli with roasted broccoli"},
		{"post title in a classed h3 below the blog's h1",
			`<meta property="og:title" content="Pickled peaches with ginger and honey | Diabetic Kitchen Notes">`,
			`<h1>Diabetic Kitchen Notes</h1><h3 class="post-title entry-title">Pickled peaches with ginger and honey</h3>`,
			"Pickled peaches with ginger and honey"},
		{"the h1 is the site's name at the end",
			`<title>Preview of my keynote at the upcoming summit: Church of the Customer Blog</title>`,
			`<h1>Church of the Customer Blog</h1>`,
			"Preview of my keynote at the upcoming summit: Church of the Customer Blog"},
		{"the h1 is the declared site name",
			`<meta property="og:title" content="Bridge stays shut after crash - The Daily Example Online"><meta property="og:site_name" content="The Daily Example Online">`,
			`<h1>The Daily Example Online</h1>`,
			"Bridge stays shut after crash"},
		{"the h1 stops inside the title's sentence",
			`<meta property="og:title" content="Bridge stays shut after crash on Monday night">`,
			`<h1>Bridge stays shut after crash</h1>`,
			"Bridge stays shut after crash on Monday night"},
		{"a JSON-LD headline is kept",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour bridge stays shut after crash: what we know"}</script>`,
			`<h1>Harbour bridge stays shut after crash</h1>`,
			"Harbour bridge stays shut after crash: what we know"},
		{"a short heading is a label",
			`<meta property="og:title" content="Harbour: Bridge stays shut after the crash">`,
			`<h1>Harbour</h1>`,
			"Harbour: Bridge stays shut after the crash"},
	}
	e := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Extract(fidelityPage(tt.head, tt.lead, storyParagraphs[:6], ""), "https://127.0.0.1/bridge")
			if err != nil {
				t.Fatal(err)
			}
			if a.Headline != tt.want {
				t.Errorf("headline %q, want %q", a.Headline, tt.want)
			}
		})
	}
}
