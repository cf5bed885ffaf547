package newsroom

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// startSite serves a site on a loopback test server.
func startSite(t testing.TB, opts Options) (*Site, *httptest.Server) {
	t.Helper()
	site := NewSite(opts)
	srv := httptest.NewServer(site.Handler())
	t.Cleanup(srv.Close)
	return site, srv
}

// fetch GETs path and returns the response (body already read) and body.
func fetch(t testing.TB, srv *httptest.Server, path string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatalf("new request %s: %v", path, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return resp, body
}

// parsedPage is what the tests read from a page with a real HTML parser.
type parsedPage struct {
	text   string // visible text, one text node per line, scripts left out
	title  string
	meta   map[string]string // property or name → content
	links  map[string]string // rel → href
	ldJSON []map[string]any
}

func parsePage(t testing.TB, body []byte) parsedPage {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	p := parsedPage{meta: map[string]string{}, links: map[string]string{}}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
					var v map[string]any
					if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
						t.Errorf("JSON-LD does not parse: %v\n%s", err, n.FirstChild.Data)
					}
					p.ldJSON = append(p.ldJSON, v)
				}
				return
			case "style":
				return
			case "title":
				if n.FirstChild != nil {
					p.title = n.FirstChild.Data
				}
			case "meta":
				key := attr(n, "property")
				if key == "" {
					key = attr(n, "name")
				}
				p.meta[key] = attr(n, "content")
			case "link":
				p.links[attr(n, "rel")] = attr(n, "href")
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
			text.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	p.text = text.String()
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
