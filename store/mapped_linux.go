package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops this process's mapping of the pages of tx's file
// that it has touched, as a long scan goes, so its resident set holds what
// it reads now rather than every page it walked past.
//
// bbolt reads through a read-only shared mapping of the file, and Linux
// maps in the 64 KiB around every page a read touches (fault-around,
// which bbolt's MADV_RANDOM does not switch off): a scan of the stories
// bucket, whose pages copy-on-write scatters over the file, mapped 8.5 of
// a 12.7 MB file. MADV_DONTNEED on such a mapping only removes the page
// table entries: the pages stay in the page cache, and the next read maps
// them in again from it, with the same bytes, because bbolt writes with
// pwrite and never through the mapping. The caller must be inside tx, so
// no remap can move the mapping meanwhile.
func releaseMapped(tx *bolt.Tx) {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || tx.Size() <= 0 {
		return
	}
	// The advice is a hint: an error leaves the pages mapped, no worse.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}
