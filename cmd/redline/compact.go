package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newCompactCommand(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the database file to its live size, keeping every version",
		Long: `compact applies keep_pages, then copies every key and value into a new file
beside the database and swaps it in: bbolt never shrinks a file by itself, so
purged stories, pruned checks and dropped pages only give their space back
here. Every version and page stays byte for byte as it was.

While a daemon or a crawl holds the database, it compacts through it; its
scheduler pauses for the few moments the copy takes. A crash at any point
leaves the old file intact.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openSession(cmd.Context(), exclusive)
			if err != nil {
				return err
			}
			defer s.Close()
			if s.remote != "" {
				fmt.Fprintf(a.stderr, "the database is held by a running redline %s; asking it to compact\n", s.remote)
			}
			r, err := s.svc.Compact(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, r)
			}
			if r.Dropped.Pages > 0 {
				fmt.Fprintf(a.stdout, "keep_pages: dropped %s of %s (%s of HTML)\n",
					plural(r.Dropped.Pages, "page"), plural(r.Dropped.Stories, "story"), sizeString(r.Dropped.Bytes))
			}
			fmt.Fprintf(a.stdout, "compacted %s: %s → %s\n", r.DB, sizeString(r.Before), sizeString(r.After))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}
