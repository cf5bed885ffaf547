package storyurl

import (
	"errors"
	"net/url"
	"testing"

	"github.com/redline-news/redline"
)

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"https://Example.com:443/a/./b/../c/amp/?utm_source=x&b=2&a=1#frag",
		"http://[::1]:80/%7Euser/%2Fx?amp=1",
		"https://www.google.com/amp/s/example.com/story/amp",
		"https://example.com/a.amp.amp",
		"HTTP://EXAMPLE.COM",
		"https://bücher.example/straße?q=ä",
		"ftp://example.com/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := Canonicalize(raw)
		if err != nil {
			if !errors.Is(err, redline.ErrBadURL) {
				t.Fatalf("Canonicalize(%q) error %v does not wrap ErrBadURL", raw, err)
			}
			return
		}
		again, err := Canonicalize(got)
		if err != nil {
			t.Fatalf("Canonicalize(%q) = %q, which does not canonicalize again: %v", raw, got, err)
		}
		if again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, got, again)
		}
		if _, err := url.Parse(got); err != nil {
			t.Fatalf("Canonicalize(%q) = %q, not a URL: %v", raw, got, err)
		}
	})
}
