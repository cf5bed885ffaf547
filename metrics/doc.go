// Package metrics exposes redline's figures in the Prometheus text format,
// for `redline serve` (GET /metrics) and for a cron `redline crawl
// --metrics-file` (a node-exporter textfile).
//
// Two sources feed one registry of its own (never the global one, so
// nothing a library registers leaks in):
//
//   - a Recorder, the tracker's Observer, counts checks by result,
//     failures by reason, stored versions, passes and fetch durations as
//     they happen;
//   - a collector reads the store at scrape time: stories by status, due
//     and overdue stories, versions held and the database file size.
//
// Every label has a fixed, small set of values: a result, a failure reason
// or a story status. URLs and hosts are never labels, because they are
// unbounded.
//
// A cron crawl is a new process each time, so its counters would restart
// from zero on every run and a rate over the textfile would see no
// increase. The Recorder therefore starts from the counters of the
// previous textfile (Seed), which keeps them monotonic across runs.
package metrics
