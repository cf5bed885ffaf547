package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// summary is the part of an Item the feed tests pin down.
type summary struct {
	URL         string
	Title       string
	Description string
	Published   time.Time
	Updated     time.Time
	Tags        []string
	Developing  bool
	Sitemap     bool
}

func summarize(items []Item) []summary {
	out := make([]summary, len(items))
	for i, it := range items {
		out[i] = summary{it.URL, it.Title, it.Description, it.Published, it.Updated, it.Tags, it.Developing, it.Sitemap}
	}
	return out
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParseFeed(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		feedURL string
		kind    Kind
		want    []summary
	}{
		{
			name:    "rss 2.0 with dc and media",
			file:    "rss.xml",
			feedURL: "https://www.example-daily.com/world/rss.xml",
			kind:    KindRSS,
			want: []summary{
				{
					URL:         "https://www.example-daily.com/politics/2024/may/12/minister-resignation-letter-in-full",
					Title:       "Minister’s resignation letter in full",
					Description: "The letter was sent to the prime minister on Sunday morning.",
					Published:   utc("2024-05-12T08:15:00Z"),
					Tags:        []string{"Politics", "UK news", "Westminster"},
				},
				{
					URL:         "https://www.example-daily.com/world/live/2024/may/12/earthquake-coastal-region-latest",
					Title:       "Live: Earthquake hits coastal region, thousands evacuated",
					Description: "Follow our live coverage.",
					Published:   utc("2024-05-12T09:30:00Z"),
					Developing:  true,
				},
				{
					URL:         "https://www.example-daily.com/business/2024/may/12/central-bank-holds-rates",
					Title:       "Central bank holds rates",
					Description: "Rates stay at 5.25% for a sixth month.",
					Published:   utc("2024-05-12T07:00:00Z"),
				},
				{
					URL:       "https://www.example-daily.com/world/2024/may/12/quake-toll-rises",
					Title:     "Quake toll rises as rescuers reach villages",
					Published: utc("2024-05-12T06:45:00Z"),
					Updated:   utc("2024-05-12T06:45:00Z"),
				},
				{
					URL:        "https://www.example-daily.com/business/2024/may/12/stock-exchange-halts-trading",
					Title:      "Breaking: Stock exchange halts trading after outage",
					Published:  utc("2024-05-12T09:05:00Z"),
					Developing: true,
				},
				{
					URL:         "https://www.example-daily.com/science/2024/may/12/gene-therapy-approved",
					Title:       "Groundbreaking gene therapy approved for children",
					Description: "Aid for developing countries was also discussed.",
					Published:   utc("2024-05-11T18:00:00Z"),
				},
			},
		},
		{
			name:    "atom 1.0",
			file:    "atom.xml",
			feedURL: "https://wire.example.net/feeds/top.atom",
			kind:    KindAtom,
			want: []summary{
				{
					URL:         "https://wire.example.net/news/2024/05/12/floods-evacuation-orders-widened",
					Title:       "Floods: evacuation orders widened & roads closed",
					Description: "This story will be updated.",
					Published:   utc("2024-05-12T05:00:00Z"),
					Updated:     utc("2024-05-12T09:40:00Z"),
					Tags:        []string{"Weather"},
					Developing:  true,
				},
				{
					URL:         "https://wire.example.net/news/2024/05/12/parliament-passes-budget",
					Title:       "Parliament passes budget",
					Description: "The vote was 312 to 280.",
					Published:   utc("2024-05-12T08:00:00Z"),
					Updated:     utc("2024-05-12T08:00:00Z"),
				},
				{
					URL:         "https://wire.example.net/live/election-night-2024",
					Title:       "Election night: live updates",
					Description: "Polls have closed in the east.",
					Published:   utc("2024-05-12T09:44:00Z"),
					Updated:     utc("2024-05-12T09:44:00Z"),
					Developing:  true,
				},
			},
		},
		{
			name:    "json feed 1.1",
			file:    "feed.json",
			feedURL: "https://local.example.org/feed.json",
			kind:    KindJSON,
			want: []summary{
				{
					URL:         "https://local.example.org/news/2024/05/12/warehouse-fire-downtown",
					Title:       "Warehouse fire downtown & road closures",
					Description: "Crews are at the scene.",
					Published:   utc("2024-05-12T13:10:00Z"),
					Updated:     utc("2024-05-12T13:35:00Z"),
					Tags:        []string{"Developing", "Fire"},
					Developing:  true,
				},
				{
					URL:         "https://local.example.org/news/2024/05/12/council-approves-park-plan",
					Title:       "Council approves park plan",
					Description: "The council voted 7-2 on Saturday night to approve the riverside park plan after a four-hour meeting.",
					Published:   utc("2024-05-12T12:00:00Z"),
				},
				{
					URL:       "https://local.example.org/news/2024/05/11/school-board-vote",
					Title:     "School board vote delayed",
					Published: utc("2024-05-12T00:00:00Z"),
				},
			},
		},
		{
			name:    "google news sitemap",
			file:    "news-sitemap.xml",
			feedURL: "https://www.example-daily.com/sitemaps/news.xml",
			kind:    KindSitemap,
			want: []summary{
				{
					URL:        "https://www.example-daily.com/world/live/2024/may/12/earthquake-coastal-region-latest",
					Title:      "Earthquake: Live updates as aftershocks continue",
					Published:  utc("2024-05-12T06:02:00Z"),
					Updated:    utc("2024-05-12T09:41:07Z"),
					Tags:       []string{"earthquake", "disaster", "Asia"},
					Developing: true,
				},
				{
					URL:       "https://www.example-daily.com/business/2024/may/12/central-bank-holds-rates",
					Title:     "Central bank holds rates at 5.25% & signals cut",
					Published: utc("2024-05-12T06:00:00Z"),
				},
				{
					URL:     "https://www.example-daily.com/culture/2024/may/11/festival-lineup",
					Updated: utc("2024-05-11T00:00:00Z"),
				},
			},
		},
		{
			name:    "sitemap index lists child sitemaps once",
			file:    "sitemap-index.xml",
			feedURL: "https://www.example-daily.com/sitemap.xml",
			kind:    KindSitemapIndex,
			want: []summary{
				{URL: "https://www.example-daily.com/sitemaps/news.xml", Updated: utc("2024-05-12T09:45:00Z"), Sitemap: true},
				{URL: "https://www.example-daily.com/sitemaps/2024-05.xml.gz", Updated: utc("2024-05-12T00:00:00Z"), Sitemap: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, kind, err := ParseFeed(readTestdata(t, tt.file), tt.feedURL)
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if kind != tt.kind {
				t.Errorf("kind = %q, want %q", kind, tt.kind)
			}
			got := summarize(items)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items, want %d:\n%+v", len(got), len(tt.want), got)
			}
			for i := range got {
				if !reflect.DeepEqual(normTags(got[i]), normTags(tt.want[i])) {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
			for _, it := range items {
				if it.Source != tt.feedURL {
					t.Errorf("item %s: Source = %q, want %q", it.URL, it.Source, tt.feedURL)
				}
			}
		})
	}
}

// normTags lets a want without tags match an item with an empty tag list.
func normTags(s summary) summary {
	if len(s.Tags) == 0 {
		s.Tags = nil
	}
	return s
}

func TestParseFeed_empty(t *testing.T) {
	tests := []struct {
		name string
		body string
		kind Kind
	}{
		{"rss without items", `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://example.com/</link></channel></rss>`, KindRSS},
		{"atom without entries", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title><id>urn:x</id><updated>2024-05-12T00:00:00Z</updated></feed>`, KindAtom},
		{"json feed without items", `{"version":"https://jsonfeed.org/version/1.1","title":"Quiet","items":[]}`, KindJSON},
		{"empty urlset", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`, KindSitemap},
		{"entries without links", `<rss version="2.0"><channel><item><title>No link</title><guid isPermaLink="false">42</guid></item></channel></rss>`, KindRSS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, kind, err := ParseFeed([]byte(tt.body), "https://example.com/feed")
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if kind != tt.kind {
				t.Errorf("kind = %q, want %q", kind, tt.kind)
			}
			if len(items) != 0 {
				t.Errorf("got %d items, want none: %+v", len(items), items)
			}
		})
	}
}
