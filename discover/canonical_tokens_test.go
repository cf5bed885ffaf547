package discover

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// canonicalByTree is CanonicalFromHTML as it was before it read tokens:
// goquery over a parsed tree. The token reader must agree with it on every
// page, since a different canonical would move stories.
func canonicalByTree(page []byte, pageURL string) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	pu := baseURL(pageURL)
	base := pu
	if pu != nil {
		base = documentBase(doc, pu)
	}
	var candidates []string
	doc.Find("link[rel][href]").Each(func(_ int, s *goquery.Selection) {
		if rel, _ := s.Attr("rel"); hasToken(rel, "canonical") {
			href, _ := s.Attr("href")
			candidates = append(candidates, href)
		}
	})
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		prop, ok := s.Attr("property")
		if !ok {
			prop, _ = s.Attr("name")
		}
		if strings.EqualFold(strings.TrimSpace(prop), "og:url") {
			content, _ := s.Attr("content")
			candidates = append(candidates, content)
		}
	})
	for _, c := range candidates {
		if canon := validCanonical(c, base, pu); canon != "" {
			return canon
		}
	}
	return ""
}

func TestCanonicalFromHTML_sameAsTree(t *testing.T) {
	pages := map[string][]byte{
		"raw text hides tags":  []byte(`<head><script>"<link rel=canonical href=/a/b-c>"</script><noscript><link rel=canonical href=/n/x-1></noscript><title><link rel=canonical href=/t/x-2></title><link rel=canonical href=/news/real-1></head>`),
		"duplicate attributes": []byte(`<link rel=canonical href=/news/first-1 href=/news/second-2><meta property=og:url property=x content=/news/og-3>`),
		"second base ignored":  []byte(`<base href=/news/><base href=/other/><link rel=canonical href=story-4>`),
		"entities":             []byte(`<link rel="canonical" href="/news/a-b?x=1&amp;y=2">`),
		"template":             []byte(`<template><link rel=canonical href=/news/tpl-5></template>`),
		"comment":              []byte(`<!-- <link rel=canonical href=/news/c-6> --><meta name="OG:URL" content=" /news/og-7 ">`),
		"upper case":           []byte(`<LINK REL=CANONICAL HREF=/news/up-8><BASE HREF=/x/>`),
		"unclosed":             []byte(`<link rel=canonical href="/news/open-9`),
	}
	for _, dir := range []string{
		filepath.Join("..", "..", "shared", "corpus", "readability", "pages"),
		filepath.Join("..", "..", "shared", "corpus", "dragnet", "pages"),
	} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html")); err == nil {
				pages[e.Name()] = b
			}
		}
	}
	if len(pages) < 20 {
		t.Logf("corpus not present: %d pages", len(pages))
	}
	urls := []string{"https://www.example.com/news/2024/05/12/flood-warning", "http://127.0.0.1:8080/a/b", ""}
	for name, page := range pages {
		for _, u := range urls {
			if got, want := CanonicalFromHTML(page, u), canonicalByTree(page, u); got != want {
				t.Errorf("%s at %q: CanonicalFromHTML = %q, tree reading = %q", name, u, got, want)
			}
		}
	}
}

// BenchmarkCanonicalFromHTML reads a page head the size of a newsroom
// template's, as the tracker does on every re-check.
func BenchmarkCanonicalFromHTML(b *testing.B) {
	var head strings.Builder
	head.WriteString(`<html><head><meta charset="utf-8"><title>Storm closes roads</title>`)
	for i := range 30 {
		head.WriteString(`<meta name="x-` + strings.Repeat("k", i%7+1) + `" content="some value for the page">`)
		head.WriteString(`<link rel="preload" href="/static/app.js" as="script">`)
	}
	head.WriteString(`<script>window.dataLayer = [{"a": "<link rel=canonical href=/x>"}];</script>`)
	head.WriteString(`<link rel="canonical" href="https://www.example-daily.com/news/2024/05/12/storm-closes-roads">`)
	head.WriteString(`<meta property="og:url" content="https://www.example-daily.com/news/2024/05/12/storm-closes-roads">`)
	page := []byte(head.String())
	const u = "https://www.example-daily.com/news/2024/05/12/storm-closes-roads?utm_source=x"
	b.Run("tokens", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			CanonicalFromHTML(page, u)
		}
	})
	b.Run("tree", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			canonicalByTree(page, u)
		}
	})
}
