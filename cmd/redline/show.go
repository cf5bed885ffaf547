package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline/web"
)

func newShowCommand(a *app) *cobra.Command {
	var (
		asJSON bool
		raw    bool
		all    bool
	)
	cmd := &cobra.Command{
		Use:   "show ID|URL [N | --all]",
		Short: "Print the text of version N of a story (default: the latest), or of every version",
		Args:  argsBetween(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if all && len(args) == 2 {
				return usagef("show: --all prints every version; name no version %s", args[1])
			}
			if all && raw {
				return usagef("show: --all and --raw exclude each other; every stored page is export --warc FILE ID")
			}
			n := 0
			if len(args) == 2 {
				var err error
				if n, err = parseVersionArg(args[1]); err != nil {
					return err
				}
			}
			return a.withStory(cmd, args[0], func(s *session, st web.StoryView) error {
				if all {
					return showEvery(cmd.Context(), a.stdout, s, st, asJSON)
				}
				if err := checkVersion(st, n); err != nil {
					return err
				}
				if raw {
					html, err := s.svc.RawHTML(cmd.Context(), st.ID, n)
					if err != nil {
						return versionMissing(st, n, err)
					}
					_, err = a.stdout.Write(html)
					return err
				}
				version, err := s.svc.Version(cmd.Context(), st.ID, n)
				if err != nil {
					return versionMissing(st, n, err)
				}
				v := web.NewVersionView(version)
				if asJSON {
					return writeJSON(a.stdout, v)
				}
				return printVersion(a.stdout, st, v)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&all, "all", false, "print every version, oldest first (with --json: one show --json object a line)")
	cmd.Flags().BoolVar(&raw, "raw", false, "print the stored HTML evidence of that version instead (exit 1 if keep_pages dropped it)")
	return cmd
}

// printVersion writes one version as text: headline, dek, byline, where it
// came from, then paragraphs and notes.
func printVersion(w io.Writer, st web.StoryView, v web.VersionView) error {
	fmt.Fprintf(w, "%s\n", v.Headline)
	for _, line := range []string{v.Dek, v.Byline} {
		if line != "" {
			fmt.Fprintf(w, "%s\n", line)
		}
	}
	fmt.Fprintf(w, "version %d of %d, fetched %s from %s\n\n", v.N, st.Versions, v.FetchedAt.Local().Format(time.RFC1123), v.URL)
	for _, p := range v.Paragraphs {
		fmt.Fprintf(w, "%s\n\n", p)
	}
	for _, note := range v.Notes {
		if _, err := fmt.Fprintf(w, "%s\n\n", note); err != nil {
			return err
		}
	}
	return nil
}
