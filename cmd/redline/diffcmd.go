package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/diff"
	"github.com/redline-news/redline/web"
)

func newDiffCommand(a *app) *cobra.Command {
	var (
		format  string
		context int
	)
	cmd := &cobra.Command{
		Use:   "diff ID|URL [FROM [TO]]",
		Short: "Word-level redline of two versions (default: latest vs previous)",
		Long: `diff shows what changed between two versions of a story: headline, byline and
notes separately, then the body with deleted words [-like this-] and added
words {+like this+} (in colour on a terminal).

FROM defaults to the version before TO; TO defaults to the latest.`,
		Args: argsBetween(1, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			render, err := diffRenderer(format, a.stdout)
			if err != nil {
				return err
			}
			return a.withStory(cmd, args[0], func(s *session, st web.StoryView) error {
				from, to := 0, st.Versions
				if len(args) >= 2 {
					if from, err = parseVersionArg(args[1]); err != nil {
						return err
					}
				}
				if len(args) == 3 {
					if to, err = parseVersionArg(args[2]); err != nil {
						return err
					}
				}
				if err := checkVersion(st, to); err != nil {
					return err
				}
				if len(args) < 2 {
					from = to - 1
				} else if err := checkVersion(st, from); err != nil {
					return err
				}
				newer, err := s.svc.Version(cmd.Context(), st.ID, to)
				if err != nil {
					return versionMissing(st, to, err)
				}
				var older redline.Version // version 0: empty, so a first version shows as all added
				if from > 0 {
					if older, err = s.svc.Version(cmd.Context(), st.ID, from); err != nil {
						return versionMissing(st, from, err)
					}
				}
				return writeDiff(a.stdout, st.ID, web.NewVersionView(older), web.NewVersionView(newer), format, render, diff.RenderOptions{Context: context})
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "auto", "auto, ansi, plain, html or json (auto: ansi on a terminal, else plain)")
	cmd.Flags().IntVar(&context, "context", 1, "unchanged paragraphs to show around each change (-1: all)")
	return cmd
}

func diffRenderer(format string, w io.Writer) (func(diff.Diff, diff.RenderOptions) error, error) {
	if format == "auto" {
		format = "plain"
		if isTerminal(w) {
			format = "ansi"
		}
	}
	switch format {
	case "plain":
		return func(d diff.Diff, o diff.RenderOptions) error { return diff.WritePlain(w, d, o) }, nil
	case "ansi":
		return func(d diff.Diff, o diff.RenderOptions) error { return diff.WriteANSI(w, d, o) }, nil
	case "html":
		return func(d diff.Diff, o diff.RenderOptions) error { return diff.WriteHTML(w, d, o) }, nil
	case "json":
		return func(d diff.Diff, _ diff.RenderOptions) error { return diff.WriteJSON(w, d) }, nil
	}
	return nil, usagef("diff: --format %q is not one of auto, ansi, plain, html, json", format)
}

// writeDiff prints a header naming the versions, then the rendered diff.
func writeDiff(w io.Writer, id redline.StoryID, older, newer web.VersionView, format string, render func(diff.Diff, diff.RenderOptions) error, o diff.RenderOptions) error {
	d := diff.Compare(older.Article(), newer.Article())
	if format != "json" {
		note := ""
		if newer.Reread && newer.N == older.N+1 {
			note = "  (no edit: the same page re-read by changed extraction rules)"
		}
		fmt.Fprintf(w, "story %d  v%d → v%d  %s%s\n", id, older.N, newer.N, d.Summary(), note)
	}
	return render(d, o)
}
