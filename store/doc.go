// Package store keeps everything redline knows in one bbolt file: the
// tracked stories, an index from every URL a story has had to its ID, each
// stored version of each story, the raw HTML each version was extracted
// from, and a log of every check.
//
// # Layout
//
// Top-level buckets:
//
//	meta     "schema" → big-endian uint64 schema version
//	stories  story ID → Story as JSON; NextSequence hands out IDs
//	urls     URL or alias → story ID
//	data     story ID → nested bucket holding that story's history
//
// and, created by the first report run:
//
//	outbox       entry ID → OutboxEntry as JSON (one batch for one recipient)
//	outbox_due   next attempt (big-endian Unix ns) + entry ID, per queued entry
//	outbox_keys  recipient NUL story from to → entry ID: each change queued once
//	cursors      recipient → Cursor as JSON (per story, the newest version handled)
//
// Each story's nested bucket holds a small "head" record (latest version
// number and article hash, so deduplication never decompresses anything)
// and the sub-buckets "v" (versions), "r" (raw HTML), "c" (checks),
// "a" (aliases) and "h" (article hash → version number, to spot reverts),
// and, once keep_pages retention dropped a page, "d" (version number →
// when its page was dropped and its size).
// Keeping a story's history in one nested bucket makes DeleteStory a single
// DeleteBucket. All integer keys are big-endian so cursors walk in ID and
// time order. A version record carries the response header its page came
// with (absent in versions stored before headers were kept), so a page can
// be handed on as the whole HTTP response.
//
// # Compression
//
// Successive versions of a story differ by a sentence or two, so each
// version is compressed with zstd using the previous version's serialized
// bytes as a raw dictionary: an edit to a 5,000-word article costs a few
// hundred bytes. Raw HTML is stored the same way against the previous raw
// page. To bound the work of a read, every chain restarts with a keyframe
// compressed without a dictionary after at most KeyframeEvery records, so
// reading any version decodes at most that many frames.
//
// # Concurrency and locking
//
// A Store is safe for concurrent use. bbolt takes an exclusive file lock
// for a read-write open and a shared one for a read-only open, so a second
// process (a cron `redline run` while `redline serve` is up) gets an error
// wrapping redline.ErrDatabaseLocked after Options.Timeout instead of
// waiting forever.
//
// Every transaction holds the read side of a lock inside the Store, which
// Compact takes exclusively to swap in the compacted file.
package store
