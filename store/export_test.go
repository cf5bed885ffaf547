package store

// SetBeforeSwap lets tests fail a compaction at its most delicate point,
// after the copy is complete and before it replaces the file. It returns a
// function that removes the hook.
func SetBeforeSwap(f func(tmp string) error) func() {
	beforeSwap = f
	return func() { beforeSwap = nil }
}
