package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestCompose_golden(t *testing.T) {
	tests := []struct {
		file    string
		cadence string
		changes []Change
	}{
		{"headline.eml", "immediate", []Change{headlineChange()}},
		{"paragraphs.eml", "immediate", []Change{paragraphsAdded()}},
		{"batch.eml", "immediate", []Change{headlineChange(), bridgeChange(), paragraphsAdded(), budgetChange()}},
		{"digest.eml", "daily 07:00", []Change{libraryChange(), headlineChange(), bridgeChange(), paragraphsAdded(), budgetChange()}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m, err := Compose(subscriber(t, tt.cadence, Follow{All: true}), tt.changes, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, m.Bytes())
		})
	}
}

func TestCompose_stableMessageID(t *testing.T) {
	sub := subscriber(t, "immediate", Follow{All: true})
	a, err := Compose(sub, []Change{headlineChange(), bridgeChange()}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Same change set in another order, composed later: same ID and bytes
	// but for the date.
	o := testOptions()
	b, err := Compose(sub, []Change{bridgeChange(), headlineChange()}, o)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two composes differ: %s vs %s", a.ID, b.ID)
	}
	if !strings.HasSuffix(a.ID, "@newsroom.test>") {
		t.Errorf("Message-ID %s is not at the From domain", a.ID)
	}
	other := sub
	other.Email = "other@newsroom.test"
	c, err := Compose(other, []Change{headlineChange(), bridgeChange()}, o)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compose(sub, []Change{headlineChange()}, o)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == a.ID || d.ID == a.ID {
		t.Errorf("Message-ID does not depend on recipient and change set: %s %s %s", a.ID, c.ID, d.ID)
	}
}
