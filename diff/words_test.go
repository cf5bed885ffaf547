package diff

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Fire kills 12", []string{"Fire", " ", "kills", " ", "12"}},
		{"1,500 people, 3.5 km at 10:30.", []string{"1,500", " ", "people", ",", " ", "3.5", " ", "km", " ", "at", " ", "10:30", "."}},
		{"don't re-enter the city’s", []string{"don't", " ", "re-enter", " ", "the", " ", "city’s"}},
		{"end. - 'quoted' -", []string{"end", ".", " ", "-", " ", "'", "quoted", "'", " ", "-"}},
		{"a  \n b", []string{"a", "  \n ", "b"}},
		{"U.S. and 5,", []string{"U", ".", "S", ".", " ", "and", " ", "5", ","}},
		{"東京で火事", []string{"東", "京", "で", "火", "事"}},
		{"Café naïve", []string{"Café", " ", "naïve"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := tokenize(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.Join(got, "") != tt.in {
				t.Errorf("tokens do not rebuild the input")
			}
		})
	}
}

func spansOf(spec ...string) []span {
	// spec alternates op markers and text: "=", "a b", "-", "x", "+", "y".
	var out []span
	for i := 0; i+1 < len(spec); i += 2 {
		op := map[string]Op{"=": Equal, "+": Insert, "-": Delete}[spec[i]]
		out = append(out, span{op, tokenize(spec[i+1])})
	}
	return out
}

func renderSpans(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		text := strings.Join(s.toks, "")
		switch s.op {
		case Insert:
			b.WriteString("{+" + text + "+}")
		case Delete:
			b.WriteString("[-" + text + "-]")
		default:
			b.WriteString(text)
		}
	}
	return b.String()
}

func TestSentenceCleanup(t *testing.T) {
	tests := []struct {
		name string
		in   []span
		want string
	}{
		{
			name: "confetti becomes the whole sentence",
			in:   spansOf("-", "Some", "+", "Most", "=", " residents ", "-", "fled", "+", "left", "=", " the ", "-", "building", "+", "city", "=", "."),
			want: "[-Some residents fled the building-]{+Most residents left the city+}.",
		},
		{
			name: "only the changed sentence is rewritten",
			in:   spansOf("=", "It began at nine. ", "-", "Some", "+", "Most", "=", " residents ", "-", "fled", "+", "left", "=", " the ", "-", "building", "+", "city", "=", ". Nobody was hurt."),
			want: "It began at nine. [-Some residents fled the building-]{+Most residents left the city+}. Nobody was hurt.",
		},
		{
			name: "two small edits in a long sentence stay",
			in:   spansOf("=", "The mayor said on ", "-", "Tuesday", "+", "Wednesday", "=", " that the inquiry into the fire would report within ", "-", "six", "+", "eight", "=", " weeks."),
			want: "The mayor said on [-Tuesday-]{+Wednesday+} that the inquiry into the fire would report within [-six-]{+eight+} weeks.",
		},
		{
			name: "a single large edit is never widened",
			in:   spansOf("=", "The ", "-", "fire spread quickly", "+", "blaze was contained by evening", "=", "."),
			want: "The [-fire spread quickly-]{+blaze was contained by evening+}.",
		},
		{
			name: "edits split only by punctuation count once",
			in:   spansOf("=", "Police said the victims were ", "-", "two", "+", "three", "=", ", ", "-", "men", "+", "women", "=", " from the town."),
			want: "Police said the victims were [-two-]{+three+}, [-men-]{+women+} from the town.",
		},
		{
			name: "a line break is a sentence boundary",
			in:   spansOf("-", "A", "+", "B", "=", " x ", "-", "C", "+", "D", "=", "\n", "-", "E", "+", "F", "=", " keep these words here"),
			want: "[-A x C-]{+B x D+}\n[-E-]{+F+} keep these words here",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderSpans(sentenceCleanup(tt.in)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestShiftEdits(t *testing.T) {
	tests := []struct {
		name string
		in   []span
		want string
	}{
		{"space goes to the end", spansOf("=", "the", "+", " big", "=", " cat"), "the {+big +}cat"},
		{"appended sentence keeps its period", spansOf("=", "A. B", "+", ". C", "=", "."), "A. B.{+ C.+}"},
		{"replacement is not shifted", spansOf("=", "a ", "-", "b", "+", "c", "=", " d"), "a [-b-]{+c+} d"},
		{"the edge of the text wins", spansOf("=", "very", "-", " very", "=", " big"), "[-very -]very big"},
		{"deleted repeated word", spansOf("=", "so very", "-", " very", "=", " big"), "so very [-very -]big"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderSpans(shiftEdits(tt.in)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDiffer_words(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"number", "killed 12 people", "killed 15 people", "killed [-12-]{+15+} people"},
		{"formatted number", "about 1,500 homes", "about 1,600 homes", "about [-1,500-]{+1,600+} homes"},
		{"words are never split", "many people came", "many plenty came", "many [-people-]{+plenty+} came"},
		{"typo", "the goverment said", "the government said", "the [-goverment-]{+government+} said"},
		{"insert into empty", "", "New text.", "{+New text.+}"},
		{"delete to empty", "Old text.", "", "[-Old text.-]"},
		{"equal", "Same.", "Same.", "Same."},
	}
	df := newDiffer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderSpans(df.words(tt.a, tt.b)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestEncode_runesRoundTrip(t *testing.T) {
	// Indexes around the surrogate gap must come back as themselves.
	for _, i := range []int{0, 1, surrogateLow - runeBase - 1, surrogateLow - runeBase, surrogateLow - runeBase + 1, maxTokens - 1} {
		r := indexRune(i)
		if r >= surrogateLow && r < surrogateHigh {
			t.Errorf("indexRune(%d) = %U, a surrogate", i, r)
		}
		if string(r) == "\uFFFD" {
			t.Errorf("indexRune(%d) = %U does not survive a string", i, r)
		}
		if got := runeIndex([]rune(string(r))[0]); got != i {
			t.Errorf("runeIndex(indexRune(%d)) = %d", i, got)
		}
	}
}
