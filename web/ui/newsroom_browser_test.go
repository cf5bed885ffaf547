package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
)

// TestBrowser_CrawledNumberChangeShowsAsRedline crawls the simulated
// newsroom through every edit round of its first story and opens, in the
// browser, the diff of the round whose edit changed a number: the old
// words are the page's <del>s and the new ones its <ins>s, as the
// newsroom's own script says they changed.
func TestBrowser_CrawledNumberChangeShowsAsRedline(t *testing.T) {
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	var slug string
	var edits []newsroom.EditRound
	for _, er := range e.site.EditRounds() {
		if er.Edit.Kind == newsroom.EditNumberChanged && slug == "" {
			slug = er.Slug
		}
	}
	if slug == "" {
		t.Fatal("the newsroom has no story whose number changes")
	}
	for _, er := range e.site.EditRounds() {
		if er.Slug == slug {
			edits = append(edits, er)
		}
	}
	st := e.track(t, slug)
	// Version numbers as the rounds make them: one per round that changed
	// a field (the developing flag included, which the content hash leaves
	// out but the tracker stores); remember the number change's.
	n, target := 1, 0
	var before, after []string
	prev := e.site.Expected(slug).Text()
	for _, er := range edits {
		e.site.Advance()
		e.clock.Advance(time.Hour)
		if _, err := e.svc.Crawl(ctx, redline.CrawlRequest{IDs: []redline.StoryID{st.ID}}); err != nil {
			t.Fatal(err)
		}
		cur := e.site.Expected(slug).Text()
		if len(er.Fields) > 0 {
			n++
		}
		if er.Edit.Kind == newsroom.EditNumberChanged && target == 0 {
			target = n
			before, after = changedWords(prev, cur)
		}
		prev = cur
	}
	got, err := e.svc.Story(ctx, fmt.Sprint(st.ID))
	if err != nil {
		t.Fatal(err)
	}
	if got.Versions != n {
		t.Fatalf("crawling %d rounds stored %d versions, want %d", len(edits), got.Versions, n)
	}
	if len(before) == 0 || len(after) == 0 {
		t.Fatalf("the number change changed no words: %v → %v", before, after)
	}

	t.Logf("version %d changed %q to %q", target, before, after)
	p := testutil.Browser(t)
	p.Navigate(fmt.Sprintf("%s/stories/%d/diff/%d/%d", e.srv.URL, st.ID, target-1, target), ".rl-diff")
	dels := testutil.Eval[[]string](p, `[...document.querySelectorAll("del.rl-del")].map(e => e.textContent)`)
	ins := testutil.Eval[[]string](p, `[...document.querySelectorAll("ins.rl-ins")].map(e => e.textContent)`)
	for _, w := range before {
		if !slices.ContainsFunc(dels, func(d string) bool { return strings.Contains(d, w) }) {
			t.Errorf("removed word %q is not in any <del>: %q", w, dels)
		}
	}
	for _, w := range after {
		if !slices.ContainsFunc(ins, func(d string) bool { return strings.Contains(d, w) }) {
			t.Errorf("added word %q is not in any <ins>: %q", w, ins)
		}
	}
	p.AssertInert()
}

// changedWords are the words of the one paragraph that differs between two
// texts, as bags: those only in the old, those only in the new.
func changedWords(old, cur []string) (removed, added []string) {
	for i := range min(len(old), len(cur)) {
		if old[i] == cur[i] {
			continue
		}
		have := map[string]int{}
		for _, w := range strings.Fields(cur[i]) {
			have[w]++
		}
		for _, w := range strings.Fields(old[i]) {
			if have[w] > 0 {
				have[w]--
			} else {
				removed = append(removed, w)
			}
		}
		for w, c := range have {
			for range c {
				added = append(added, w)
			}
		}
		return removed, added
	}
	return nil, nil
}
