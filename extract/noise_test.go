package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestExtractor_dropReason gives every built-in rule a line it must drop
// and a real sentence, close to it, that must stay.
func TestExtractor_dropReason(t *testing.T) {
	e := mustNew(t, Options{})
	tests := []struct {
		rule, noise, keep string
	}{
		{"promo-click-here", "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER", "Officials said residents could click here and there on the city's old website, but few did."},
		{"promo-read-more", "READ MORE: Ferry timetable changes for the weekend", "Read more carefully, the report shows a different picture, the analyst said."},
		{"promo-read-more", "RELATED: Bridge closures across the region", "Related companies in the region also reported losses."},
		{"promo-read-more", "Most read", "Most read the statement as an admission of guilt."},
		{"promo-read-more", "Most watched", "Most watched the final from the harbour wall."},
		{"newsletter", "Sign up for our morning newsletter to get the top stories in your inbox.", "Thousands of readers signed up for the paper's newsletter after the scandal broke, the editor said."},
		{"newsletter", "Subscribe now", "Subscribers now pay more than they did last year."},
		{"share-prompt", "Share this article", "Share prices fell sharply after the announcement."},
		{"share-prompt", "Share on Facebook", "Share on Facebook was the most common way the rumour spread, researchers found in a study published on Monday."},
		{"follow-prompt", "Follow us on Twitter for the latest updates", "Follow the money, the prosecutor told the jury."},
		{"comments", "Comments (12)", "Comments by the minister drew criticism from the opposition."},
		{"comments", "View 34 comments", "The comments were made on Tuesday."},
		{"comments", "156 Responses to “Shuteye”", "One response to the closure was a new ferry line."},
		{"meta-line", "This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed under Harbour, Ferries. You can follow any responses to this entry through the RSS 2.0 feed.", "This entry was posted late, the editor said, because the ferry strike is filed under local news."},
		{"meta-line", "You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or trackback from your own site.", "You can follow the responses of the council on its website."},
		{"comments", "2 thoughts on “The bridge”", "2 thoughts on the bridge stood out in the survey."},
		{"advertisement", "Advertisement", "Advertisement revenue fell by a third, the company said."},
		{"advertisement", "Story continues below advertisement", "The story continues below the surface, investigators believe."},
		{"counter", "1,234 views", "The video had 1,234 views before it was removed from the platform, the company said."},
		{"relative-timestamp", "Updated 3 minutes ago", "Updated figures show 300 people were evacuated."},
		{"relative-timestamp", "Published: Jan 5, 2024 10:00 AM ET", "Published reports put the figure at 40."},
		{"relative-timestamp", "2 hours ago", "Two hours ago, the building was still standing."},
		{"relative-timestamp", "Posted March 12, 2026, 6:05 a.m. EST (Updated 59 minutes ago)", "Posted guards stopped the convoy at 6:05 a.m. on March 12, officials said."},
		{"relative-timestamp", "Published Jan 5, 2024 · Last updated 2 hours ago", "Published figures for 2024 were updated 2 hours ago by the agency."},
		{"utility-bar", "643 comments | Print", "643 comments | the most the council has ever received"},
		{"utility-bar", "12,480 views · 37 comments · Share", "12,480 views · 37 comments · the video spread fast"},
		{"masthead-weather", "The Aldane Courier | News | Search | Port Aldane 54°F", "Port Aldane reached 54°F on Thursday, the warmest March day on record."},
		{"masthead-weather", "Berlin 12 °C", "Highs near 12 °C"},
		{"copyright", "Copyright © 2026 The Aldane Courier", "Copyright lawyers said the 2026 ruling would change little."},
		{"copyright", "© 2026 The Aldane Courier. All rights reserved.", "All rights reserved by the city were waived in the settlement, the judge said."},
		{"all-caps-promo", "WHAT IS VLADIMIR PUTIN AFRAID OF?", "NATO and the EU said the talks were 'constructive' but far from over."},
		{"link-only", "<a>Putin's war: what we know so far</a>", "He said the decision, <a>first reported by Reuters</a>, was final and would not be revisited."},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.noise, func(t *testing.T) {
			if got := e.dropReason(testBlock(tt.noise), false, nil); got != tt.rule {
				t.Errorf("dropReason(%q) = %q, want %q", tt.noise, got, tt.rule)
			}
			if got := e.dropReason(testBlock(tt.keep), false, nil); got != "" {
				t.Errorf("dropReason(%q) = %q, want it kept", tt.keep, got)
			}
		})
	}
}

func TestExtractor_dropReason_developingSentenceStays(t *testing.T) {
	e := mustNew(t, Options{Ignore: []string{`(?i)^more to follow$`}})
	tests := []struct {
		name, text, want string
	}{
		{"marker sentence", "This is a developing story and will be updated with more information as it becomes available.", ""},
		{"caps marker sentence", "THIS STORY IS DEVELOPING AND WILL BE UPDATED", ""},
		{"ignore rule", "More to follow", "ignore (?i)^more to follow$"},
		{"first all-caps line is a dateline", "WASHINGTON BUREAU REPORT TODAY", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := tt.name == "first all-caps line is a dateline"
			if got := e.dropReason(testBlock(tt.text), first, nil); got != tt.want {
				t.Errorf("dropReason(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// testBlock makes a block from text in which <a>...</a> marks link text.
func testBlock(s string) block {
	var b block
	links, in := 0, false
	var plain []byte
	for i := 0; i < len(s); {
		switch {
		case len(s[i:]) >= 3 && s[i:i+3] == "<a>":
			in, i = true, i+3
			continue
		case len(s[i:]) >= 4 && s[i:i+4] == "</a>":
			in, i = false, i+4
			continue
		}
		plain = append(plain, s[i])
		if in {
			links++
		}
		i++
	}
	b.text = Normalize(string(plain))
	b.linkLen = links
	return b
}

// An all-caps subhead is article text, unlike the all-caps promo the same
// page drops between paragraphs: its removal must show as an edit.
func TestExtractor_Extract_allCapsSubheadStays(t *testing.T) {
	const subhead = "WHAT THE ENGINEERS FOUND IN THE COLUMNS"
	paras := append([]string{}, storyParagraphs[:3]...)
	paras = append(paras, subhead)
	paras = append(paras, storyParagraphs[3:]...)
	page := strings.Replace(string(noisyPage(storyHeadline, paras, 0)), "<p>"+subhead+"</p>", "<h2>"+subhead+"</h2>", 1)
	a, dropped, err := mustNew(t, Options{}).Explain([]byte(page), storyURL)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Paragraphs, subhead) {
		t.Errorf("subhead %q missing from the body; dropped: %+v", subhead, dropped)
	}
	if slices.Contains(a.Paragraphs, "WHAT IS VLADIMIR PUTIN AFRAID OF?") {
		t.Error("the all-caps promo paragraph stayed in the body")
	}
}
