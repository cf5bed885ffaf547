package redline

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ascii unchanged", `"It's over," she said.`, `"It's over," she said.`},
		{"curly quotes", "\u201cIt\u2019s over,\u201d she said.", `"It's over," she said.`},
		{"guillemets and narrow no-break spaces", "\u00ab\u202fBonjour\u202f\u00bb", `" Bonjour "`},
		{"no-break space", "ten\u00a0km", "ten km"},
		{"dashes kept", "2019\u20132020 \u2014 a decade", "2019\u20132020 \u2014 a decade"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fold(tt.in)
			if got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Fold(got); again != got {
				t.Errorf("Fold is not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestArticle_HashFoldsTypography(t *testing.T) {
	published := Article{Headline: "\u201cWe\u2019re ready\u201d", Paragraphs: []string{"Le maire\u00a0: \u00ab\u202foui\u202f\u00bb."}}
	storedFolded := Article{Headline: `"We're ready"`, Paragraphs: []string{`Le maire : " oui ".`}}
	if published.Hash() != storedFolded.Hash() {
		t.Errorf("typography changed the hash: %s vs %s", published.Hash(), storedFolded.Hash())
	}
	edited := storedFolded
	edited.Paragraphs = []string{`Le maire : " non ".`}
	if edited.Hash() == storedFolded.Hash() {
		t.Error("a changed word kept the hash")
	}
	dash := storedFolded
	dash.Headline = "\u201cWe\u2019re ready\u201d \u2014 now"
	if dash.Hash() == (Article{Headline: `"We're ready" - now`, Paragraphs: storedFolded.Paragraphs}).Hash() {
		t.Error("a dash swap is folded away; it may be a copy edit")
	}
	site := storedFolded
	site.Site, site.Kind, site.Mojibake = "The Post", KindListing, true
	if site.Hash() != storedFolded.Hash() {
		t.Error("the site name, kind or mojibake flag entered the hash")
	}
}
