package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline/report"
)

// subscriberJSON is one row of `subscribers list --json`.
type subscriberJSON struct {
	Email         string        `json:"email"`
	Name          string        `json:"name,omitempty"`
	Cadence       string        `json:"cadence"`
	Timezone      string        `json:"timezone"`
	Follow        report.Follow `json:"follow"`
	HeadlinesOnly bool          `json:"headlines_only"`
}

func newSubscribersCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "subscribers",
		Short: "Show who gets report mail (from the config)",
		Args:  noArgs,
	}
	var asJSON bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List the subscribers with their cadence, time zone and what they follow",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(); err != nil {
				return err
			}
			rows := []subscriberJSON{}
			for _, sc := range a.cfg.Subscribers {
				s, err := a.cfg.subscriber(sc)
				if err != nil {
					return usageError{err} // validated already; a guard only
				}
				rows = append(rows, subscriberJSON{Email: s.Email, Name: sc.Name, Cadence: s.Cadence.String(),
					Timezone: s.Location.String(), Follow: s.Follow, HeadlinesOnly: s.HeadlinesOnly})
			}
			if asJSON {
				return writeJSON(a.stdout, rows)
			}
			if len(rows) == 0 {
				fmt.Fprintf(a.stdout, "no subscribers in config %s\n", a.configName())
				return nil
			}
			tw := newTable(a.stdout)
			fmt.Fprintln(tw, "EMAIL\tNAME\tCADENCE\tTIME ZONE\tFOLLOWS")
			for _, r := range rows {
				name := r.Name
				if name == "" {
					name = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Email, name, r.Cadence, r.Timezone, followText(r.Follow))
			}
			return tw.Flush()
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print the subscribers as JSON")
	cmd.AddCommand(list)
	return cmd
}
