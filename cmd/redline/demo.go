package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
	"github.com/redline-news/redline/internal/clock"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

func newDemoCommand(a *app) *cobra.Command {
	var (
		keep   bool
		rounds int
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Offline tour: a simulated news site edits developing stories; redline tracks them",
		Long: `demo starts a simulated news site on 127.0.0.1 whose developing stories are
edited between rounds (paragraphs added and removed, numbers changed, headline
changed, a correction appended...), with the usual page noise on every fetch
(ads, "updated N minutes ago", a rotating most-read list, inline promos). It
tracks the stories, crawls every round into a temporary database (or --db),
then prints each story's log and the diffs. No network needed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.logLevel == "" {
				a.logLevel = "warn" // the demo's own output tells the story
			}
			if err := a.load(); err != nil {
				return err
			}
			if a.dbPath == "" && os.Getenv("REDLINE_DB") == "" {
				dir, err := os.MkdirTemp("", "redline-demo-")
				if err != nil {
					return fmt.Errorf("demo: temporary database: %w", err)
				}
				if !keep {
					defer os.RemoveAll(dir)
				}
				a.cfg.DB = filepath.Join(dir, "demo.db")
			}
			return a.demo(cmd.Context(), rounds, keep || a.dbPath != "")
		},
	}
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary database and print its path")
	cmd.Flags().IntVar(&rounds, "rounds", 0, "stop after this many rounds (default: every scripted edit)")
	return cmd
}

func (a *app) demo(ctx context.Context, maxRounds int, keep bool) error {
	site := newsroom.NewSite(newsroom.Options{Seed: time.Now().UnixNano()})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: start the simulated news site: %w", err)
	}
	srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	last := site.LastRound()
	if maxRounds <= 0 || maxRounds > last+1 {
		maxRounds = last + 1
	}
	// The clock moves a round (40 minutes) at a time, so the log reads like
	// a morning of edits rather than a few seconds.
	clk := clock.New(time.Now().Add(-time.Duration(maxRounds) * newsroom.DefaultRoundEvery).Truncate(time.Minute))
	a.now = clk.Now
	// The site is ours and on loopback: no need to wait between requests.
	a.cfg.Crawler.HostDelay = 0
	a.cfg.Crawler.MaxParallel = 4
	a.cfg.AllowPrivateTargets = true

	e, err := a.openTracker()
	if err != nil {
		return err
	}
	defer e.Close()
	svc := &tracker.Service{Store: e.store, Tracker: e.tracker, Line: web.ExportLineOf}

	fmt.Fprintf(a.stdout, "redline demo: simulated news site %q at %s\ndatabase: %s\n\n", site.Name(), base, a.cfg.DB)
	var ids []redline.StoryID
	for _, slug := range site.Slugs() {
		st, err := svc.Track(ctx, redline.TrackRequest{URL: site.StoryURL(base, slug), Tags: []string{"demo"}})
		if err != nil && !isExists(err) {
			return fmt.Errorf("demo: track %s: %w", slug, err)
		}
		ids = append(ids, st.ID)
		fmt.Fprintf(a.stdout, "tracking story %d: %s\n", st.ID, st.URL)
	}

	for round := 0; round < maxRounds; round++ {
		if round > 0 {
			site.Advance()
			clk.Advance(newsroom.DefaultRoundEvery)
		}
		report, err := e.tracker.Once(ctx, tracker.OnceOptions{IDs: ids})
		if err != nil {
			return fmt.Errorf("demo: round %d: %w", round, err)
		}
		fmt.Fprintf(a.stdout, "\n── round %d (%s) ──\n", round, clk.Now().Local().Format("15:04"))
		for _, er := range site.EditRounds() {
			if er.Round == round && round > 0 {
				fmt.Fprintf(a.stdout, "  newsroom edit on %s: %s\n", er.Slug, er.Edit.Description)
			}
		}
		printCrawlReport(a.stdout, report)
		if err := ctx.Err(); err != nil {
			return err
		}
	}

	fmt.Fprintln(a.stdout, "\n══ what redline recorded ══")
	render, _ := diffRenderer("auto", a.stdout)
	for _, id := range ids {
		history, err := svc.Log(ctx, id, false)
		if err != nil {
			return err
		}
		log := web.NewStoryLog(history)
		fmt.Fprintln(a.stdout)
		if err := printLog(a.stdout, log); err != nil {
			return err
		}
		for i := 1; i < len(log.Versions); i++ {
			older, err1 := svc.Version(ctx, id, log.Versions[i-1].N)
			newer, err2 := svc.Version(ctx, id, log.Versions[i].N)
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout)
			if err := writeDiff(a.stdout, id, web.NewVersionView(older), web.NewVersionView(newer), "auto", render, diff.RenderOptions{Context: 0}); err != nil {
				return err
			}
		}
	}
	if keep {
		fmt.Fprintf(a.stdout, "\nthe database is kept; try: redline --db %s list (or log 1, diff 1, show 1)\n", a.cfg.DB)
	}
	return nil
}
