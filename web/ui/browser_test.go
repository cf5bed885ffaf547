package ui

import (
	"os"
	"testing"

	"github.com/redline-news/redline/internal/testutil"
)

// TestMain shares one Chromium among every browser test of the package
// (files *_browser_test.go) and stops it at the end.
func TestMain(m *testing.M) { os.Exit(testutil.RunBrowserTests(m)) }
