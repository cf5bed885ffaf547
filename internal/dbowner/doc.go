// Package dbowner is the database-ownership protocol: bbolt lets one
// process hold a database read-write, so the process that holds it (the
// daemon, or a cron crawl while it runs) serves the API on loopback and
// publishes the address in a file beside the database ([File]), and every
// other redline command on that database goes through that API instead of
// opening the file.
//
// [Find] reads the file and checks, as cheaply as it can, that the owner
// is alive and really holds this database: a dead PID costs no network
// round trip, a live one a health probe of at most [Probe]. [Reach] is what
// a command does: use the owner, or open the database itself, waiting a
// moment while another command holds the lock. [Hold] is what the daemon
// does: wait for a crawl to finish, refuse to start beside another daemon.
// [Serve] is the owner's side: serve the API and advertise it.
package dbowner
