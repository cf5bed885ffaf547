//go:build unix

package dbowner

import (
	"errors"
	"syscall"
)

// processAlive reports whether pid names a running process. Signal 0 only
// checks: ESRCH means no such process, EPERM one owned by another user,
// which is alive.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
