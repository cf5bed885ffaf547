package extract

import (
	"strings"
)

// barSeparators split a line of page furniture into its items.
var barSeparators = lazyCompile(`\s*[|·•]\s*`)

// barItems are the rules one of which each item of a utility bar must
// satisfy.
var barItems = []func(block, bool) bool{commentsLine, counterLine, sharePrompt, adLabel}

// isUtilityBar reports lines made of several furniture items, each of
// which a counter, comment or share rule would drop on its own: "643
// comments | Print", "1,204 views · 12 comments". One real phrase among
// the items keeps the line.
func isUtilityBar(s string) bool {
	// Cheap tests first: this runs on every paragraph of every check.
	if len(s) > 200 || !strings.ContainsAny(s, "|·•") {
		return false
	}
	items := barSeparators.Split(strings.TrimSpace(s), -1)
	if len(items) < 2 || len(items) > 8 {
		return false
	}
	for _, it := range items {
		if it == "" {
			continue
		}
		b := block{text: it}
		ok := false
		for _, match := range barItems {
			if match(b, false) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// temperature is a reading such as "54°F", "12 °C" or "54°".
var temperature = lazyCompile(`-?\d{1,3}\s?°\s?[FC]?\b|-?\d{1,3}\s?°`)

// weatherItem is a place name and a temperature: "Port Aldane 54°F".
var weatherItem = lazyCompile(`^(\p{Lu}[\pL'.-]*\s+){0,4}-?\d{1,3}\s?°\s?[FC]?$`)

// isWeatherMasthead reports a site's masthead or weather widget: a line
// that is only a place and a temperature, or navigation items separated
// by "|" of which one is such a weather reading. "Highs near 54°F
// Thursday" or a sentence about the heat stays: the words before the
// reading must be a capitalized place name and nothing may follow it.
func isWeatherMasthead(s string) bool {
	if len(s) > 200 || !strings.Contains(s, "°") || !temperature.MatchString(s) || wordCount(s) > 20 {
		return false
	}
	items := barSeparators.Split(strings.TrimSpace(s), -1)
	found := false
	for _, it := range items {
		switch {
		case weatherItem.MatchString(it):
			found = true
		case wordCount(it) > 4 || strings.ContainsAny(it, ".!?") || temperature.MatchString(it):
			return false
		}
	}
	return found
}
