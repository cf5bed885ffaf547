package store

// SetWalkBatchBytes shrinks EachVersion's per-transaction budget so tests
// cross batch boundaries with small stories; it returns a restore func.
func SetWalkBatchBytes(n int) (restore func()) {
	old := walkBatchBytes
	walkBatchBytes = n
	return func() { walkBatchBytes = old }
}
