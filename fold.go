package redline

import "strings"

// folds maps the typography publishers switch between without editing
// (curly and straight quotes, guillemets, primes, no-break spaces) to one
// form. It is exactly what extraction used to fold before storing, so a
// text stored folded by an older release folds to itself.
var folds = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201A", "'", "\u201B", "'", "\u2032", "'",
	"\u201C", `"`, "\u201D", `"`, "\u201E", `"`, "\u201F", `"`, "\u2033", `"`,
	"\u00AB", `"`, "\u00BB", `"`,
	"\u00A0", " ", "\u202F", " ", "\u2007", " ",
)

// Fold is the comparison key of stored text: quotes, guillemets and
// no-break spaces become ASCII, so a page whose only change is its
// typography is not an edit. Dashes are not folded: "-" for "—" is rare
// and can be a real copy edit. Fold is idempotent.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return folds.Replace(s)
		}
	}
	return s
}
