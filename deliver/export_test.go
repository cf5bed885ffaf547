package deliver

import "github.com/redline-news/redline/store"

// SetAfterAccept installs the hook that runs between the server's
// acceptance and the mark, so a test can stop there as a crash would.
func (e *Engine) SetAfterAccept(fn func(store.OutboxEntry) error) { e.afterAccept = fn }
