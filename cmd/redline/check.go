package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// errDamaged is returned by check when the database fails it; the
// problems were already printed.
var errDamaged = errors.New("database is damaged")

func newCheckCommand(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the whole database: bbolt's pages and every stored version and page",
		Long: `check runs bbolt's own page check, then decodes every version and page and
verifies the store's invariants (indexes, version numbering, hashes). It goes
through the daemon or crawl that holds the database, else opens it read-only.

Exit status: 0 and a one-line summary when healthy; 1 with every problem
found on stderr when it is damaged or cannot be opened.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openSession(cmd.Context(), readOnly)
			if err != nil {
				return fmt.Errorf("check: %w", err)
			}
			defer s.Close()
			r, err := s.svc.Check(cmd.Context())
			if err != nil {
				return fmt.Errorf("check %s: %w", a.cfg.DB, err)
			}
			if asJSON {
				if err := writeJSON(a.stdout, r); err != nil {
					return err
				}
			}
			if !r.OK {
				for _, p := range r.Problems {
					fmt.Fprintf(a.stderr, "%s: %s\n", r.DB, p)
				}
				return fmt.Errorf("check %s: %w: %s found (restore the latest backup that passes redline check)",
					r.DB, errDamaged, plural(len(r.Problems), "problem"))
			}
			if !asJSON {
				fmt.Fprintf(a.stdout, "%s: ok: %s, %s, %s, %s\n", r.DB, plural(r.Stories, "story"),
					plural(r.Versions, "version"), plural(r.Pages, "page"), sizeString(r.Size))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}
