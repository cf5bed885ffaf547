package newsroom

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"time"
)

// The feeds are built with encoding/xml and encoding/json rather than
// templates so that they are well formed whatever the story text holds.

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Self          rssSelf   `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	Description string   `xml:"description"`
	PubDate     string   `xml:"pubDate"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

func (s *Site) serveRSS(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	items := s.listing()
	doc := rssDoc{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title:         s.opts.Name + ": Latest news",
		Link:          base + "/news/",
		Description:   "The latest stories from " + s.opts.Name,
		Language:      "en-us",
		LastBuildDate: latest(items, s.opts.Start).Format(time.RFC1123Z),
		Self:          rssSelf{Href: base + "/feeds/latest.xml", Rel: "self", Type: "application/rss+xml"},
	}}
	for _, l := range items {
		link := s.StoryURL(base, l.Slug)
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title:       l.Round.Headline,
			Link:        link,
			GUID:        rssGUID{IsPermaLink: true, Value: link},
			Description: l.Round.Dek,
			PubDate:     l.Published.Format(time.RFC1123Z),
			Categories:  categories(l),
		})
	}
	writeXML(w, s, "application/rss+xml; charset=utf-8", doc)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Summary    string         `xml:"summary"`
	Authors    []atomAuthor   `xml:"author"`
	Categories []atomCategory `xml:"category"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func (s *Site) serveAtom(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	items := s.listing()
	feed := atomFeed{
		Title:   s.opts.Name + ": Latest news",
		ID:      base + "/feeds/atom.xml",
		Updated: latest(items, s.opts.Start).Format(time.RFC3339),
		Links: []atomLink{
			{Href: base + "/feeds/atom.xml", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/news/", Rel: "alternate", Type: "text/html"},
		},
	}
	for _, l := range items {
		link := s.StoryURL(base, l.Slug)
		e := atomEntry{
			Title:     l.Round.Headline,
			ID:        link,
			Link:      atomLink{Href: link, Rel: "alternate", Type: "text/html"},
			Published: l.Published.Format(time.RFC3339),
			Updated:   l.Modified.Format(time.RFC3339),
			Summary:   l.Round.Dek,
		}
		for _, a := range splitAuthors(l.Round.Byline) {
			e.Authors = append(e.Authors, atomAuthor{Name: a})
		}
		for _, c := range categories(l) {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		feed.Entries = append(feed.Entries, e)
	}
	writeXML(w, s, "application/atom+xml; charset=utf-8", feed)
}

type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	Summary       string           `json:"summary,omitempty"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

func (s *Site) serveJSONFeed(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	feed := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       s.opts.Name + ": Latest news",
		HomePageURL: base + "/news/",
		FeedURL:     base + "/feeds/feed.json",
		Items:       []jsonFeedItem{},
	}
	for _, l := range s.listing() {
		link := s.StoryURL(base, l.Slug)
		it := jsonFeedItem{
			ID: link, URL: link, Title: l.Round.Headline, Summary: l.Round.Dek,
			DatePublished: l.Published.Format(time.RFC3339),
			DateModified:  l.Modified.Format(time.RFC3339),
			Tags:          categories(l),
		}
		for _, a := range splitAuthors(l.Round.Byline) {
			it.Authors = append(it.Authors, jsonFeedAuthor{Name: a})
		}
		feed.Items = append(feed.Items, it)
	}
	body, err := json.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.log.Error("newsroom: encode json feed", "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/feed+json; charset=utf-8")
	w.Write(body)
}

type newsURLSet struct {
	XMLName xml.Name  `xml:"urlset"`
	NS      string    `xml:"xmlns,attr"`
	NewsNS  string    `xml:"xmlns:news,attr"`
	URLs    []newsURL `xml:"url"`
}

type newsURL struct {
	Loc     string   `xml:"loc"`
	LastMod string   `xml:"lastmod"`
	News    newsNews `xml:"news:news"`
}

type newsNews struct {
	Publication     newsPublication `xml:"news:publication"`
	PublicationDate string          `xml:"news:publication_date"`
	Title           string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

func (s *Site) serveSitemap(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	set := newsURLSet{
		NS:     "http://www.sitemaps.org/schemas/sitemap/0.9",
		NewsNS: "http://www.google.com/schemas/sitemap-news/0.9",
	}
	for _, l := range s.listing() {
		set.URLs = append(set.URLs, newsURL{
			Loc:     s.StoryURL(base, l.Slug),
			LastMod: l.Modified.Format(time.RFC3339),
			News: newsNews{
				Publication:     newsPublication{Name: s.opts.Name, Language: "en"},
				PublicationDate: l.Published.Format(time.RFC3339),
				Title:           l.Round.Headline,
			},
		})
	}
	writeXML(w, s, "application/xml; charset=utf-8", set)
}

func writeXML(w http.ResponseWriter, s *Site, contentType string, doc any) {
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		s.log.Error("newsroom: encode feed", "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Write([]byte(xml.Header))
	w.Write(body)
}

// categories tags developing stories the way publishers do, so feed-based
// discovery has a marker to find.
func categories(l listed) []string {
	c := []string{l.Section}
	if l.Developing {
		c = append(c, "Developing")
	}
	return c
}

func latest(items []listed, start time.Time) time.Time {
	t := start
	for _, l := range items {
		if l.Modified.After(t) {
			t = l.Modified
		}
	}
	return t
}
