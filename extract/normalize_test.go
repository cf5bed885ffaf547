package extract

import (
	"math/rand/v2"
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

func TestRepairMojibake(t *testing.T) {
	tests := []struct {
		name, in, want string
		repaired       bool
	}{
		{"Spanish", "Espa\u00c3\u00b1ol", "Espa\u00f1ol", true},
		{"curly quotes", "\u00e2\u20ac\u0153Hola\u00e2\u20ac\u009d, dijo", "\u201cHola\u201d, dijo", true},
		{"apostrophe", "the council\u00e2\u20ac\u2122s engineers", "the council\u2019s engineers", true},
		{"mixed with sound text", "caf\u00e9 and Jos\u00c3\u00a9", "caf\u00e9 and Jos\u00e9", true},
		{"closing quote whose last byte was lost", "\u00e2\u20ac\u0153Hola\u00e2\u20ac\ufffd", "\u201cHola\u201d", true},
		{"euro", "\u00e2\u201a\u00ac2 coffee", "\u20ac2 coffee", true},
		{"sound accents stay", "\u00c0 la carte, d\u00e9j\u00e0 vu, na\u00efve, \u00c9cole", "\u00c0 la carte, d\u00e9j\u00e0 vu, na\u00efve, \u00c9cole", false},
		{"sound guillemets stay", "\u00ab\u00a0oui\u00a0\u00bb", "\u00ab\u00a0oui\u00a0\u00bb", false},
		{"ascii", "plain text", "plain text", false},
		{"latin-1 dash", "a leg up \u00e2\u0080\u0094 in debt", "a leg up \u2014 in debt", true},
		{"symbol-font bullet stays", "\u00d8\u00a0 The 2012 survey", "\u00d8\u00a0 The 2012 survey", false},
		{"no-break space", "ten\u00c2\u00a0km", "ten\u00a0km", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := repairMojibake(tt.in)
			if got != tt.want || ok != tt.repaired {
				t.Errorf("repairMojibake(%q) = %q, %t; want %q, %t", tt.in, got, ok, tt.want, tt.repaired)
			}
			if again, ok := repairMojibake(got); again != got || ok {
				t.Errorf("repair is not idempotent: %q then %q", got, again)
			}
		})
	}
}

// normalizeBytes must give exactly what Normalize gives, on ASCII with
// every kind of white space and control character, and on text beyond it.
func TestNormalizeBytes_asNormalize(t *testing.T) {
	texts := []string{"", " ", "a", "  lead and trail  ", "tab\tnew\nline\r\nvt\vff\f", "bell\x07 del\x7f",
		"caf\u00e9  au\u00a0lait", "Espa\u00c3\u00b1ol", "\xff bad", "\u00a0\u00a0x"}
	r := rand.New(rand.NewPCG(7, 8))
	const alphabet = "ab \t\n\r\v\f\x00\x07\x1f\x7f.\u00a0"
	for range 20000 {
		texts = append(texts, randomText(r, alphabet, r.IntN(12)))
	}
	for _, s := range texts {
		if got, want := normalizeBytes([]byte(s)), Normalize(s); got != want {
			t.Fatalf("normalizeBytes(%q) = %q, want %q", s, got, want)
		}
	}
}
