package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

func TestFollow_Match(t *testing.T) {
	headline, body := headlineChange(), bridgeChange() // stories 7 and 12
	tests := []struct {
		name   string
		follow Follow
		change Change
		want   bool
	}{
		{"all", Follow{All: true}, body, true},
		{"story by id", Follow{Stories: []string{"12"}}, body, true},
		{"other story id", Follow{Stories: []string{"7"}}, body, false},
		{"story by URL", Follow{Stories: []string{callURL}}, headline, true},
		{"tag, any case", Follow{Tags: []string{"Transit"}}, body, true},
		{"other tag", Follow{Tags: []string{"politics"}}, body, false},
		{"site subdomain", Follow{Sites: []string{"harbourtimes.test"}}, body, true},
		{"site exact", Follow{Sites: []string{"www.harbourtimes.test"}}, body, true},
		{"site is not a suffix match", Follow{Sites: []string{"times.test"}}, body, false},
		{"keyword in body", Follow{Keywords: []string{"Causeway"}}, body, true},
		{"keyword phrase in headline", Follow{Keywords: []string{"cracked  beam"}}, body, true},
		{"keyword is a whole word", Follow{Keywords: []string{"rail"}}, body, false},
		{"keyword inside a word does not match", Follow{Keywords: []string{"arwick"}}, body, false},
		{"any of several", Follow{Tags: []string{"politics"}, Keywords: []string{"strike"}}, headline, true},
		{"headlines only: headline changed", Follow{All: true, HeadlinesOnly: true}, headline, true},
		{"headlines only: body only", Follow{All: true, HeadlinesOnly: true}, body, false},
		{"headlines only with a tag", Follow{Tags: []string{"transit"}, HeadlinesOnly: true}, body, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.follow.Validate()
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Match(tt.change); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFollow_Validate_errors(t *testing.T) {
	tests := []struct {
		name   string
		follow Follow
		want   string
	}{
		{"nothing", Follow{}, "nothing to follow"},
		{"only headlines_only", Follow{HeadlinesOnly: true}, "nothing to follow"},
		{"all and tags", Follow{All: true, Tags: []string{"x"}}, "all cannot be combined"},
		{"story word", Follow{Stories: []string{"latest"}}, `"latest"`},
		{"story zero", Follow{Stories: []string{"0"}}, `"0"`},
		{"story relative URL", Follow{Stories: []string{"/news/1"}}, `"/news/1"`},
		{"site URL", Follow{Sites: []string{"https://example.test/"}}, `"https://example.test/"`},
		{"empty tag", Follow{Tags: []string{" "}}, "tag"},
		{"empty keyword", Follow{Keywords: []string{""}}, "keyword"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.follow.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %s", err, tt.want)
			}
		})
	}
}

func TestSubscriber_Validate(t *testing.T) {
	for _, email := range []string{"", "desk", "Desk <desk@newsroom.test>", "desk@newsroom.test\r\nBcc: x@y.test"} {
		_, err := Subscriber{Email: email, Follow: Follow{All: true}, Cadence: mustCadence(t, "hourly", nil)}.Validate()
		if err == nil || !strings.Contains(err.Error(), "email") {
			t.Errorf("email %q: error %v", email, err)
		}
	}
	_, err := Subscriber{Email: "desk@newsroom.test", Follow: Follow{Sites: []string{"a/b"}}, Cadence: mustCadence(t, "hourly", nil)}.Validate()
	if err == nil || !strings.Contains(err.Error(), "desk@newsroom.test") || !strings.Contains(err.Error(), `"a/b"`) {
		t.Errorf("bad site: error %v, want one naming the subscriber and the site", err)
	}
}

// at returns c as if detected at the given time.
func at(c Change, t time.Time) Change {
	c.To.FetchedAt = t
	return c
}

func TestSubscriber_Due(t *testing.T) {
	v3, v4, v5 := callVersions()
	st := story(7, callURL, "metro")
	burst := []Change{
		at(NewChange(st, v3, v4), t0),
		at(NewChange(st, v4, v5), t0.Add(2*time.Minute)),
		at(bridgeChange(), t0.Add(3*time.Minute)),
		at(budgetChange(), t0.Add(time.Minute)), // politics: not followed
	}
	lastDigest := time.Date(2026, 12, 1, 7, 0, 0, 0, berlin) // before the burst
	nextDigest := lastDigest.AddDate(0, 0, 1)
	tests := []struct {
		name     string
		cadence  string
		follow   Follow
		pending  []Change
		last     time.Time
		now      time.Time
		wantDue  []redline.StoryID
		wantNext time.Time
	}{
		{"immediate waits for the window", "immediate 5m", Follow{Tags: []string{"metro", "transit"}}, burst, time.Time{}, t0.Add(4 * time.Minute), nil, t0.Add(5 * time.Minute)},
		{"immediate sends the burst", "immediate 5m", Follow{Tags: []string{"metro", "transit"}}, burst, time.Time{}, t0.Add(5 * time.Minute), []redline.StoryID{7, 7, 12}, time.Time{}},
		{"immediate ignores the last mail", "immediate 5m", Follow{Tags: []string{"metro"}}, burst, t0.Add(-time.Minute), t0.Add(4 * time.Minute), nil, t0.Add(5 * time.Minute)},
		{"immediate leaves changes after now", "immediate 1m", Follow{All: true}, burst, time.Time{}, t0.Add(90 * time.Second), []redline.StoryID{7, 15}, time.Time{}},
		{"zero window sends at once", "immediate 0s", Follow{All: true}, burst[:1], time.Time{}, t0, []redline.StoryID{7}, time.Time{}},
		{"nothing followed", "immediate", Follow{Tags: []string{"sports"}}, burst, time.Time{}, t0.Add(time.Hour), nil, time.Time{}},
		{"nothing pending", "daily 07:00", Follow{All: true}, nil, lastDigest, t0, nil, time.Time{}},
		{"digest before its time", "daily 07:00", Follow{All: true}, burst, lastDigest, nextDigest.Add(-time.Minute), nil, nextDigest},
		{"digest at its time", "daily 07:00", Follow{All: true}, burst[:3], lastDigest, nextDigest.Add(10 * time.Minute), []redline.StoryID{7, 7, 12}, time.Time{}},
		{"first digest of a new subscriber", "daily 07:00", Follow{All: true}, burst[:1], time.Time{}, t0.Add(time.Hour), nil, nextDigest},
		{"digest on the fall-back day waits for 07:00 CET", "daily 07:00", Follow{All: true}, []Change{at(bridgeChange(), utc(2026, 10, 25, 3, 0))},
			time.Date(2026, 10, 24, 7, 0, 0, 0, berlin), utc(2026, 10, 25, 5, 30), nil, utc(2026, 10, 25, 6, 0)},
		{"digest on the spring-forward day comes at 07:00 CEST", "daily 07:00", Follow{All: true}, []Change{at(bridgeChange(), utc(2026, 3, 29, 3, 0))},
			time.Date(2026, 3, 28, 7, 0, 0, 0, berlin), utc(2026, 3, 29, 5, 0), []redline.StoryID{12}, time.Time{}},
		{"hourly", "hourly", Follow{Tags: []string{"politics"}}, burst, t0.Add(-time.Hour), t0.Add(time.Minute), []redline.StoryID{15}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := subscriber(t, tt.cadence, tt.follow)
			due, next := sub.Due(tt.pending, tt.last, tt.now)
			var ids []redline.StoryID
			for _, c := range due {
				ids = append(ids, c.Story)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tt.wantDue) || !next.Equal(tt.wantNext) {
				t.Errorf("Due = %v, next %v; want %v, next %v", ids, next, tt.wantDue, tt.wantNext)
			}
		})
	}
}

// TestCompose_burstIsOneSection checks that the burst Due returns makes
// one mail with one section per story, from the first version to the last.
func TestCompose_burstIsOneSection(t *testing.T) {
	v3, v4, v5 := callVersions()
	st := story(7, callURL, "metro")
	burst := []Change{at(NewChange(st, v4, v5), t0.Add(2*time.Minute)), at(NewChange(st, v3, v4), t0), at(bridgeChange(), t0.Add(3*time.Minute))}
	sub := subscriber(t, "immediate 5m", Follow{All: true})
	due, _ := sub.Due(burst, time.Time{}, t0.Add(5*time.Minute))
	m, err := Compose(sub, due, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, m.Bytes())
	if got := p.header.Get("X-Redline-Stories"); got != "7:3-5, 12:1-2" {
		t.Errorf("X-Redline-Stories = %q, want 7:3-5, 12:1-2", got)
	}
	if !strings.HasPrefix(m.Subject, "2 stories updated: Rail strike talks") {
		t.Errorf("subject %q", m.Subject)
	}
	if n := strings.Count(p.text, "Full diff: "); n != 2 {
		t.Errorf("%d sections, want 2", n)
	}
	if !strings.Contains(p.text, "/stories/7/diff/3/5") {
		t.Errorf("the burst is not one diff from version 3 to 5:\n%s", p.text)
	}
}
