package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/dbowner"
	"github.com/redline-news/redline/store"
)

// errDeliveries is returned when a report run left some deliveries
// undelivered; the details were already printed.
var errDeliveries = errors.New("some deliveries failed")

func newReportCommand(a *app) *cobra.Command {
	var (
		dryRun, status, asJSON bool
		preview, testTo        string
	)
	cmd := &cobra.Command{
		Use:   "report [--dry-run | --status [--json] | --preview STORY [FROM TO] | --test-to ADDRESS]",
		Short: "Send the report mail and webhooks that are due (for cron)",
		Long: `report queues what is due for every subscriber and webhook in the config and
sends what is queued: the same run the daemon makes after each crawl pass.
Beside a running daemon it asks the daemon to run it. A change is queued for
a recipient once; a delivery that fails is retried with back-off, and one
refused for good (an address the server rejects) is reported by --status.

  --dry-run            print the mails and webhook bodies that would go; send and mark nothing
  --status             queued, sent and failed deliveries per recipient, with the last error
  --preview STORY      the HTML part of the mail for the story's latest change (or FROM → TO)
  --test-to ADDRESS    send one sample mail to ADDRESS now, through the configured SMTP server

Exit status: 0 when every delivery went through, 1 when some failed
(details on stderr), 2 for usage or configuration errors.`,
		Example: `  */5 * * * * cd /var/lib/redline && redline report --config /etc/redline/redline.yaml >> /var/log/redline/report.log 2>&1
  redline report --preview 12 > mail.html`,
		Args: argsBetween(0, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			modes := 0
			for _, on := range []bool{dryRun, status, preview != "", testTo != ""} {
				if on {
					modes++
				}
			}
			if modes > 1 {
				return usagef("report: --dry-run, --status, --preview and --test-to are separate runs: give one")
			}
			if len(args) > 0 && preview == "" {
				return usagef("report: unknown argument %q (FROM and TO go with --preview STORY)", args[0])
			}
			if len(args) == 1 {
				return usagef("report: --preview %s: give both FROM and TO, or neither", preview)
			}
			if asJSON && !status {
				return usagef("report: --json goes with --status")
			}
			if err := a.load(); err != nil {
				return err
			}
			switch {
			case preview != "":
				return a.reportPreview(cmd, preview, args)
			case testTo != "":
				return a.reportTestTo(cmd.Context(), testTo)
			}
			if !a.cfg.hasReports() {
				return usagef("report: config %s has no subscribers or webhooks: nothing to send (see redline config example)", a.configName())
			}
			rep, done, err := a.reporter(cmd.Context(), dryRun || status)
			if err != nil {
				return err
			}
			defer done()
			if status {
				st, err := rep.OutboxStatus(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					if st == nil {
						st = []redline.RecipientStatus{}
					}
					return writeJSON(a.stdout, st)
				}
				printOutboxStatus(a.stdout, st)
				return nil
			}
			r, err := rep.DeliverReports(cmd.Context(), redline.DeliveryRequest{DryRun: dryRun})
			if dryRun {
				if err == nil {
					printPlanned(a.stdout, r.Planned)
				}
				return err
			}
			for _, e := range r.Errors {
				how := "will be retried"
				if e.Permanent {
					how = "refused for good, not retried"
				}
				fmt.Fprintf(a.stderr, "%s %s: %s (%s)\n", e.Kind, e.Recipient, e.Error, how)
			}
			fmt.Fprintf(a.stdout, "report: %d queued, %d sent, %d failed, %d to retry\n", r.Queued, r.Sent, r.Failed, r.Retried)
			if err != nil {
				return err
			}
			if r.Failed+r.Retried > 0 {
				return fmt.Errorf("report: %w: %d of %d", errDeliveries, r.Failed+r.Retried, r.Sent+r.Failed+r.Retried)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&dryRun, "dry-run", false, "print what would be sent; send and mark nothing")
	f.BoolVar(&status, "status", false, "show the outbox per recipient")
	f.BoolVar(&asJSON, "json", false, "with --status: print it as JSON")
	f.StringVar(&preview, "preview", "", "print the HTML part of the mail for STORY's latest change (or versions FROM TO)")
	f.StringVar(&testTo, "test-to", "", "send one sample mail to this address now")
	return cmd
}

func (a *app) configName() string {
	if a.cfg.path == "" {
		return "(none: built-in defaults)"
	}
	return a.cfg.path
}

// reporter reaches the process that holds the database, or holds it for
// this run; readOnly suits a dry run and the status.
func (a *app) reporter(ctx context.Context, readOnly bool) (redline.Reporter, func(), error) {
	var (
		st    *store.Store
		local *reportService
	)
	c, h, err := dbowner.Reach(ctx, a.cfg.DB, a.cfg.Serve.clientToken(), dbowner.Wait, func() error {
		if readOnly {
			if _, err := os.Stat(a.cfg.DB); errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("no database at %s yet: track a story first (redline track URL) or pass --db", a.cfg.DB)
			}
		}
		var err error
		if st, err = a.openStore(readOnly); err != nil {
			return err
		}
		if local, err = a.newReportService(st); err != nil {
			st.Close()
			return usageError{err}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if c != nil {
		fmt.Fprintf(a.stderr, "the database is held by a running redline %s; asking it to run the reports\n", h.Role)
		return c, func() {}, nil
	}
	return local, func() { st.Close() }, nil
}

func printOutboxStatus(w io.Writer, st []redline.RecipientStatus) {
	tw := newTable(w)
	fmt.Fprintln(tw, "KIND\tRECIPIENT\tQUEUED\tSENT\tFAILED\tLAST SENT\tLAST ERROR")
	for _, s := range st {
		last := "-"
		if !s.LastSent.IsZero() {
			last = s.LastSent.Local().Format(time.DateTime)
		}
		errText := s.LastError
		if errText == "" {
			errText = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", s.Kind, s.Recipient, s.Queued, s.Sent, s.Failed, last, clip(errText))
	}
	_ = tw.Flush()
	for _, s := range st {
		if s.Failed > 0 {
			fmt.Fprintf(w, "\n%s %s: %d refused for good: %s\n", s.Kind, s.Recipient, s.Failed, s.LastError)
		}
	}
}

func printPlanned(w io.Writer, ps []redline.PlannedDelivery) {
	if len(ps) == 0 {
		fmt.Fprintln(w, "report --dry-run: nothing is due")
		return
	}
	for i, p := range ps {
		state := "new"
		if p.Queued {
			state = "queued"
		}
		fmt.Fprintf(w, "==> %d/%d: %s to %s (%s) %s\n", i+1, len(ps), p.Kind, p.Recipient, state, p.ID)
		io.WriteString(w, p.Body)
		if len(p.Body) > 0 && p.Body[len(p.Body)-1] != '\n' {
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "report --dry-run: %s would go; nothing was sent or marked\n", plural(len(ps), "delivery"))
}
