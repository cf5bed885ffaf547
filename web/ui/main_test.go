package ui

import (
	"fmt"
	"os"
	"testing"

	"github.com/redline-news/redline/internal/testutil"
)

// TestMain shares one Chromium among the package's browser tests
// (*_browser_test.go) and closes the shared newsroom database after them.
func TestMain(m *testing.M) {
	code := testutil.RunBrowserTests(m)
	if err := closeShared(); err != nil {
		fmt.Fprintf(os.Stderr, "ui: close the shared newsroom: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
