package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	a := &app{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "redline",
		Short: "Track developing news stories and show every edit",
		Long: `redline watches news story URLs, re-fetches them on a schedule, extracts the
article, stores every real edit as a version and shows word-level diffs.

Run "redline demo" for an offline tour.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "config file (default ./redline.yaml when present)")
	pf.StringVar(&a.dbPath, "db", "", "database file (default: config's db, $REDLINE_DB, else ./redline.db)")
	pf.StringVar(&a.logLevel, "log-level", "", "debug, info, warn or error (default from config: info)")
	pf.StringVar(&a.logFormat, "log-format", "", "text or json (default from config: text)")

	root.AddCommand(
		newTrackCommand(a),
		newUntrackCommand(a),
		newCrawlCommand(a),
		newListCommand(a),
		newLogCommand(a),
		newShowCommand(a),
		newDiffCommand(a),
		newExtractCommand(a),
		newDemoCommand(a),
		newConfigCommand(a),
		newServeCommand(a),
		newDiscoverCommand(a),
		newBackupCommand(a),
		newCompactCommand(a),
		newCheckCommand(a),
		newExportCommand(a),
		newReportCommand(a),
		newSubscribersCommand(a),
	)
	return root
}

// noArgs rejects stray arguments as a usage error (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s: unknown command or argument %q (see %s --help)", cmd.CommandPath(), args[0], cmd.CommandPath())
	}
	return nil
}

// argsBetween is cobra.RangeArgs with usage-error exit codes.
func argsBetween(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return usagef("%s: wants %s, got %d (usage: %s)", cmd.CommandPath(), argCount(lo, hi), len(args), cmd.UseLine())
		}
		return nil
	}
}

func argCount(lo, hi int) string {
	if lo == hi {
		return plural(lo, "argument")
	}
	return fmt.Sprintf("%d to %d arguments", lo, hi)
}

func isExists(err error) bool { return errors.Is(err, redline.ErrStoryExists) }
