// Command bench measures the cost figures of issue 14 on this machine and
// prints them as a table beside their goals:
//
//	go run ./internal/bench              # about 2–4 minutes on 2 cores
//	go run ./internal/bench -stories 500 -runs 3 -benchtime 1x   # a quick look
//
// It builds the real redline binary into a temporary directory and runs it
// as separate processes, so start-up time and peak RSS are those of the
// program users run (RSS from the kernel's rusage of each child), against
// a simulated newsroom served on loopback addresses (127.0.0.2 and up,
// else 127.0.0.1) with allow_private_targets set; nothing leaves the
// machine. The re-check figures come from the tracker's own benchmarks,
// run with go test. The peer figure, a NewsDiffs-style git repository of
// the same versions, is built from the crawled database with the local
// git binary (-git-aggressive for git gc --aggressive: 2 minutes instead
// of 10 s, 2 % smaller).
//
// It is a command, not a test, so the normal test suite never pays for it.
package main
