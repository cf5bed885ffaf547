package extract

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"trim and collapse", "  two\t\twords \n here  ", "two words here"},
		{"non-breaking spaces kept", "ten\u00a0km\u202fnorth\u2007away", "ten\u00a0km\u202fnorth\u2007away"},
		{"a run with a plain space is a plain space", "ten \u00a0km\u00a0 north", "ten km north"},
		{"a run of no-break spaces is one", "ten\u00a0\u00a0km", "ten\u00a0km"},
		{"soft hyphen and zero-width", "inter\u00adnational\u200b news\u200d\ufeff", "international news"},
		{"curly quotes kept", "\u201cIt\u2019s over,\u201d she said.", "\u201cIt\u2019s over,\u201d she said."},
		{"guillemets kept", "\u00ab\u202fBonjour\u202f\u00bb", "\u00ab\u202fBonjour\u202f\u00bb"},
		{"NFC", "Cafe\u0301", "Caf\u00e9"},
		{"invalid UTF-8 run becomes one replacement", "bad \xff\xfe byte", "bad \ufffd byte"},
		{"control characters", "a\x00b\x07c", "abc"},
		{"dashes kept", "2019\u20132020 \u2014 a decade", "2019\u20132020 \u2014 a decade"},
		{"line breaks become spaces", "one\r\ntwo\nthree", "one two three"},
		{"only invisible", "\u200b\u00ad ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Normalize(%q) is not valid UTF-8", tt.in)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize is not idempotent: %q then %q", got, again)
			}
		})
	}
}
