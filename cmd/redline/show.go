package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline/web"
)

func newShowCommand(a *app) *cobra.Command {
	var (
		asJSON bool
		raw    bool
	)
	cmd := &cobra.Command{
		Use:   "show ID|URL [N]",
		Short: "Print the text of version N of a story (default: the latest)",
		Args:  argsBetween(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			n := 0
			if len(args) == 2 {
				var err error
				if n, err = parseVersionArg(args[1]); err != nil {
					return err
				}
			}
			return a.withStory(cmd, args[0], func(s *session, st web.StoryView) error {
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
				fmt.Fprintf(a.stdout, "%s\n", v.Headline)
				for _, line := range []string{v.Dek, v.Byline} {
					if line != "" {
						fmt.Fprintf(a.stdout, "%s\n", line)
					}
				}
				fmt.Fprintf(a.stdout, "version %d of %d, fetched %s from %s\n\n", v.N, st.Versions, v.FetchedAt.Local().Format(time.RFC1123), v.URL)
				for _, p := range v.Paragraphs {
					fmt.Fprintf(a.stdout, "%s\n\n", p)
				}
				for _, note := range v.Notes {
					fmt.Fprintf(a.stdout, "%s\n\n", note)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&raw, "raw", false, "print the stored HTML evidence of that version instead (exit 1 if keep_pages dropped it)")
	return cmd
}
