package discover

import "testing"

func TestMatcher_Developing(t *testing.T) {
	tests := []struct {
		name    string
		matcher Matcher
		item    Item
		want    bool
	}{
		{"developing marker", Matcher{}, Item{Title: "DEVELOPING: Shots fired near parliament"}, true},
		{"developing story in description", Matcher{}, Item{Title: "Shots fired", Description: "This is a developing story."}, true},
		{"live updates", Matcher{}, Item{Title: "Election results: Live Updates"}, true},
		{"live colon", Matcher{}, Item{Title: "Live: Rescue operation under way"}, true},
		{"breaking", Matcher{}, Item{Title: "Breaking News: Bridge collapses"}, true},
		{"will be updated", Matcher{}, Item{Description: "This article will be updated as more information becomes available."}, true},
		{"latest colon", Matcher{}, Item{Title: "Storm latest: 20,000 without power"}, true},
		{"as it happened", Matcher{}, Item{Title: "Cup final – as it happened"}, true},
		{"tag marks it", Matcher{}, Item{Title: "Fire downtown", Tags: []string{"Breaking"}}, true},
		{"plain story", Matcher{}, Item{Title: "Council approves park plan", Description: "The vote was 7-2."}, false},
		{"groundbreaking is not breaking", Matcher{}, Item{Title: "Groundbreaking therapy approved"}, false},
		{"live without colon", Matcher{}, Item{Title: "Live music returns to the park"}, false},
		{"olive colon is not live colon", Matcher{}, Item{Title: "Recipe of the day – Olive: a love story"}, false},
		{"undeveloping is not developing", Matcher{}, Item{Title: "The undeveloping of a city"}, false},
		{"developing countries excluded", Matcher{}, Item{Title: "Debt relief for developing countries"}, false},
		{"exclusion leaves a real marker", Matcher{}, Item{Title: "Developing: talks on developing nations' debt collapse"}, true},
		{"breaking bad excluded", Matcher{}, Item{Title: "Breaking Bad star opens restaurant"}, false},
		{"non-ascii neighbours", Matcher{}, Item{Title: "Élection: développement — breaking… résultats"}, true},
		{"empty item", Matcher{}, Item{}, false},
		{"custom keywords replace defaults", Matcher{Keywords: []string{"en direct"}}, Item{Title: "Élections EN DIRECT : les résultats"}, true},
		{"custom keywords drop defaults", Matcher{Keywords: []string{"en direct"}}, Item{Title: "Breaking: bridge collapses"}, false},
		{"extended defaults", Matcher{Keywords: append(DefaultKeywords(), "eilmeldung")}, Item{Title: "Eilmeldung: Brücke eingestürzt"}, true},
		{"empty keyword list matches nothing", Matcher{Keywords: []string{}}, Item{Title: "Breaking: bridge collapses"}, false},
		{"blank keyword ignored", Matcher{Keywords: []string{"  "}}, Item{Title: "anything"}, false},
		{"custom exclusions replace defaults", Matcher{Exclude: []string{}}, Item{Title: "Debt relief for developing countries"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.matcher.Developing(tt.item); got != tt.want {
				t.Errorf("Developing(%q / %q / %q) = %v, want %v", tt.item.Title, tt.item.Description, tt.item.Tags, got, tt.want)
			}
		})
	}
}

func TestDefaultKeywords_isACopy(t *testing.T) {
	k := DefaultKeywords()
	k[0] = "changed"
	if DefaultKeywords()[0] == "changed" {
		t.Error("DefaultKeywords shares its backing array between calls")
	}
}
