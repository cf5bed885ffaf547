package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// privateHint tells an operator how to track an intranet site on purpose.
const privateHint = "set allow_private_targets: true, or REDLINE_ALLOW_PRIVATE=1, to let redline fetch private addresses"

func newTrackCommand(a *app) *cobra.Command {
	var (
		tags   []string
		every  time.Duration
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:     "track URL...",
		Short:   "Start tracking story URLs (or resume paused ones)",
		Example: `  redline track https://example.com/news/story-123 --every 10m --tag politics`,
		Args:    argsBetween(1, 1000),
		RunE: func(cmd *cobra.Command, args []string) error {
			if every != 0 && every < time.Minute {
				return usagef("track: --every %s is under one minute; that is not polite to any site", every)
			}
			if err := tracker.CheckTags(tags); err != nil {
				return usagef("track: --tag: %s", limitMsg(err))
			}
			s, err := a.openSession(cmd.Context(), readWrite)
			if err != nil {
				return err
			}
			defer s.Close()
			req := redline.TrackRequest{Tags: tags}
			if every > 0 {
				req.Every = every.String()
			}
			out := []web.StoryView{}
			var failed []error
			for _, raw := range args {
				req.URL = raw
				st, err := s.svc.Track(cmd.Context(), req)
				switch {
				case isExists(err):
					fmt.Fprintf(a.stderr, "already tracked as story %d: %s\n", st.ID, st.URL)
				case errors.Is(err, redline.ErrBadURL):
					failed = append(failed, usageError{err})
					continue
				case errors.Is(err, redline.ErrForbiddenTarget):
					failed = append(failed, usageError{fmt.Errorf("%w (%s)", err, privateHint)})
					continue
				case err != nil:
					failed = append(failed, err)
					continue
				}
				out = append(out, web.NewStoryView(st))
			}
			if asJSON {
				if err := writeJSON(a.stdout, out); err != nil {
					return err
				}
			} else {
				for _, st := range out {
					fmt.Fprintf(a.stdout, "tracking story %d: %s\n", st.ID, st.URL)
				}
			}
			return errors.Join(failed...)
		},
	}
	cmd.Flags().StringSliceVar(&tags, "tag", nil, "tag the story (repeatable, or comma-separated)")
	cmd.Flags().DurationVar(&every, "every", 0, "check at this fixed interval instead of the adaptive schedule")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the tracked stories as JSON")
	return cmd
}

func newUntrackCommand(a *app) *cobra.Command {
	var purge bool
	cmd := &cobra.Command{
		Use:   "untrack ID|URL...",
		Short: "Stop checking stories (their versions are kept unless --purge)",
		Args:  argsBetween(1, 1000),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openSession(cmd.Context(), readWrite)
			if err != nil {
				return err
			}
			defer s.Close()
			for _, ref := range args {
				st, err := lookupStory(cmd, s, ref)
				if err != nil {
					return err
				}
				if _, err := s.svc.Untrack(cmd.Context(), st.ID, purge); err != nil {
					return err
				}
				if purge {
					fmt.Fprintf(a.stdout, "deleted story %d and its %s: %s\n", st.ID, plural(st.Versions, "version"), st.URL)
				} else {
					fmt.Fprintf(a.stdout, "stopped tracking story %d (%s kept): %s\n", st.ID, plural(st.Versions, "version"), st.URL)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&purge, "purge", false, "also delete every stored version and check")
	return cmd
}

// lookupStory resolves an ID or URL, turning "not found" into a usage
// error: the user typed something that does not exist.
func lookupStory(cmd *cobra.Command, s *session, ref string) (web.StoryView, error) {
	story, err := findStory(cmd, s, ref)
	return web.NewStoryView(story), err
}

// storyIDs resolves the stories a command names, in the order named.
func storyIDs(cmd *cobra.Command, s *session, refs []string) ([]redline.StoryID, error) {
	var ids []redline.StoryID
	for _, ref := range refs {
		st, err := findStory(cmd, s, ref)
		if err != nil {
			return nil, err
		}
		ids = append(ids, st.ID)
	}
	return ids, nil
}

// findStory is lookupStory for callers that need the domain story: an
// unknown story or a bad reference is the caller's mistake.
func findStory(cmd *cobra.Command, s *session, ref string) (redline.Story, error) {
	story, err := s.svc.Story(cmd.Context(), ref)
	if errors.Is(err, redline.ErrStoryNotFound) || errors.Is(err, redline.ErrBadURL) {
		return story, usageError{fmt.Errorf("%w (see redline list)", err)}
	}
	return story, err
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
