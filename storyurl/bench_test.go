package storyurl

import "testing"

func BenchmarkCanonicalize(b *testing.B) {
	raw := "HTTPS://WWW.Example-Daily.com:443/news/2024/may/12/story-number-7/?utm_source=rss&id=5&fbclid=abc&page=2#comments"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Canonicalize(raw); err != nil {
			b.Fatal(err)
		}
	}
}
