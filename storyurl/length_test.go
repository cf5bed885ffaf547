package storyurl

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestCanonicalize_length(t *testing.T) {
	base := "https://127.0.0.1/story?id="
	pad := func(total int) string { return base + strings.Repeat("a", total-len(base)) }
	tests := []struct {
		name   string
		in     string
		wantOK bool
	}{
		{"at the limit", pad(MaxURLLength), true},
		{"one byte over", pad(MaxURLLength + 1), false},
		{"bbolt key size", pad(40 << 10), false},
		// 3,000 two-byte runes are 6,000 bytes in, 18,000 escaped bytes out.
		{"grows past the limit when escaped", "https://127.0.0.1/" + strings.Repeat("é", 3000), false},
		{"tracking parameters do not excuse the input", pad(MaxURLLength) + "&utm_source=x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if tt.wantOK {
				if err != nil || len(got) > MaxURLLength {
					t.Fatalf("Canonicalize(%d bytes) = %d bytes, %v; want it accepted", len(tt.in), len(got), err)
				}
				return
			}
			if !errors.Is(err, redline.ErrBadURL) {
				t.Fatalf("Canonicalize(%d bytes) error %v, want ErrBadURL", len(tt.in), err)
			}
			msg := err.Error()
			if len(msg) > 300 {
				t.Errorf("message is %d bytes, want the URL cut to ~100 characters: %.400s", len(msg), msg)
			}
			if !strings.Contains(msg, "8192 bytes") {
				t.Errorf("message %q does not name the limit", msg)
			}
		})
	}
}

func TestQuoteURL(t *testing.T) {
	long := "https://127.0.0.1/" + strings.Repeat("ü", 5000)
	got := QuoteURL(long)
	if !strings.HasSuffix(got, "… ("+strconv.Itoa(len(long))+" bytes)") {
		t.Errorf("QuoteURL(long) = %q, want the length named", got)
	}
	if len(got) > 140 || !strings.HasPrefix(got, `"https://127.0.0.1/`) {
		t.Errorf("QuoteURL(long) = %q, want ~100 characters of the start", got)
	}
	if strings.Contains(got, `\x`) {
		t.Errorf("QuoteURL cut a rune in half: %q", got)
	}
	if got := QuoteURL("https://127.0.0.1/a"); got != `"https://127.0.0.1/a"` {
		t.Errorf("QuoteURL(short) = %s, want it quoted whole", got)
	}
}

func TestCanonicalize_parseErrorQuotesOnce(t *testing.T) {
	raw := "https://127.0.0.1/%zz" + strings.Repeat("b", 5000)
	_, err := Canonicalize(raw)
	if !errors.Is(err, redline.ErrBadURL) {
		t.Fatalf("error %v, want ErrBadURL", err)
	}
	if len(err.Error()) > 300 {
		t.Errorf("parse error repeats the URL: %d bytes", len(err.Error()))
	}
}
