// Package tracker is redline's core loop: it picks the stories that are
// due, fetches them with the crawler, extracts the article, compares it with
// the latest stored version, and saves a new version only for a real edit.
//
// The cron one-shot (`redline crawl`) and the daemon's scheduler call the
// same Once method, so the two can never disagree about what a check does.
//
// A fresh article that differs from the latest version is not yet an edit.
// Before saving it, CheckStory reads the page stored with the latest version
// again with today's extractor: when that gives the fresh article, the page
// was not edited and only redline's reading changed (a release, a new rule),
// so the version is saved marked Reread. Without that step every upgrade of
// the extractor would flood the history and the reports with false edits.
// When the re-reading differs from both the stored version and the fresh
// article, redline and the page changed at once: the re-reading is saved
// first, marked Reread with the stored page as its evidence, and the edit
// is compared with it, so its diff and the suspect guard see the edit alone.
//
// A pass commits its unchanged checks in batches (see checkBatch); anything
// else a check finds is written before the check returns, so a crash loses
// only unchanged checks, whose stories are then due again.
//
// [Service] is the application service the transports call (the API, the
// CLI and the pages, directly or through the web client): track, untrack,
// purge, resolve, log, versions, crawl, discover, hosts and the database
// operations, with the request rules (tag limits, crawl budgets, polite
// intervals) that hold whichever transport a request came through.
package tracker
