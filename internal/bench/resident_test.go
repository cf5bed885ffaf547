package main

import "testing"

func TestParseSmaps(t *testing.T) {
	raw := []byte(`00400000-01c00000 r-xp 00000000 08:01 123 /tmp/b/redline
Size:              24576 kB
Rss:               20480 kB
Pss:               20480 kB
01c00000-02000000 rw-p 00000000 00:00 0
Rss:                1024 kB
7f0000000000-7f0002000000 r--s 00000000 08:01 456 /tmp/b/crawl.db
Rss:                8192 kB
7f1000000000-7f1000100000 r-xp 00000000 08:01 789 /usr/lib/x86_64-linux-gnu/libc.so.6
Rss:                 512 kB
7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0 [stack]
Rss:                  64 kB
`)
	got, err := parseSmaps(raw, "/tmp/b/redline")
	if err != nil {
		t.Fatal(err)
	}
	want := resident{anon: (1024 + 64) << 10, binary: 20480 << 10, db: 8192 << 10, other: 512 << 10}
	if got != want {
		t.Errorf("parseSmaps = %+v, want %+v", got, want)
	}
}
