// Package tracker is redline's core loop: it picks the stories that are
// due, fetches them with the crawler, extracts the article, compares it with
// the latest stored version, and saves a new version only for a real edit.
//
// The cron one-shot (`redline crawl`) and the daemon's scheduler call the
// same Once method, so the two can never disagree about what a check does.
package tracker
