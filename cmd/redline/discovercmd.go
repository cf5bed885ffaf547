package main

import (
	"fmt"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline/tracker"
)

func newDiscoverCommand(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "discover",
		Short: "Read the configured feeds and section pages once; track developing stories",
		Long: `discover reads every entry of the config's feeds: list (RSS, Atom, JSON Feed,
Google News sitemaps, or section pages with a links pattern) and tracks the
stories that look developing (or all of them, with track: all). The daemon
runs it on its own every schedule.discover_every.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(); err != nil {
				return err
			}
			if len(a.cfg.Feeds) == 0 {
				return usagef("discover: no feeds configured (add a feeds: list to %s)", orDefault(a.cfg.path, defaultConfigFile))
			}
			s, err := a.session(cmd.Context(), owning)
			if err != nil {
				return err
			}
			defer s.Close()
			report, err := s.svc.Discover(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(a.stdout, report); err != nil {
					return err
				}
			} else {
				for _, f := range report.Feeds {
					switch {
					case f.Error != "":
						fmt.Fprintf(a.stdout, "%s: failed: %s\n", f.URL, f.Error)
					case f.NotModified:
						fmt.Fprintf(a.stdout, "%s: not modified\n", f.URL)
					default:
						fmt.Fprintf(a.stdout, "%s: %s, %s, %d newly tracked\n", f.URL, f.Kind, plural(f.Items, "item"), len(f.Tracked))
					}
				}
				fmt.Fprintf(a.stdout, "discovered %s in %s\n", plural(report.Tracked, "new story"), plural(len(report.Feeds), "feed"))
			}
			if report.Failed > 0 {
				return fmt.Errorf("discover: %w: %d of %d feeds", errPartial, report.Failed, len(report.Feeds))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// feeds converts the config's feeds; patterns were validated on load.
func (a *app) feeds() []tracker.Feed {
	out := make([]tracker.Feed, len(a.cfg.Feeds))
	for i, f := range a.cfg.Feeds {
		out[i] = tracker.Feed{URL: f.URL, TrackAll: f.Track == "all", Tags: f.Tags, Keywords: f.Keywords, Probe: f.Probe}
		if f.Links != "" {
			out[i].Links = regexp.MustCompile(f.Links)
		}
	}
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
