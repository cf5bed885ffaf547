package tracker

import (
	"context"
	"fmt"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/diff"
	"github.com/redline-news/redline/discover"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/storyurl"
)

// fullExtractionEvery bounds how many re-checks in a row may take the
// extractor's fast path before a full extraction double-checks it. The
// fast path already goes to the full one by itself whenever the page
// holds text in a place where it held none (a new box, the story moved)
// or its container holds a new kind of block, so what this bounds is only
// a change inside places the page always had text in. At 12 the full
// extraction, 0.7-1.8 MB and most of a re-check's CPU, was a fifth of
// what an unchanged re-check cost on average.
const fullExtractionEvery = 96

// CheckStory fetches one story once and records what it found: a new
// version for a real edit, otherwise a check. It never returns an error:
// a failure is a result, recorded on the story, that the pass reports.
func (t *Tracker) CheckStory(ctx context.Context, st redline.Story) redline.StoryResult {
	return t.check(ctx, st, nil)
}

// check is CheckStory within a pass, whose unchanged checks join batch
// (nil: each is committed before check returns).
func (t *Tracker) check(ctx context.Context, st redline.Story, batch *checkBatch) redline.StoryResult {
	sr := redline.StoryResult{ID: st.ID, URL: st.URL}
	log := t.logger.With(logStory, st.ID, logURL, st.URL)

	page, err := t.crawler.Fetch(ctx, crawler.Request{URL: st.URL, ETag: st.ETag, LastModified: st.LastModified})
	if err != nil && ctx.Err() != nil {
		// The caller gave up (daemon shutdown): the page never answered, so
		// nothing is recorded and the story keeps its place in the schedule
		// instead of counting a failure against it.
		sr.Result, sr.Error, sr.Err = redline.ResultFailed, err.Error(), err
		return sr
	}
	if err != nil {
		return t.failFetch(log, st, sr, err)
	}
	if err := t.hosts.answered(hostOf(st.URL)); err != nil {
		return t.failLocal(log, st, sr, err)
	}
	sr.Elapsed = page.Elapsed
	now := t.now()
	if page.NotModified {
		sr.Result, sr.Version = redline.ResultNotModified, st.Versions
		return t.finishUnchanged(batch, log, st, sr, redline.Check{At: now, Result: sr.Result, HTTPStatus: page.StatusCode, Version: st.Versions}, func(s *redline.Story) {})
	}

	hint := st.ExtractHint
	if st.HintChecks >= fullExtractionEvery {
		hint = ""
	}
	// The hash is kept beside the compressed versions, so an unchanged
	// story, the common case, costs no decompression; the extractor
	// leaves out of an article with this hash what only a stored version
	// needs (see extract.Known.Latest).
	latestN, latestHash, err := t.store.LatestHash(st.ID)
	if err != nil {
		return t.storeFailed(log, st, sr, err)
	}
	known := t.known.forStory(st)
	known.Latest = latestHash
	article, newHint, err := t.extractor.ExtractKnownWithHint(page.Body, page.FinalURL, hint, known)
	if err != nil {
		return t.fail(log, st, sr, page.StatusCode, err)
	}
	moved := t.noteMove(st, page.FinalURL, discover.CanonicalFromHTML(headTags(pageHead(page.Body)), page.FinalURL))
	// The update captures these few values, not page or st: within a pass
	// it waits for the batch (see checkBatch), and capturing page kept
	// every waiting check's page alive, 7 MB in a pass.
	etag, lastModified, hintChecks := page.ETag, page.LastModified, 0
	if hint != "" {
		hintChecks = st.HintChecks + 1
	}
	keepFetchState := func(s *redline.Story) {
		s.ETag, s.LastModified, s.ExtractHint = etag, lastModified, newHint
		s.HintChecks = hintChecks
		if moved != "" {
			s.FinalURL = moved
		}
		s.SuspectCount, s.SuspectHash = 0, "" // a suspect check overrides this
	}
	check := redline.Check{At: now, HTTPStatus: page.StatusCode}
	if moved != "" && st.Versions > 0 {
		// Before its first version a story has no address to move from:
		// the first fetch only learns where it lives.
		check.Note = "story moved to " + moved
	}

	if article.Mojibake {
		check.Note = addNote(check.Note, noteMojibake)
		log.Warn("page text was double-encoded UTF-8; read repaired")
	}

	hasPrev := latestN > 0
	hash := article.Hash()
	if hasPrev && latestHash == hash {
		sr.Result, sr.Version = redline.ResultUnchanged, latestN
		check.Result, check.Version = sr.Result, latestN
		return t.finishUnchanged(batch, log, st, sr, check, keepFetchState)
	}
	var latest redline.Version
	if hasPrev {
		if latest, err = t.store.LatestVersion(st.ID); err != nil {
			return t.storeFailed(log, st, sr, err)
		}
	}
	if t.confirmChanges {
		var ignored int
		var next string
		if article, ignored, next = t.confirmChange(ctx, log, st, article, latestOf(hasPrev, &latest), hint, newHint, known); ctx.Err() != nil {
			sr.Result, sr.Error, sr.Err = redline.ResultFailed, ctx.Err().Error(), ctx.Err()
			return sr // shutdown mid-check: as above, nothing recorded
		}
		if next != "" {
			newHint = next // keepFetchState stores it
		}
		if hash = article.Hash(); hasPrev && hash == latestHash {
			sr.Result, sr.Version = redline.ResultUnchanged, latestN
			check.Result, check.Version = sr.Result, latestN
			check.Note = addNote(check.Note, fmt.Sprintf(noteUnstable, ignored))
			log.Debug("change not confirmed by a second fetch", logReason, check.Note)
			return t.finishUnchanged(batch, log, st, sr, check, keepFetchState)
		}
	}
	reread := false
	if hasPrev {
		if again, raw := t.reread(log, st.ID, latest, hint, known); raw != nil {
			if t.confirmChanges {
				again = withoutStrays(again, latest.Article, article)
			}
			switch again.Hash() {
			case latestHash:
				// Redline reads the stored page as before: whatever
				// differs is the publisher's.
			case hash:
				reread = true
			default:
				// Both redline's reading and the page changed. The
				// re-reading is recorded first, so the edit's version, its
				// diff and the suspect guard see the edit alone.
				if latest, err = t.saveReread(log, latest, again, raw, now); err != nil {
					return t.storeFailed(log, st, sr, err)
				}
			}
		}
	}
	if hasPrev && !reread {
		if suspect, reason := extract.Assess(latest.Article, article); suspect {
			count := 1
			if st.SuspectHash == hash {
				count = st.SuspectCount + 1
			}
			if count < t.confirm {
				sr.Result, sr.Version, sr.Summary = redline.ResultSuspect, latest.N, reason
				check.Result, check.Version, check.Note = sr.Result, latest.N, reason
				log.Warn("suspect extraction kept as a check", logReason, reason)
				return t.finish(log, st, sr, check, func(s *redline.Story) {
					keepFetchState(s)
					s.SuspectCount, s.SuspectHash = count, hash
				})
			}
			check.Note = fmt.Sprintf("accepted after %d identical suspect checks: %s", count, reason)
		}
	}

	d := diff.Compare(latest.Article, article)
	v := redline.Version{
		StoryID:    st.ID,
		FetchedAt:  now,
		URL:        page.FinalURL,
		HTTPStatus: page.StatusCode,
		Article:    article,
		Added:      d.Added,
		Removed:    d.Removed,
		Reread:     reread,
		Charset:    page.Charset,
		Header:     page.Header,
	}
	stored, err := t.store.SaveVersion(&v, page.Raw)
	if err != nil {
		return t.storeFailed(log, st, sr, err)
	}
	sr.Result, sr.Version = redline.ResultNew, v.N
	switch {
	case reread:
		sr.Result, sr.Summary = redline.ResultReread, "page not edited, read differently: "+d.Summary()
		log.Info("page re-read by changed extraction", logVersion, v.N, logSummary, sr.Summary)
	case hasPrev:
		sr.Result, sr.Summary = redline.ResultChanged, d.Summary()
	}
	if !hasPrev && article.Kind == redline.KindListing {
		// `track` does not fetch, so the first check is where a user
		// learns the page lists stories rather than being one.
		sr.Summary = noteListing
		check.Note = addNote(check.Note, noteListing)
		log.Warn("tracked page is not an article", logReason, noteListing)
	}
	if !stored { // a concurrent writer saved the same content first
		sr.Result, sr.Version = redline.ResultUnchanged, latest.N
	}
	check.Result, check.Version = sr.Result, sr.Version
	log.Debug("checked", logResult, sr.Result, logVersion, sr.Version, logSummary, sr.Summary)
	return t.finish(log, st, sr, check, keepFetchState)
}

// Check notes that say what redline noticed about a page.
const (
	noteMojibake = "repaired double-encoded UTF-8 (mojibake) in the page; the repaired text is compared"
	noteListing  = "not an article: the page lists stories (a homepage or section front); tracked as a listing, every item kept"
)

func addNote(note, more string) string {
	if note == "" {
		return more
	}
	return note + "; " + more
}

// reread extracts the page stored as evidence of v again, the way this
// tracker reads pages now, and returns the article with that page. When the
// article equals a fresh fetch's, the page was not edited: what changed is
// redline (a new release, a new site or ignore rule). raw is nil when v has
// no page that still extracts.
func (t *Tracker) reread(log loggerLike, id redline.StoryID, v redline.Version, hint string, known extract.Known) (a redline.Article, raw []byte) {
	raw, err := t.store.RawHTML(id, v.N)
	if err != nil {
		log.Warn("could not read the stored page again", logVersion, v.N, logError, err)
		return redline.Article{}, nil
	}
	if len(raw) == 0 {
		return redline.Article{}, nil
	}
	body, err := crawler.DecodeStored(raw, v.Charset)
	if err != nil {
		log.Warn("could not read the stored page again", logVersion, v.N, logError, err)
		return redline.Article{}, nil
	}
	a, _, err = t.extractor.ExtractKnownWithHint(body, v.URL, hint, known)
	if err != nil {
		// Today's rules find nothing in yesterday's page: no evidence that
		// the fresh article is only a re-reading.
		log.Debug("stored page no longer extracts", logVersion, v.N, logError, err)
		return redline.Article{}, nil
	}
	return a, raw
}

// saveReread stores again, the re-reading of latest's page, as a version
// marked Reread, with that same page as its evidence, and returns what is
// now the latest version.
func (t *Tracker) saveReread(log loggerLike, latest redline.Version, again redline.Article, raw []byte, now time.Time) (redline.Version, error) {
	d := diff.Compare(latest.Article, again)
	v := redline.Version{
		StoryID:    latest.StoryID,
		FetchedAt:  now,
		URL:        latest.URL,
		HTTPStatus: latest.HTTPStatus,
		Article:    again,
		Added:      d.Added,
		Removed:    d.Removed,
		Reread:     true,
		Charset:    latest.Charset,
		Header:     latest.Header,
	}
	stored, err := t.store.SaveVersion(&v, raw)
	if err != nil {
		return latest, err
	}
	if !stored {
		// A concurrent writer got there first; go on from what it saved.
		return t.store.LatestVersion(latest.StoryID)
	}
	log.Info("page re-read by changed extraction before an edit", logVersion, v.N, logSummary, d.Summary())
	return v, nil
}

// noteMove records a new address of the story (a redirect or a changed
// canonical URL) as an alias, so links to either find the same story.
func (t *Tracker) noteMove(st redline.Story, finalURL, canonical string) string {
	moved := ""
	for _, u := range []string{finalURL, canonical} {
		c, err := storyurl.Canonicalize(u)
		if err != nil || c == st.URL || c == st.FinalURL {
			continue
		}
		if err := t.store.AddAlias(st.ID, c); err != nil {
			t.logger.Warn("could not record new story URL", logStory, st.ID, logURL, c, logError, err)
			continue
		}
		moved = c
	}
	return moved
}
