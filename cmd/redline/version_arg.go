package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

func parseVersionArg(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, usagef("version %q must be a number from 1 (see redline log)", s)
	}
	return n, nil
}

// checkVersion refuses a version number the story does not have (0 means
// the latest) before asking for it: like an unknown story, it is the
// caller's mistake, and the story's count tells them what to ask instead.
func checkVersion(st web.StoryView, n int) error {
	switch {
	case st.Versions == 0:
		return usageError{fmt.Errorf("story %d: %w: it has no versions yet (redline crawl %d)", st.ID, redline.ErrVersionNotFound, st.ID)}
	case n > st.Versions:
		return usageError{fmt.Errorf("story %d: %w: no version %d, it has %s (see redline log %d)", st.ID, redline.ErrVersionNotFound, n, plural(st.Versions, "version"), st.ID)}
	}
	return nil
}

// versionMissing turns a version that vanished between the lookup and the
// read (a purge by another process, a page never stored) into the same
// caller-facing error as checkVersion, naming what the story has now.
func versionMissing(st web.StoryView, n int, err error) error {
	if !errors.Is(err, redline.ErrVersionNotFound) {
		return err
	}
	var ue usageError
	if errors.As(err, &ue) {
		return err
	}
	if n == 0 {
		return usageError{fmt.Errorf("story %d (%s): latest version: %w", st.ID, plural(st.Versions, "version"), err)}
	}
	return usageError{fmt.Errorf("story %d (%s): version %d: %w", st.ID, plural(st.Versions, "version"), n, err)}
}
