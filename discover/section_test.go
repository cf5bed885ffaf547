package discover

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestParseSection(t *testing.T) {
	const pageURL = "https://www.example-daily.com/world"
	page := readTestdata(t, "section.html")
	tests := []struct {
		name    string
		pattern *regexp.Regexp
		want    []summary
	}{
		{
			name:    "path pattern keeps same-site story links",
			pattern: regexp.MustCompile(`/world/(live/)?\d{4}/[a-z]{3}/\d{2}/`),
			want: []summary{
				{
					URL:        "https://www.example-daily.com/world/live/2024/may/12/earthquake-coastal-region-latest",
					Title:      "Live updates: Earthquake hits coastal region",
					Published:  utc("2024-05-12T09:30:00Z"),
					Developing: true,
				},
				{URL: "https://www.example-daily.com/world/2024/may/12/quake-toll-rises", Title: "Quake toll rises as rescuers reach villages"},
				{URL: "https://www.example-daily.com/world/2024/may/11/ceasefire-talks-resume-in-cairo", Title: "Ceasefire talks resume in Cairo", Published: utc("2024-05-11T00:00:00Z")},
				{URL: "https://www.example-daily.com/world/2024/may/10/?id=5", Title: "Day archive 5"},
				{URL: "https://www.example-daily.com/world/2024/may/10/?id=6", Title: "Day archive 6"},
			},
		},
		{
			name:    "pattern naming hosts may leave the site",
			pattern: regexp.MustCompile(`^https://[^/]+/world/\d{4}/[a-z]{3}/1[12]/[a-z-]+$`),
			want: []summary{
				{URL: "https://www.example-daily.com/world/2024/may/12/quake-toll-rises", Title: "Quake toll rises as rescuers reach villages"},
				{URL: "https://www.example-daily.com/world/2024/may/11/ceasefire-talks-resume-in-cairo", Title: "Ceasefire talks resume in Cairo", Published: utc("2024-05-11T00:00:00Z")},
				{URL: "https://other-news.example.net/world/2024/may/12/quake-analysis", Title: "Analysis elsewhere"},
			},
		},
		{
			name:    "nil pattern picks article-looking links",
			pattern: nil,
			want: []summary{
				{
					URL:        "https://www.example-daily.com/world/live/2024/may/12/earthquake-coastal-region-latest",
					Title:      "Live updates: Earthquake hits coastal region",
					Published:  utc("2024-05-12T09:30:00Z"),
					Developing: true,
				},
				{URL: "https://www.example-daily.com/world/2024/may/12/quake-toll-rises", Title: "Quake toll rises as rescuers reach villages"},
				{URL: "https://www.example-daily.com/world/2024/may/11/ceasefire-talks-resume-in-cairo", Title: "Ceasefire talks resume in Cairo", Published: utc("2024-05-11T00:00:00Z")},
				{URL: "https://www.example-daily.com/world/2024/may/10/?id=5", Title: "Day archive 5"},
				{URL: "https://www.example-daily.com/world/2024/may/10/?id=6", Title: "Day archive 6"},
			},
		},
		{
			name:    "pattern matching nothing",
			pattern: regexp.MustCompile(`/sport/`),
			want:    []summary{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseSection(page, pageURL, tt.pattern)
			if err != nil {
				t.Fatalf("ParseSection: %v", err)
			}
			got := summarize(items)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items, want %d:\n%+v", len(got), len(tt.want), got)
			}
			for i := range got {
				if normTags(got[i]).URL != tt.want[i].URL || got[i].Title != tt.want[i].Title ||
					!got[i].Published.Equal(tt.want[i].Published) || got[i].Developing != tt.want[i].Developing {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got[i], tt.want[i])
				}
				if items[i].Source != pageURL {
					t.Errorf("item %d: Source = %q, want %q", i, items[i].Source, pageURL)
				}
			}
		})
	}
}

func TestParseSection_links(t *testing.T) {
	all := regexp.MustCompile(`.`)
	tests := []struct {
		name    string
		pageURL string
		html    string
		want    []string
	}{
		{
			name:    "relative links resolve against the page",
			pageURL: "https://example.com/news/index.html",
			html:    `<a href="story-1">a</a><a href="../about">b</a><a href="//example.com/c">c</a>`,
			want:    []string{"https://example.com/news/story-1", "https://example.com/about", "https://example.com/c"},
		},
		{
			name:    "base href wins over the page URL",
			pageURL: "https://example.com/news/index.html",
			html:    `<head><base href="https://example.com/archive/"></head><a href="story-1">a</a>`,
			want:    []string{"https://example.com/archive/story-1"},
		},
		{
			name:    "tracking variants and fragments collapse",
			pageURL: "https://example.com/",
			html:    `<a href="/a?utm_source=x">1</a><a href="/a#top">2</a><a href="/a?fbclid=z">3</a><a href="/a?id=2">4</a>`,
			want:    []string{"https://example.com/a", "https://example.com/a?id=2"},
		},
		{
			name:    "non-web and in-page links skipped",
			pageURL: "https://example.com/",
			html:    `<a href="#x">1</a><a href="javascript:go()">2</a><a href="mailto:a@example.com">3</a><a href="tel:+1">4</a><a href="">5</a><a>6</a><a href="/ok">7</a>`,
			want:    []string{"https://example.com/ok"},
		},
		{
			name:    "the page itself is skipped",
			pageURL: "https://example.com/world?utm_source=nav",
			html:    `<a href="/world">World</a><a href="https://example.com/world#top">Top</a><a href="/world/a">A</a>`,
			want:    []string{"https://example.com/world/a"},
		},
		{
			name:    "same registrable domain counts as same site",
			pageURL: "https://www.example.co.uk/news",
			html:    `<a href="https://live.example.co.uk/a">1</a><a href="https://example.co.uk/b">2</a><a href="https://example.com/c">3</a><a href="https://other.co.uk/d">4</a>`,
			want:    []string{"https://live.example.co.uk/a", "https://example.co.uk/b"},
		},
		{
			name:    "hosting suffix blogs are different sites",
			pageURL: "https://alice.blogspot.com/",
			html:    `<a href="https://alice.blogspot.com/2024/05/post.html">1</a><a href="https://bob.blogspot.com/2024/05/post.html">2</a>`,
			want:    []string{"https://alice.blogspot.com/2024/05/post.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseSection([]byte(tt.html), tt.pageURL, all)
			if err != nil {
				t.Fatalf("ParseSection: %v", err)
			}
			var got []string
			for _, it := range items {
				got = append(got, it.URL)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("links:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseSection_titles(t *testing.T) {
	html := `
		<a href="/s/1"><img src="x.jpg" alt="Photo of the scene"></a>
		<a href="/s/1">Read more</a>
		<a href="/s/1"><span>Opinion</span><h2> The   real
			headline </h2><p>Teaser text</p></a>
		<a href="/s/2" title="Title attribute"></a>
		<a href="/s/3" aria-label="Aria label"><svg></svg></a>
		<a href="/s/4">Tom &amp; Jerry&#8217;s &quot;return&quot;</a>`
	items, err := ParseSection([]byte(html), "https://example.com/", regexp.MustCompile(`/s/`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"https://example.com/s/1": "The real headline",
		"https://example.com/s/2": "Title attribute",
		"https://example.com/s/3": "Aria label",
		"https://example.com/s/4": "Tom & Jerry’s \"return\"",
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(items), len(want), summarize(items))
	}
	for _, it := range items {
		if it.Title != want[it.URL] {
			t.Errorf("%s: Title = %q, want %q", it.URL, it.Title, want[it.URL])
		}
	}
}

func TestParseSection_badPageURL(t *testing.T) {
	for _, pageURL := range []string{"", "/world", "file:///tmp/world.html"} {
		t.Run(pageURL, func(t *testing.T) {
			_, err := ParseSection([]byte(`<a href="/a">a</a>`), pageURL, nil)
			if !errors.Is(err, redline.ErrBadURL) {
				t.Fatalf("error = %v, want redline.ErrBadURL", err)
			}
			if !strings.Contains(err.Error(), pageURL) {
				t.Errorf("error %q does not name %q", err, pageURL)
			}
		})
	}
}
