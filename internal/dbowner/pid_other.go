//go:build !unix

package dbowner

// processAlive cannot check cheaply here, so it says yes and leaves the
// decision to the health probe.
func processAlive(int) bool { return true }
