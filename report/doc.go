// Package report composes the mails and webhook bodies that tell
// subscribers what changed in the stories they follow, and hands them
// over. Composing is pure: changes in, bytes out. The senders (SMTPSender,
// WebhookPoster) deliver one message each and classify a failure as
// permanent or temporary (SendError); the package opens no store and reads
// no config, and package deliver keeps the outbox that decides what is
// sent when.
//
// # Selection
//
// A Follow filter (all, stories by ID or URL, tags, sites, keywords,
// headlines_only) picks the changes a subscriber wants, and a Cadence says
// when they are mailed: immediate alerts wait Window after the oldest
// unsent change so a burst of edits is one mail; hourly, daily and weekly
// digests go out at wall-clock times in the subscriber's time zone, once a
// day across DST changes (Cadence.Next). Subscriber.Due combines the two
// with an injected "now".
//
// # Mail
//
// Compose writes an RFC 5322 multipart/alternative message: a text/plain
// part with [-removed-]{+added+} marks and a text/html part built from
// tables with inline styles only (removed words struck through on red,
// added ones underlined on green), each story with its summary line, the
// word diff with one unchanged paragraph of context, and a permalink to
// the web diff page
//
//	{base_url}/stories/{id}/diff/{from}/{to}
//
// where from and to are version numbers. Each story's changes are
// coalesced into one section and stories whose headline changed come
// first. Every scraped string is escaped in HTML, and headers carry no
// scraped CR or LF: control characters become spaces and non-ASCII text is
// RFC 2047-encoded.
//
// Compose builds one mail; a run that mails many readers uses one
// Composer, which diffs each burst and renders each story's section once
// for all of them and gives the same bytes.
//
// The Message-ID is a hash of the recipient and the list of (story, from,
// to) it reports, at the From domain, and the MIME boundary derives from
// it. The same input therefore gives the same bytes: a mail sent again
// after a crash between the SMTP server's acceptance and the outbox's
// "sent" mark carries the same Message-ID, so receivers can drop the
// duplicate, which makes at-least-once delivery acceptable.
//
// # Webhooks
//
// WebhookJSON and WebhookSlack build webhook bodies for the same changes:
// {"changes": [{story_id, url, headline, headline_changed, from, to,
// from_time, to_time, summary, added_words, removed_words, tags,
// permalink}]}, and Slack's {text, blocks} with mrkdwn escaped.
// Sign makes the X-Redline-Signature header, "t=UNIX_SECONDS,v1=HEX", where
// HEX is HMAC-SHA256(secret, "UNIX_SECONDS." + body); Verify checks it.
package report
