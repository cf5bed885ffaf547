package tracker

import "testing"

func TestPageHead(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"cut at the end tag", `<html><head><link rel="canonical" href="/a"></head><body><p>x</p></body></html>`,
			`<html><head><link rel="canonical" href="/a">`},
		{"end tag in capitals", `<HTML><HEAD><TITLE>t</TITLE></HEAD><BODY>x</BODY>`, `<HTML><HEAD><TITLE>t</TITLE>`},
		{"end tag with space", `<head><base href="/x/"></head ><body>`, `<head><base href="/x/">`},
		{"first end tag wins", `<head></head><body><p>"</head>"</p></body>`, `<head>`},
		{"no end tag keeps the page", `<title>t</title><link rel=canonical href=/a><p>body`, `<title>t</title><link rel=canonical href=/a><p>body`},
		{"tag cut short at the end", `<head><title>t</title></he`, `<head><title>t</title></he`},
		{"a header is not the head", `<head><title>t</title><header>nav</header></head><p>x`, `<head><title>t</title><header>nav</header>`},
		{"end tag at the very end", `<head><title>t</title></head`, `<head><title>t</title>`},
		{"empty", ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(pageHead([]byte(tt.page))); got != tt.want {
				t.Errorf("pageHead(%q) = %q, want %q", tt.page, got, tt.want)
			}
		})
	}
}
