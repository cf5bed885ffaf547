package extract

import "testing"

func TestJoinAuthors(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"Ann Lee"}, "Ann Lee"},
		{[]string{"Ann Lee", "Bo Diaz"}, "Ann Lee, Bo Diaz"},
		{[]string{"Ann Lee", " ", "Bo Diaz", "Cy Park"}, "Ann Lee, Bo Diaz, Cy Park"},
	}
	for _, tt := range tests {
		if got := joinAuthors(tt.names); got != tt.want {
			t.Errorf("joinAuthors(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

func TestBylineLine(t *testing.T) {
	tests := []struct {
		line, name string
		ok         bool
	}{
		{"By Jonah Fairweather", "Jonah Fairweather", true},
		{"By Jonah Fairweather Posted March 12, 2026, 6:05 a.m. EST (Updated 59 minutes ago)", "Jonah Fairweather", true},
		{"By Marisol Oyelaran and Dev Pattinson Posted March 12, 2026 · Updated March 12, 2026, 9:05 a.m. EST (Updated 1 hour ago)", "Marisol Oyelaran and Dev Pattinson", true},
		{"BY ANN LEE | Updated 3 minutes ago", "ANN LEE", true},
		{"By Ana de la Cruz, Reuters", "Ana de la Cruz, Reuters", true},
		// Near misses: "By" opening a sentence.
		{"By the numbers: 40 homes flooded", "", false},
		{"By Monday, the water had receded from Quay Street.", "", false},
		{"By Monday", "", false},
		{"By sunrise, Quay Street was under two feet of water.", "", false},
		{"Byron Keys said the causeway would reopen.", "", false},
		// The same in other languages.
		{"Por María Fernández", "María Fernández", true},
		{"Von Jörg Müller und Anna Schmidt", "Jörg Müller und Anna Schmidt", true},
		{"Par Claire Dubois et Marc Petit", "Claire Dubois et Marc Petit", true},
		{"Di Giulia Rossi", "Giulia Rossi", true},
		{"Door Pieter de Vries", "Pieter de Vries", true},
		{"Av Ingrid Berg", "Ingrid Berg", true},
		{"Por eso, el puerto sigue cerrado.", "", false},
		{"Par ailleurs, le pont reste fermé.", "", false},
		{"Di recente il ponte è stato chiuso.", "", false},
		{"Von Montag an bleibt die Brücke gesperrt.", "", false},
		{"Door to door, the volunteers asked every household.", "", false},
	}
	for _, tt := range tests {
		name, ok := bylineLine(tt.line)
		if name != tt.name || ok != tt.ok {
			t.Errorf("bylineLine(%q) = %q, %v; want %q, %v", tt.line, name, ok, tt.name, tt.ok)
		}
	}
}

func TestCleanByline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Joshua Sokol May 20, 2019", "Joshua Sokol"},
		{"Ann Lee | Updated 3 minutes ago", "Ann Lee"},
		{"BY ANN LEE", "ANN LEE"},
		{"Ann Lee, Bo Diaz", "Ann Lee, Bo Diaz"},
		// Not a run of names: kept as printed.
		{"staff reporter", "staff reporter"},
		{"https://news.example/authors/ann-lee", ""},
		// Form labels and template words are no byline (issue 12, class 8).
		{"Name *", ""},
		{"Name (required)", ""},
		{"Posted", ""},
		{"Article by", ""},
		{"Article by:", ""},
		{"View all posts by Ann Lee", "Ann Lee"},
		{"Von: Jörg Müller", "Jörg Müller"},
		{"By: JOE WEE", "JOE WEE"},
		{"Ann Lee 12 March 2026", "Ann Lee"},
		{"Ann Lee, March 12, 2026 at 6:05 am", "Ann Lee"},
		{"Nameless Fairweather", "Nameless Fairweather"},
		{"Author: Ann Lee", "Ann Lee"},
		{"De Niro Fairweather", "De Niro Fairweather"},
	}
	for _, tt := range tests {
		if got := cleanByline(tt.in); got != tt.want {
			t.Errorf("cleanByline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
