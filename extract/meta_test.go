package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestReadMetadata_headline(t *testing.T) {
	body := `<body><h1>Council approves new ferry routes</h1><p>Text.</p></body>`
	tests := []struct {
		name, head, body, want string
	}{
		{"declared headline kept whole, site name included",
			`<title>Other | Site</title><meta property="og:title" content="Fire closes harbour bridge - The Daily Example">`, body,
			"Fire closes harbour bridge - The Daily Example"},
		{"JSON-LD headline wins over og:title",
			`<meta property="og:title" content="Social headline"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Fire closes bridge"}</script>`, body,
			"Fire closes bridge"},
		{"title loses its site suffix when enough headline is left",
			`<title>Council approves new ferry routes after long debate | The Daily Example</title>`, body,
			"Council approves new ferry routes after long debate"},
		{"short title keeps its site suffix",
			`<title>Ferry routes approved | The Daily Example</title>`, body,
			"Ferry routes approved | The Daily Example"},
		{"Dublin Core title comes before og:title, in either spelling",
			`<meta property="og:title" content="Social headline"><meta name="DC.title" content="Fire closes bridge">`, body,
			"Fire closes bridge"},
		{"breadcrumb title keeps its last part even when short",
			`<title>Local » Ferry routes approved</title>`, body,
			"Ferry routes approved"},
		{"section prefix before a colon goes",
			`<title>Local news: Council approves new ferry routes today</title>`, body,
			"Council approves new ferry routes today"},
		{"colon kept when a heading shows the whole title",
			`<title>Live: Council approves new ferry routes</title>`, `<body><h1>Live: Council approves new ferry routes</h1></body>`,
			"Live: Council approves new ferry routes"},
		{"a too-short title gives way to the only h1",
			`<title>Home</title>`, body,
			"Council approves new ferry routes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><head>" + tt.head + "</head>" + tt.body + "</html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := readMetadata(doc, "https://127.0.0.1/story").Headline; got != tt.want {
				t.Errorf("Headline = %q, want %q", got, tt.want)
			}
		})
	}
}
