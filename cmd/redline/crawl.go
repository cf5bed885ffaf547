package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/metrics"
	"github.com/redline-news/redline/tracker"
)

func newCrawlCommand(a *app) *cobra.Command {
	var (
		all    bool
		asJSON bool
		budget time.Duration
		// metricsFile is a node-exporter textfile (e.g. in its
		// --collector.textfile.directory), rewritten after every pass.
		metricsFile string
	)
	cmd := &cobra.Command{
		Use:   "crawl [ID|URL...]",
		Short: "Check every story that is due, once (for cron)",
		Long: `crawl runs one pass: each story whose next check is due is fetched, its
article extracted and compared with the latest version; a real edit is stored
as a new version. It is the same pass the daemon runs on every tick.

Exit status: 0 when every story was checked, 1 when some failed (details on
stderr), 2 for usage or configuration errors.`,
		Example: `  */5 * * * * cd /srv/redline && redline crawl --log-format json >> crawl.log 2>&1`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := tracker.ParseBudget(budget.String()); err != nil {
				return usagef("crawl: --budget: %s", limitMsg(err))
			}
			if err := a.load(); err != nil {
				return err
			}
			var rec *metrics.Recorder
			if metricsFile != "" {
				rec = a.cronRecorder(metricsFile)
				a.observer = rec
			}
			s, err := a.session(cmd.Context(), owning)
			if err != nil {
				return err
			}
			defer s.Close()
			req := redline.CrawlRequest{All: all}
			if budget == 0 {
				budget = time.Duration(a.cfg.Crawler.RunBudget)
			}
			req.Budget = budget.String()
			if req.IDs, err = storyIDs(cmd, s, args); err != nil {
				return err
			}
			var bar *progressbar.ProgressBar
			if s.local != nil && !asJSON && isTerminal(a.stderr) {
				bar = newProgressBar(a.stderr)
				s.local.Progress = func(done, total int, r redline.StoryResult) {
					bar.ChangeMax(total)
					_ = bar.Set(done)
				}
			}
			if s.remote != "" {
				fmt.Fprintf(a.stderr, "the database is held by a running redline %s; asking it to crawl\n", s.remote)
			}
			report, err := s.svc.Crawl(cmd.Context(), req)
			if bar != nil {
				_ = bar.Finish()
			}
			// Written also after a failed pass: that is when an alert needs
			// the figures most.
			var metricsErr error
			if metricsFile != "" {
				metricsErr = a.writeCronMetrics(s, rec, metricsFile)
			}
			if errors.Is(err, tracker.ErrBusy) {
				return errors.Join(fmt.Errorf("crawl: not started: %w", err), metricsErr)
			}
			if err != nil && len(report.Stories) == 0 {
				return errors.Join(err, metricsErr)
			}
			// A pass stopped by a local failure (a full disk) still shows
			// what it did before stopping, then fails with the cause.
			if asJSON {
				if err := writeJSON(a.stdout, crawlJSON(report)); err != nil {
					return errors.Join(err, metricsErr)
				}
			} else {
				printCrawlReport(a.stdout, report)
			}
			for _, r := range report.Stories {
				if r.Result == redline.ResultFailed && (err == nil || r.Error != err.Error()) {
					fmt.Fprintf(a.stderr, "story %d %s: %s\n", r.ID, r.URL, r.Error)
				}
			}
			if err != nil {
				return errors.Join(err, metricsErr)
			}
			if report.Failures() {
				return errors.Join(fmt.Errorf("crawl: %w: %d of %d", errPartial, report.Failed, report.Checked()), metricsErr)
			}
			return metricsErr
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "check every active story now, regardless of its schedule")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the pass as JSON")
	cmd.Flags().StringVar(&metricsFile, "metrics-file", "", "after the pass, write its figures to this node-exporter textfile (Prometheus text format)")
	cmd.Flags().DurationVar(&budget, "budget", 0, "stop starting new checks after this long (default: config crawler.run_budget)")
	return cmd
}

func newProgressBar(w io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("checking"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// crawlJSON keeps the documented shape even for an empty pass.
func crawlJSON(r redline.CrawlReport) redline.CrawlReport {
	if r.Stories == nil {
		r.Stories = []redline.StoryResult{}
	}
	return r
}

func printCrawlReport(w io.Writer, r redline.CrawlReport) {
	for _, s := range r.Stories {
		switch s.Result {
		case redline.ResultNew:
			fmt.Fprintf(w, "story %d: first version %d  %s\n", s.ID, s.Version, s.URL)
		case redline.ResultChanged:
			fmt.Fprintf(w, "story %d: CHANGED → version %d (%s)  %s\n", s.ID, s.Version, s.Summary, s.URL)
		case redline.ResultReread:
			fmt.Fprintf(w, "story %d: re-read → version %d (%s)  %s\n", s.ID, s.Version, s.Summary, s.URL)
		case redline.ResultSuspect:
			fmt.Fprintf(w, "story %d: suspect page kept as a check (%s)  %s\n", s.ID, s.Summary, s.URL)
		case redline.ResultGone:
			fmt.Fprintf(w, "story %d: gone (%s)  %s\n", s.ID, s.Error, s.URL)
		}
	}
	printSkipped(w, r)
	fmt.Fprintf(w, "checked %s: %d changed, %d unchanged, %d failed",
		plural(r.Checked(), "story"), r.Changed, r.Unchanged, r.Failed)
	if r.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped", r.Skipped)
	}
	fmt.Fprintln(w)
}

// printSkipped gives one line per reason, not per story: a paused host
// can skip hundreds of stories, which `crawl --json` lists one by one.
func printSkipped(w io.Writer, r redline.CrawlReport) {
	var reasons []string
	count := map[string]int{}
	until := map[string]time.Time{}
	for _, s := range r.Stories {
		if s.Result != tracker.ResultSkipped {
			continue
		}
		if count[s.Reason] == 0 {
			reasons = append(reasons, s.Reason)
		}
		count[s.Reason]++
		until[s.Reason] = s.HostPausedUntil
	}
	for _, reason := range reasons {
		fmt.Fprintf(w, "skipped %s: %s", plural(count[reason], "story"), reason)
		if u := until[reason]; !u.IsZero() {
			fmt.Fprintf(w, " (until %s)", u.Format(time.RFC3339))
		}
		fmt.Fprintln(w)
	}
}
