package tracker

import (
	"context"
	"fmt"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
)

// noteUnstable says an apparent change was page furniture: text that
// rotates from request to request, not an edit.
const noteUnstable = "ignored %d paragraphs that changed between two fetches"

// confirmChange fetches the story a second time and keeps only what both
// fetches agree on, so a block that appears on one request and not the
// next (furniture the extractor took for text) never becomes a version.
// latest is the latest stored version (nil before the first), whose values
// stand in for a headline, byline or dek the two fetches disagree on.
// It returns the stable article and how many blocks it left out. When the
// second fetch fails, first is returned as it is: a flaky confirm must
// never cost a real edit.
//
// The second page is read with the hint the first one made (hint when it
// made none), and the hint that reading returns, next, is the one to keep:
// it knows the furniture of both pages, so the next re-check is less
// likely to meet text in a place the hint has not seen (see extract's
// textPlaces). next is "" when there is nothing better than the first's.
func (t *Tracker) confirmChange(ctx context.Context, log loggerLike, st redline.Story, first redline.Article, latest *redline.Article, hint, firstHint string, known extract.Known) (a redline.Article, dropped int, next string) {
	// A plain GET: validators could answer 304, which confirms nothing.
	page, err := t.crawler.Fetch(ctx, crawler.Request{URL: st.URL})
	if err == nil && page.NotModified {
		err = fmt.Errorf("answered 304 to a request without validators")
	}
	if firstHint == "" {
		firstHint = hint
	}
	var second redline.Article
	if err == nil {
		second, next, err = t.extractor.ExtractKnownWithHint(page.Body, page.FinalURL, firstHint, known)
	}
	if err != nil {
		log.Warn("confirming fetch failed; going on with the first fetch", logError, err)
		return first, 0, ""
	}
	a, dropped = stableArticle(first, second, latest)
	return a, dropped, next
}

// stableArticle is what first and second agree on: each of headline,
// byline and dek when equal (else latest's, or first's before any
// version), and the paragraphs and notes common to both in order, with
// first's text. dropped counts the blocks of first left out.
func stableArticle(first, second redline.Article, latest *redline.Article) (a redline.Article, dropped int) {
	a = first
	pick := func(x, y, prev string) string {
		if redline.Fold(x) == redline.Fold(y) {
			return x
		}
		dropped++
		if latest != nil {
			return prev
		}
		return x
	}
	var lh, lb, ld string
	if latest != nil {
		lh, lb, ld = latest.Headline, latest.Byline, latest.Dek
	}
	a.Headline = pick(first.Headline, second.Headline, lh)
	a.Byline = pick(first.Byline, second.Byline, lb)
	a.Dek = pick(first.Dek, second.Dek, ld)
	a.Paragraphs = commonInOrder(first.Paragraphs, second.Paragraphs)
	a.Notes = commonInOrder(first.Notes, second.Notes)
	dropped += len(first.Paragraphs) - len(a.Paragraphs) + len(first.Notes) - len(a.Notes)
	return a, dropped
}

// commonInOrder is a longest common subsequence of a and b compared on
// the folded key, with a's text. Paragraph counts are small (tens), so the
// quadratic table costs little next to the fetch that made it necessary.
func commonInOrder(a, b []string) []string {
	if len(a) == 0 || len(b) == 0 {
		return a[:0:0]
	}
	fa, fb := foldAll(a), foldAll(b)
	// l[i][j] is the LCS length of fa[i:] and fb[j:].
	w := len(fb) + 1
	l := make([]int, (len(fa)+1)*w)
	for i := len(fa) - 1; i >= 0; i-- {
		for j := len(fb) - 1; j >= 0; j-- {
			switch {
			case fa[i] == fb[j]:
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			case l[(i+1)*w+j] >= l[i*w+j+1]:
				l[i*w+j] = l[(i+1)*w+j]
			default:
				l[i*w+j] = l[i*w+j+1]
			}
		}
	}
	out := make([]string, 0, l[0])
	for i, j := 0, 0; i < len(fa) && j < len(fb); {
		switch {
		case fa[i] == fb[j]:
			out = append(out, a[i])
			i, j = i+1, j+1
		case l[(i+1)*w+j] >= l[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

func foldAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = redline.Fold(s)
	}
	return out
}

// withoutStrays drops from again, the re-reading of a stored page, the
// paragraphs and notes found neither in the version stored with it nor in
// the fresh stable article. A version stored by confirmChange left out the
// furniture of its own page; without this, re-reading that page would
// bring the furniture back and pass it off as a change of reading.
func withoutStrays(again, stored, fresh redline.Article) redline.Article {
	keep := func(blocks []string, sets ...[]string) []string {
		seen := make(map[string]bool)
		for _, s := range sets {
			for _, b := range s {
				seen[redline.Fold(b)] = true
			}
		}
		out := make([]string, 0, len(blocks))
		for _, b := range blocks {
			if seen[redline.Fold(b)] {
				out = append(out, b)
			}
		}
		return out
	}
	again.Paragraphs = keep(again.Paragraphs, stored.Paragraphs, fresh.Paragraphs)
	again.Notes = keep(again.Notes, stored.Notes, fresh.Notes)
	return again
}

// latestOf is &v when the story has a version, else nil.
func latestOf(hasPrev bool, v *redline.Version) *redline.Article {
	if !hasPrev {
		return nil
	}
	return &v.Article
}
