package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline/web"
)

func newLogCommand(a *app) *cobra.Command {
	var (
		asJSON bool
		checks bool
	)
	cmd := &cobra.Command{
		Use:   "log ID|URL",
		Short: "Show every version of a story with time and a change summary",
		Args:  argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStory(cmd, args[0], func(s *session, st web.StoryView) error {
				history, err := s.svc.Log(cmd.Context(), st.ID, checks)
				if err != nil {
					return err
				}
				log := web.NewStoryLog(history)
				if asJSON {
					return writeJSON(a.stdout, log)
				}
				return printLog(a.stdout, log)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&checks, "checks", false, "also list every check, including those that found no change")
	return cmd
}

// printLog writes a story's history as a table, then its checks if the log
// carries them.
func printLog(w io.Writer, log web.StoryLog) error {
	st := log.Story
	fmt.Fprintf(w, "story %d  %s\n%s\n\n", st.ID, st.URL, st.Headline)
	tw := newTable(w)
	fmt.Fprintln(tw, "VER\tFETCHED\tWORDS\tCHANGE\tHEADLINE")
	for i, r := range log.Versions {
		change := "first version"
		if i > 0 {
			prev := log.Versions[i-1]
			change = fmt.Sprintf("+%d −%d words", r.Added, r.Removed)
			if r.Reread {
				change = "no edit: page re-read by changed extraction rules"
			}
			if r.Headline != prev.Headline {
				change += ", headline"
			}
			if r.RevertOf > 0 {
				change += fmt.Sprintf(", reverts to v%d", r.RevertOf)
			}
			if prev.Developing && !r.Developing {
				change += ", no longer developing"
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\n", r.N, r.FetchedAt.Local().Format("2006-01-02 15:04"), r.Words, change, truncate(r.Headline, 50))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if log.Checks == nil {
		return nil
	}
	fmt.Fprintf(w, "\nchecks (newest first):\n")
	for _, c := range log.Checks {
		line := fmt.Sprintf("  %s  %-12s v%d", c.At.Local().Format("2006-01-02 15:04:05"), c.Result, c.Version)
		if c.Error != "" {
			line += "  " + c.Error
		}
		if c.Note != "" {
			line += "  " + c.Note
		}
		_, err := fmt.Fprintln(w, line)
		if err != nil {
			return err
		}
	}
	return nil
}
