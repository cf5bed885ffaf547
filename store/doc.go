// Package store keeps everything redline knows in one bbolt file: the
// tracked stories, an index from every URL a story has had to its ID, each
// stored version of each story, the raw HTML each version was extracted
// from, and a log of every check.
//
// # Layout
//
// Top-level buckets (schema 4):
//
//	meta     "schema" → big-endian uint64 schema version
//	stories  story ID → Story as JSON; NextSequence hands out IDs
//	urls     URL or alias → story ID
//
// and one bucket per kind of per-story record, every key starting with
// the story's 8-byte big-endian ID:
//
//	heads     ID → latest version number + its article hash (no key when
//	          the story has no version), so deduplication never
//	          decompresses anything
//	versions  ID + version number → version record
//	pages     ID + version number → raw HTML record
//	checks    ID + check number → Check as JSON
//	aliases   ID + URL → nothing: every URL that finds the story
//	hashes    ID + article hash → version number, to spot reverts
//	drops     ID + version number → when keep_pages retention dropped
//	          that page (Unix seconds) and its size
//	summaries ID + version number → the version's history line as JSON,
//	          created by the first version saved with it (summaries.go)
//
// and the dictionaries keyframes share (see Compression):
//
//	dicts       dictionary ID → kind, host, length, zstd frame
//	dict_hosts  kind + host → the dictionary new keyframes use
//
// and, created by the first report run:
//
//	outbox       entry ID → OutboxEntry as JSON (one batch for one recipient)
//	outbox_due   next attempt (big-endian Unix ns) + entry ID, per queued entry
//	outbox_keys  recipient NUL story from to → entry ID: each change queued once
//	cursors      recipient → Cursor as JSON (per story, the newest version handled)
//	outbox_settled  settled time (big-endian Unix ns) + entry ID, per sent or
//	             failed entry, for pruning after reports.keep_sent
//
// A story's records of one kind are one key range, read with Cursor.Seek
// on the ID prefix, and deleting a story deletes that range from each
// bucket. Schema 1 kept each story in nested buckets under "data", which
// cost at least a 4 KiB page per sub-bucket: a story with one version
// took 16.8 KB for 3.4 KB of records, and compact could not help. All
// integer keys are big-endian so cursors walk in ID and time order. A
// story's checks are numbered after its newest one, so a story whose
// checks were all pruned numbers them from 1 again. A version record
// carries the response header its page came with (absent in versions
// stored before headers were kept), so a page can be handed on as the
// whole HTTP response.
//
// Pages split by an append (the newest stories' records) are filled to
// 95%, and pages split in the middle (the next version of an older story)
// evenly; bbolt's file grows in 256 KiB steps, and compact trims its copy
// to the pages in use. Figures: BenchmarkStore_FileSize, and README.
//
// # Migration
//
// Opening a schema-1 file read-write migrates it (migrate.go): one
// transaction creates the new buckets and sets the schema to 2, then
// stories move in transactions of at most 4 MiB of records each, every
// record keeping its bytes under the key ID + old key, each story copied
// and its nested bucket deleted in the same transaction. The emptied
// "data" bucket goes last, and the file is then compacted, since the old
// layout's pages are only freed batch by batch (10,000 stories: 135 MB
// of schema 1 become 69 MB in 3 s, at 57 MiB peak heap;
// BenchmarkStore_Migrate10000). A crash midway leaves a schema-2 file with
// "data" still there: an older redline refuses it as too new, a read-only
// open refuses it with ErrNeedsMigration, and the next read-write open
// resumes. A read-only open of a schema-1 file is refused the same way:
// any write command (or redline compact) migrates it once.
//
// Schema 3 only adds the dictionary buckets and the shared keyframe kind:
// a read-write open of a schema-2 file creates the buckets and sets the
// schema, touching no record, and a read-only open reads it as it is. The
// step exists so that a schema-2 build refuses a file with shared
// keyframes as too new instead of calling it corrupt. Schema 4 adds the
// text keyframe kind the same way, with no new bucket.
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
// A keyframe is compressed against a dictionary shared by the stories of
// one host (record kind 'S'), since a site's pages share their template,
// navigation and scripts and its versions their shape: the dictionary is
// the first record of that kind from the story's host (its first 256 KiB),
// stored once, compressed, in the transaction of the first record that
// uses it. A keyframe the host's dictionary shrinks by less than a tenth
// (a redesign) makes itself the host's new dictionary, which costs about
// what the keyframe alone would have; records under 1 KiB stay alone. A
// dictionary is immutable and never deleted while a record uses it: purge
// and retention leave dictionaries alone, compact drops the unused ones,
// and Check verifies every reference. Decoded dictionaries are cached per
// Store (16 MiB, least recently used out), so a read decodes at most its
// chain plus, the first time, its dictionary. Trained zstd dictionaries
// (BuildDict) were measured against this and saved under 1% more on the
// bench site's pages, needing a dozen samples before the first one.
//
// A page keyframe is also compressed against its own version's stored
// content after the host's dictionary (record kind 'T', text.go), since
// the page holds the article's words the version holds; it is used when
// smaller, which on the bench site cut pages from 4.7 to 1.5 KB each.
// Reading such a page decodes its version's chain too.
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
