package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// resident is what a process had resident at the sample where its total
// was highest, by where the memory comes from. Peak RSS alone hides that
// much of a crawl's is not its heap: the executable's own pages, and the
// pages of the database file that bbolt maps and the kernel maps in
// around every page read (fault-around), shared with the page cache and
// dropped under pressure.
type resident struct {
	anon, binary, db, other int64 // bytes
}

func (r resident) total() int64 { return r.anon + r.binary + r.db + r.other }

// String is the breakdown as the table prints it.
func (r resident) String() string {
	return fmt.Sprintf("anonymous %.0f, executable and libraries %.0f, database file %.0f MiB", mib(r.anon), mib(r.binary+r.other), mib(r.db))
}

// sampleResident reads /proc/pid/smaps every interval until done closes,
// and returns the sample with the highest total. It returns the zero value
// where /proc is missing.
func sampleResident(pid int, bin string, interval time.Duration, done <-chan struct{}) resident {
	var peak resident
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if r, err := readSmaps(pid, bin); err == nil && r.total() > peak.total() {
			peak = r
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

// readSmaps sums the Rss of a process's mappings by kind: anonymous (heap,
// stacks, no file), the executable, a *.db file, anything else.
func readSmaps(pid int, bin string) (resident, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		return resident{}, err
	}
	return parseSmaps(raw, bin)
}

func parseSmaps(raw []byte, bin string) (resident, error) {
	var r resident
	var dst *int64 = &r.anon
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		if len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			// A mapping's header: address range, perms, offset, device, inode[, path].
			path := ""
			if len(f) >= 6 {
				path = f[5]
			}
			switch {
			case path == "" || strings.HasPrefix(path, "["):
				dst = &r.anon
			case path == bin:
				dst = &r.binary
			case strings.HasSuffix(path, ".db"):
				dst = &r.db
			default:
				dst = &r.other
			}
			continue
		}
		if len(f) >= 2 && f[0] == "Rss:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				*dst += kb * 1024
			}
		}
	}
	return r, sc.Err()
}
