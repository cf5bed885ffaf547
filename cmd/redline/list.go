package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

func newListCommand(a *app) *cobra.Command {
	var (
		asJSON bool
		tag    string
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List tracked stories with status, versions and next check",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openSession(cmd.Context(), readOnly)
			if err != nil {
				return err
			}
			defer s.Close()
			stories, err := s.svc.Stories(cmd.Context())
			if err != nil {
				return err
			}
			out := []web.StoryView{}
			for _, st := range stories {
				if tag == "" || containsFold(st.Tags, tag) {
					out = append(out, web.NewStoryView(st))
				}
			}
			if asJSON {
				return writeJSON(a.stdout, out)
			}
			if len(out) == 0 {
				fmt.Fprintln(a.stdout, "no stories tracked yet: redline track URL")
				return nil
			}
			now := a.now()
			tw := newTable(a.stdout)
			fmt.Fprintln(tw, "ID\tSTATUS\tVER\tLAST CHANGE\tNEXT CHECK\tHEADLINE / URL")
			for _, st := range out {
				fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", st.ID, st.Status, st.Versions,
					ago(now, st.LastChanged), nextCheck(now, st), truncate(orURL(st.Headline, st.URL), 60))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			hosts, err := s.svc.Hosts(cmd.Context())
			if err != nil {
				return err
			}
			printPausedHosts(a.stdout, now, hosts)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().StringVar(&tag, "tag", "", "only stories with this tag")
	return cmd
}

// printPausedHosts says which hosts are not being asked, so an editor
// wondering why a story is not checked finds the reason under the table.
func printPausedHosts(w io.Writer, now time.Time, hosts []redline.HostPause) {
	for i, h := range hosts {
		label := "paused hosts: "
		if i > 0 {
			label = strings.Repeat(" ", len(label))
		}
		fmt.Fprintf(w, "%s%s until %s, in %s (%s)\n", label, h.Host,
			h.Until.In(now.Location()).Format(time.RFC3339), roundDuration(h.Until.Sub(now)), h.Reason)
	}
}

func nextCheck(now time.Time, st web.StoryView) string {
	if st.NextCheck == nil {
		if st.Status == redline.StatusActive {
			return "now (new)"
		}
		return "-"
	}
	when := "now"
	if d := st.NextCheck.Sub(now); d > 0 {
		when = "in " + roundDuration(d)
	}
	if st.NextReason != "" {
		when += " (" + st.NextReason + ")"
	}
	return when
}

func ago(now time.Time, t *time.Time) string {
	if t == nil {
		return "-"
	}
	return roundDuration(now.Sub(*t)) + " ago"
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}

func orURL(headline, url string) string {
	if strings.TrimSpace(headline) != "" {
		return headline
	}
	return url
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
