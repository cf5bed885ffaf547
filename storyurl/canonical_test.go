package storyurl

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"already canonical", "https://www.example.com/world/2024/05/12/story", "https://www.example.com/world/2024/05/12/story"},
		{"scheme and host lowercased, path case kept", "HTTPS://WWW.Example.COM/World/Story-ABC", "https://www.example.com/World/Story-ABC"},
		{"surrounding space trimmed", "  https://example.com/a  ", "https://example.com/a"},
		{"default https port dropped", "https://example.com:443/a", "https://example.com/a"},
		{"default http port dropped", "http://example.com:80/a", "http://example.com/a"},
		{"non-default port kept", "http://example.com:8080/a", "http://example.com:8080/a"},
		{"https on port 80 kept", "https://example.com:80/a", "https://example.com:80/a"},
		{"trailing dot on host dropped", "https://example.com./a", "https://example.com/a"},
		{"user info dropped", "https://user:secret@example.com/a", "https://example.com/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"empty path becomes slash", "https://example.com", "https://example.com/"},
		{"empty path with query", "https://example.com?id=5", "https://example.com/?id=5"},
		{"trailing slash kept", "https://example.com/news/story/", "https://example.com/news/story/"},
		{"dot segments resolved", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"dot dot at end keeps directory", "https://example.com/a/b/..", "https://example.com/a/"},
		{"double slash kept", "https://example.com/a//b", "https://example.com/a//b"},
		{"unreserved escapes decoded", "https://example.com/%7Euser/%61bc", "https://example.com/~user/abc"},
		{"escape hex uppercased", "https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"},
		{"raw unicode path escaped", "https://example.com/café", "https://example.com/caf%C3%A9"},
		{"encoded slash kept", "https://example.com/a%2Fb/c", "https://example.com/a%2Fb/c"},
		{"unicode host to punycode", "https://Bücher.example/a", "https://xn--bcher-kva.example/a"},
		{"ipv6 host", "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"utm params dropped", "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a"},
		{"click ids dropped", "https://example.com/a?fbclid=IwAR0&gclid=Cj0&msclkid=1&igshid=2", "https://example.com/a"},
		{"newsletter ids dropped", "https://example.com/a?mc_cid=1&mc_eid=2&ocid=3&cmpid=4&smid=5&taid=6", "https://example.com/a"},
		{"ref and analytics dropped", "https://example.com/a?ref=homepage&_ga=2.1&at_medium=rss&at_campaign=x", "https://example.com/a"},
		{"tracking names case-insensitive", "https://example.com/a?UTM_Source=x&CMP=share_btn_link&WT.mc_id=7", "https://example.com/a"},
		{"content params kept and sorted", "https://example.com/article?page=2&id=42", "https://example.com/article?id=42&page=2"},
		{"tracking removed, content kept", "https://example.com/a?utm_source=x&id=5&fbclid=y", "https://example.com/a?id=5"},
		{"repeated names keep their order", "https://example.com/a?tag=b&id=1&tag=a", "https://example.com/a?id=1&tag=b&tag=a"},
		{"query bytes kept verbatim", "https://example.com/s?q=a+b&x=%2F", "https://example.com/s?q=a+b&x=%2F"},
		{"empty query pieces dropped", "https://example.com/a?&id=1&&", "https://example.com/a?id=1"},
		{"bare question mark dropped", "https://example.com/a?", "https://example.com/a"},
		{"amp query flag dropped", "https://example.com/story?amp", "https://example.com/story"},
		{"amp=1 dropped", "https://example.com/story?id=3&amp=1", "https://example.com/story?id=3"},
		{"outputType=amp dropped", "https://example.com/story?outputType=amp", "https://example.com/story"},
		{"amp with other value kept", "https://example.com/guitar?amp=marshall", "https://example.com/guitar?amp=marshall"},
		{"final amp segment dropped", "https://example.com/2024/05/story/amp", "https://example.com/2024/05/story"},
		{"final amp segment with slash", "https://example.com/2024/05/story/amp/", "https://example.com/2024/05/story/"},
		{"dot amp suffix dropped", "https://www.bbc.co.uk/news/world-12345678.amp", "https://www.bbc.co.uk/news/world-12345678"},
		{"bare amp section kept", "https://example.com/amp", "https://example.com/amp"},
		{"amp inside a segment kept", "https://example.com/news/amped-up-crowd", "https://example.com/news/amped-up-crowd"},
		{"google amp cache unwrapped", "https://www.google.com/amp/s/www.example.com/news/story/amp/?utm_source=g", "https://www.example.com/news/story/"},
		{"google amp cache http", "https://www.google.com/amp/www.example.com/news/story", "http://www.example.com/news/story"},
		{"ampproject cache unwrapped", "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story.amp", "https://www.example.com/news/story"},
		{"google non-amp path kept", "https://www.google.com/search?q=amp", "https://www.google.com/search?q=amp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Canonicalize(got)
			if err != nil || again != got {
				t.Errorf("Canonicalize(%q) = %q, %v; want it unchanged", got, again, err)
			}
		})
	}
}

// TestCanonicalize_distinct holds pairs that name different stories and
// must never be merged, whatever normalization is added later.
func TestCanonicalize_distinct(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"different id params", "https://example.com/story?id=5", "https://example.com/story?id=6"},
		{"different article params", "https://example.com/index.php?p=100", "https://example.com/index.php?p=101"},
		{"different path case", "https://example.com/News/A", "https://example.com/news/a"},
		{"different hosts", "https://www.example.com/a", "https://example.com/a"},
		{"different subdomains", "https://news.example.com/a", "https://sport.example.com/a"},
		{"different schemes", "http://example.com/a", "https://example.com/a"},
		{"different ports", "https://example.com:8443/a", "https://example.com/a"},
		{"encoded slash vs slash", "https://example.com/a%2Fb", "https://example.com/a/b"},
		{"multi-value order", "https://example.com/a?x=1&x=2", "https://example.com/a?x=2&x=1"},
		{"content param vs none", "https://example.com/live?page=2", "https://example.com/live"},
		{"amp is a real value", "https://example.com/shop?amp=fender", "https://example.com/shop?amp=marshall"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, errA := Canonicalize(tt.a)
			b, errB := Canonicalize(tt.b)
			if errA != nil || errB != nil {
				t.Fatalf("Canonicalize: %v, %v", errA, errB)
			}
			if a == b {
				t.Errorf("%q and %q both canonicalize to %q", tt.a, tt.b, a)
			}
		})
	}
}

func TestCanonicalize_errors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"relative path", "/news/story"},
		{"scheme-relative", "//example.com/a"},
		{"ftp", "ftp://example.com/file"},
		{"mailto", "mailto:desk@example.com"},
		{"javascript", "javascript:alert(1)"},
		{"opaque http", "http:example.com"},
		{"no host", "https:///path"},
		{"bad escape", "https://example.com/%zz"},
		{"bad port", "https://example.com:port/"},
		{"dots only host", "https://../a"},
		{"control character", "https://example.com/\x7f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err == nil {
				t.Fatalf("Canonicalize(%q) = %q, want error", tt.in, got)
			}
			if !errors.Is(err, redline.ErrBadURL) {
				t.Errorf("error %v does not wrap redline.ErrBadURL", err)
			}
			if !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
				t.Errorf("error %q does not name the input %q", err, tt.in)
			}
		})
	}
}
