package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./report/ -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("%s differs from golden file (go test ./report/ -update rewrites it) at line %d:\n got %q\nwant %q", name, i+1, g[i], w[i])
			}
		}
		t.Fatalf("%s differs from golden file (go test ./report/ -update rewrites it): %d lines, want %d", name, len(g), len(w))
	}
}

var (
	berlin  = mustLoad("Europe/Berlin")
	newYork = mustLoad("America/New_York")
	// t0 is 1 Dec 2026, 08:00 in Berlin.
	t0 = time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// The developing story of the fixtures: a call between two leaders,
// written for these tests in the shape of a wire story that is rewritten
// through the day.
func callStory() redline.Article {
	return redline.Article{
		Headline: "Mayor Ortiz to speak with rail union chief on Thursday as strike deadline nears",
		Byline:   "By Dana Whitfield",
		Paragraphs: []string{
			"Mayor Elena Ortiz will speak with rail union leader Marcus Hale on Thursday, in what city officials called their last scheduled conversation before a strike deadline at midnight on Friday.",
			"Senior officials at City Hall said Wednesday that the call was arranged at the request of the union, which the mayor welcomed because she believes \"there is no substitute for talking directly.\"",
			"\"The two sides will discuss the talks planned for next week on wages, safety and staffing. Those include sessions of the joint safety board and the regional transit council, all of which will take place the week of January 10th,\" officials said.",
			"The mayor will stress that the city is united with the county and the state in its willingness to negotiate in good faith, officials continued.",
			"Transit commissioner Ada Brennan will speak with the union's negotiating committee on Wednesday about staffing on the night trains and to \"coordinate\" ahead of the call.",
			"Pressed during a briefing, officials could not say why the union requested the call, though they said the mayor would use it to share a list of concerns directly with Hale.",
			"This is a developing story and will be updated with more information as it becomes available.",
		},
		Developing: true,
	}
}

func version(id redline.StoryID, n int, at time.Time, a redline.Article) redline.Version {
	return redline.Version{StoryID: id, N: n, FetchedAt: at, URL: "https://news.test/story", Hash: a.Hash(), Article: a}
}

func story(id redline.StoryID, url string, tags ...string) redline.Story {
	return redline.Story{ID: id, URL: url, Tags: tags}
}

// The call story through the day: v3 the morning text, v4 a new headline
// and a figure changed, v5 two paragraphs added.
func callVersions() (v3, v4, v5 redline.Version) {
	a3 := callStory()
	a4 := callStory()
	a4.Headline = "Rail strike talks: Ortiz and union chief Hale to speak Thursday, 36 hours before deadline"
	a4.Paragraphs[1] = strings.Replace(a4.Paragraphs[1], "Senior officials", "Two senior officials", 1)
	a5 := a4
	a5.Paragraphs = slices.Clone(a4.Paragraphs)
	a5.Paragraphs = slices.Insert(a5.Paragraphs, 4,
		"Hale said in a statement on Wednesday evening that the union had \"put its concerns on the table\" and expected the city to do the same.",
		"About 4,200 train operators, conductors and station staff would walk off the job if no agreement is reached, the union said.")
	return version(7, 3, t0.Add(-3*time.Hour), a3), version(7, 4, t0.Add(-50*time.Minute), a4), version(7, 5, t0.Add(-20*time.Minute), a5)
}

var callURL = "https://news.test/metro/2026/12/01/rail-strike-talks"

func headlineChange() Change {
	v3, v4, _ := callVersions()
	return NewChange(story(7, callURL, "metro", "transit"), v3, v4)
}

func paragraphsAdded() Change {
	_, v4, v5 := callVersions()
	return NewChange(story(7, callURL, "metro", "transit"), v4, v5)
}

func bridgeChange() Change {
	a := redline.Article{
		Headline: "Harwick Street Bridge closed after inspectors find cracked beam",
		Paragraphs: []string{
			"The Harwick Street Bridge was closed to all traffic on Tuesday after inspectors found a cracked steel beam beneath the eastern span.",
			"Drivers were told to use the Menard Causeway, where delays of 20 minutes were reported during the evening rush.",
			"The city's engineering office said a full assessment would take several days.",
		},
	}
	b := a
	b.Paragraphs = slices.Clone(a.Paragraphs)
	b.Paragraphs[1] = strings.Replace(b.Paragraphs[1], "20 minutes", "45 minutes", 1)
	b.Paragraphs = append(b.Paragraphs, "Buses on routes 12 and 14 will be diverted until further notice.")
	return NewChange(story(12, "https://www.harbourtimes.test/news/harwick-bridge", "transit"),
		version(12, 1, t0.Add(-5*time.Hour), a), version(12, 2, t0.Add(-40*time.Minute), b))
}

func budgetChange() Change {
	a := redline.Article{
		Headline: "Port Aldane council debates $412 million budget late into the night",
		Dek:      "Library cuts draw a crowd of 300 to City Hall",
		Paragraphs: []string{
			"The Port Aldane city council debated the $412 million budget past midnight on Tuesday, with more than 80 residents signed up to speak.",
			"Most speakers opposed a plan to close two branch libraries on Sundays.",
		},
	}
	b := a
	b.Paragraphs = slices.Clone(a.Paragraphs)
	b.Paragraphs[1] = "Most speakers opposed a plan to close two branch libraries on Sundays, and the council dropped it before the final vote."
	b.Notes = []string{"Correction: An earlier version of this story misstated the number of speakers."}
	return NewChange(story(15, "https://aldane.test/politics/budget-vote", "politics"),
		version(15, 2, t0.Add(-6*time.Hour), a), version(15, 3, t0.Add(-30*time.Minute), b))
}

func libraryChange() Change {
	a := redline.Article{
		Headline:   "Eastmarsh library reopens after two-year renovation",
		Paragraphs: []string{"The Eastmarsh branch library reopened on Monday after a two-year renovation that cost $8.1 million."},
	}
	b := a
	b.Paragraphs = []string{"The Eastmarsh branch library reopened on Monday after a two-year renovation that cost $8.4 million, the city said."}
	return NewChange(story(21, "https://aldane.test/culture/eastmarsh-library", "culture"),
		version(21, 1, t0.Add(-20*time.Hour), a), version(21, 2, t0.Add(-9*time.Hour), b))
}

func testOptions() Options {
	return Options{
		BaseURL:           "https://redline.newsroom.test",
		From:              "Redline <redline@newsroom.test>",
		ReplyTo:           "Standards desk <standards@newsroom.test>",
		UnsubscribeURL:    "https://redline.newsroom.test/unsubscribe?s=abc123",
		UnsubscribeMailto: "unsubscribe@newsroom.test",
		Location:          berlin,
		Now:               func() time.Time { return t0 },
	}
}

func mustCadence(t testing.TB, s string, loc *time.Location) Cadence {
	t.Helper()
	c, err := ParseCadence(s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func subscriber(t testing.TB, cadence string, f Follow) Subscriber {
	t.Helper()
	s, err := Subscriber{Email: "desk@newsroom.test", Follow: f, Cadence: mustCadence(t, cadence, berlin), Location: berlin}.Validate()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
